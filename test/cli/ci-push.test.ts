/**
 * `push` as a CI job runs it (key pair in the environment, output read from a log or parsed):
 * the two failures a deploy job meets most, a failed deployment (exit 7) and `--timeout` (exit 8),
 * say what happened and what to run next in this CLI's words, not the SDK's calls; and
 * `push --json` prints the fields the README documents.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "cli-ci-push-"));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** An emulator whose app has the function `hello`, pulled into a fresh folder. */
async function pulledApp(
  name: string,
  timing?: { createdMs: number; pendingMs: number },
  pullArgs: readonly string[] = [],
): Promise<{ emu: RunningEmulator; admin: AdminClient; dir: string }> {
  const emu = await startEmulator({
    logs: { count: 0 },
    ...(timing ? { deploymentTiming: timing } : {}),
  });
  const admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
  await admin.functions.createFunction({
    groupId: emu.groupId,
    appId: emu.appId,
    body: { name: "hello", private: false, source: 'exports = () => "hello";\n' },
  });
  const dir = join(work, name);
  const pulled = await runCli(["pull", "--local", dir, ...pullArgs], emulatorEnv(emu));
  expect(pulled.code, pulled.stderr).toBe(0);
  return { emu, admin, dir };
}

function edit(dir: string, text: string): void {
  writeFileSync(join(dir, "functions", "hello.js"), `exports = () => "${text}";\n`);
}

describe("push: a failed deployment and --timeout, as a CI log shows them", () => {
  let fast: Awaited<ReturnType<typeof pulledApp>>;
  let slow: Awaited<ReturnType<typeof pulledApp>>;
  beforeAll(async () => {
    fast = await pulledApp("fast");
    // Deployments that stay pending for an hour: a wait ends by --timeout, never by the server.
    slow = await pulledApp("slow", { createdMs: 0, pendingMs: 3_600_000 });
  });
  afterAll(async () => {
    for (const { emu } of [fast, slow]) {
      expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
      await emu.stop();
    }
  });

  it("a failed deployment: exit 7, the server's reason and that the app is as before, once", async () => {
    edit(fast.dir, "broken");
    fast.emu.control.failNextDeployment("SyntaxError: unexpected token in hello");
    const run = await runCli(["push", "--local", fast.dir], emulatorEnv(fast.emu));
    expect(run.code).toBe(7);
    const [deployment] = await fast.admin.deploy.listDeployments({
      groupId: fast.emu.groupId,
      appId: fast.emu.appId,
    });
    expect(deployment?.status).toBe("failed");
    const last = run.stderr.split("\n").filter(Boolean).at(-1);
    expect(last).toBe(
      `appservices-admin: push failed: deployment ${deployment!._id} failed: SyntaxError: unexpected token in hello; ` +
        "its draft was discarded, so the app is as before: fix the cause and push again",
    );
  });

  it("--timeout: exit 8, the deployment goes on, and the command that follows it (no SDK call named)", async () => {
    edit(slow.dir, "slow");
    const run = await runCli(
      ["push", "--local", slow.dir, "--timeout", "1"],
      emulatorEnv(slow.emu),
    );
    expect(run.code).toBe(8);
    const [deployment] = await slow.admin.deploy.listDeployments({
      groupId: slow.emu.groupId,
      appId: slow.emu.appId,
    });
    expect(deployment?.status).toBe("pending");
    const id = deployment!._id!;
    expect(run.stderr.split("\n").filter(Boolean).at(-1)).toBe(
      `appservices-admin: push failed: deployment ${id} was still pending when --timeout (1 s) ran out; ` +
        `it goes on on the server (follow it with appservices-admin deploy status ${id} --wait)`,
    );
    expect(run.stderr).not.toContain("waitForDeployment");
  });
});

describe("push -s", () => {
  let app: Awaited<ReturnType<typeof pulledApp>>;
  beforeAll(async () => {
    app = await pulledApp("hosted", { createdMs: 0, pendingMs: 3_600_000 }, ["-s"]);
  });
  afterAll(async () => {
    expectNoSecretPrinted([app.emu.credentials.publicKey, app.emu.credentials.privateKey]);
    await app.emu.stop();
  });

  it("--timeout: the line adds that hosting/files was not synced, and to push again", async () => {
    // A pull -s of an app without hosted files makes no hosting/files (nor would git keep one).
    mkdirSync(join(app.dir, "hosting", "files"), { recursive: true });
    writeFileSync(join(app.dir, "hosting", "files", "index.html"), "<h1>hi</h1>\n");
    edit(app.dir, "hosted");
    const run = await runCli(
      ["push", "--local", app.dir, "--timeout", "1", "-s"],
      emulatorEnv(app.emu),
    );
    expect(run.code, run.stderr).toBe(8);
    expect(run.stderr.split("\n").filter(Boolean).at(-1)).toMatch(
      /ran out; it goes on on the server \(follow it with appservices-admin deploy status \w+ --wait\); hosting\/files was not pushed: push again once it has succeeded$/,
    );
  });

  it("without hosting/files while the app has hosted files: exit 2 (the folder's problem, not the API's), in this CLI's flags, nothing changed", async () => {
    const bare = join(work, "bare");
    const pulled = await runCli(["pull", "--local", bare], emulatorEnv(app.emu));
    expect(pulled.code, pulled.stderr).toBe(0);
    // Without hosted files on the app, a missing hosting/files stands for none (push-hosting-missing.test.ts).
    const site = join(work, "site");
    mkdirSync(site);
    writeFileSync(join(site, "index.html"), "<h1>hi</h1>\n");
    const synced = await runCli(["hosting", "sync", site], emulatorEnv(app.emu));
    expect(synced.code, synced.stderr).toBe(0);
    app.emu.control.resetCounts();
    const files = join(bare, "hosting", "files");
    for (const args of [["push"], ["push", "-x"], ["diff"]]) {
      const run = await runCli([...args, "--local", bare, "-s"], emulatorEnv(app.emu));
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toBe(
        `appservices-admin: --include-hosting (-s): ${files} is not a folder, and the app has 1 ` +
          "hosted file(s), which syncing it would delete: pull -s writes them there; to delete " +
          `them, make it an empty folder (mkdir -p ${files}) and run again; or leave -s out (see --help)\n`,
      );
    }
    // The hosted files listed, nothing else: no draft, no deployment, no hosting change.
    const others = app.emu.control
      .requests()
      .filter((r) => !r.path.endsWith("/hosting/assets") && !r.path.includes("/auth/"));
    expect(others).toEqual([]);
  });
});

describe("push --json: the documented fields", () => {
  let app: Awaited<ReturnType<typeof pulledApp>>;
  beforeAll(async () => {
    app = await pulledApp("json");
  });
  afterAll(async () => {
    expectNoSecretPrinted([app.emu.credentials.publicKey, app.emu.credentials.privateKey]);
    await app.emu.stop();
  });

  it("a deploying push: diff, deployment, dryRun; nothing to push: no deployment; -x: dryRun true", async () => {
    edit(app.dir, "json");
    const pushed = await runCli(["push", "--local", app.dir, "--json"], emulatorEnv(app.emu));
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stderr).toBe("");
    const result = JSON.parse(pushed.stdout) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(["deployment", "diff", "dryRun"]);
    expect(result["dryRun"]).toBe(false);
    expect(result["deployment"]).toMatchObject({ status: "successful" });
    expect(result["diff"]).toMatchObject({
      hasChanges: true,
      configChanged: true,
      changes: [{ kind: "function", name: "hello", change: "changed" }],
    });

    for (const dry of [false, true]) {
      const again = await runCli(
        ["push", "--local", app.dir, "--json", ...(dry ? ["-x"] : [])],
        emulatorEnv(app.emu),
      );
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toEqual({
        diff: { changes: [], serverDiff: [], configChanged: false, hasChanges: false },
        dryRun: dry,
      });
    }
  });
});
