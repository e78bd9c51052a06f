/**
 * The official CLI's dependencies flags on `push`, `diff` and `pull` (realm-cli
 * internal/commands/push/command.go, app/diff.go, pull/command.go), through the real program
 * against the emulator: what each sends, the flag conflicts (exit 2, nothing sent), the `--json`
 * field, a failed installation's exit and message.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";

let emu: RunningEmulator;
let admin: AdminClient;
let ids: { groupId: string; appId: string };
let work: string;
let dir: string;
beforeAll(async () => {
  // Installed at once: the first status read is `successful` unless a fault says otherwise.
  emu = await startEmulator({ logs: { count: 0 }, dependencyInstallMs: 0 });
  admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
  ids = { groupId: emu.groupId, appId: emu.appId };
  await admin.functions.createFunction({
    ...ids,
    body: { name: "hello", private: false, source: 'exports = () => "hello";\n' },
  });
  work = mkdtempSync(join(tmpdir(), "cli-deps-"));
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  await emu.stop();
  rmSync(work, { recursive: true, force: true });
});

let n = 0;
beforeEach(async () => {
  dir = join(work, `app${n++}`);
  const pulled = await runCli(["pull", "--local", dir], env());
  expect(pulled.code).toBe(0);
  emu.control.resetCounts();
});

const env = () => emulatorEnv(emu);
const json = <T>(stdout: string) => JSON.parse(stdout) as T;

function writePackage(name: string, version: string) {
  mkdirSync(join(dir, "functions/node_modules", name), { recursive: true });
  writeFileSync(
    join(dir, "functions/node_modules", name, "package.json"),
    JSON.stringify({ name, version }),
  );
}

async function installedNames(): Promise<unknown[] | undefined> {
  const all = await admin.dependencies.getAllDependencies(ids);
  return all.dependencies_list?.map((d) => d.name);
}

describe("push and diff dependencies flags", () => {
  it("diff --include-node-modules shows the dependencies; push --include-node-modules installs them (--json)", async () => {
    writePackage("lodash", "4.17.21");
    const diff = await runCli(["diff", "--local", dir, "--include-node-modules", "--json"], env());
    expect(diff.code).toBe(0);
    expect(json<any>(diff.stdout).dependencies).toEqual({
      added: [{ name: "lodash", version: "4.17.21" }],
      deleted: [],
      modified: [],
    });
    const exitCode = await runCli(
      ["apps", "diff", "--local", dir, "--include-node-modules", "--exit-code"],
      env(),
    );
    expect(exitCode.code).toBe(1);
    expect(exitCode.stdout).toContain("+ dependency lodash@4.17.21");

    const pushed = await runCli(
      ["push", "--local", dir, "--include-node-modules", "--json"],
      env(),
    );
    expect(pushed.stderr).toBe("");
    expect(pushed.code).toBe(0);
    expect(json<any>(pushed.stdout).dependencies).toEqual({
      source: "node-modules",
      path: "functions/node_modules",
      status: "successful",
      message: "",
    });
    expect(await installedNames()).toEqual(["lodash"]);
  });

  it("-d is --include-node-modules; the text output says what was installed", async () => {
    writePackage("ms", "2.1.3");
    const pushed = await runCli(["push", "--local", dir, "-d"], env());
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toContain("+ dependency ms@2.1.3");
    expect(pushed.stdout).toContain("dependencies: functions/node_modules installed");
    expect(await installedNames()).toEqual(["ms"]);
  });

  it("--include-package-json alone uploads functions/package.json", async () => {
    writeFileSync(
      join(dir, "functions/package.json"),
      JSON.stringify({ dependencies: { axios: "1.6.0" } }),
    );
    writePackage("not-sent", "1.0.0");
    const pushed = await runCli(["import", "--local", dir, "--include-package-json", "-y"], env());
    expect(pushed.stderr).toBe("");
    expect(pushed.code).toBe(0);
    expect(await installedNames()).toEqual(["axios"]);
  });

  it("refuses --include-package-json with either node_modules flag (exit 2), sending nothing", async () => {
    writePackage("lodash", "4.17.21");
    writeFileSync(join(dir, "functions/package.json"), "{}");
    const cases = [
      [["--include-node-modules", "--include-package-json"], "--include-node-modules"],
      [["-d", "--include-package-json"], "--include-dependencies"],
    ] as const;
    for (const command of ["push", "diff"]) {
      for (const [flags, other] of cases) {
        const run = await runCli([command, "--local", dir, ...flags], env());
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(
          `cannot use both ${other} and --include-package-json at the same time`,
        );
      }
    }
    expect(emu.control.requests()).toEqual([]);
  });

  it("a missing package.json is a usage error naming it, before any request", async () => {
    const run = await runCli(["push", "--local", dir, "--include-package-json"], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("functions/package.json");
    expect(emu.control.requests().filter((r) => !r.path.endsWith("/login"))).toEqual([]);
  });

  it("a failed installation exits 5 with the server's message", async () => {
    writePackage("left-pad", "1.3.0");
    emu.control.failNextDependencyInstall("npm ERR! left-pad was unpublished");
    const run = await runCli(["push", "--local", dir, "--include-node-modules"], env());
    expect(run.code).toBe(5);
    expect(run.stderr).toContain("while installing the dependencies");
    expect(run.stderr).toContain("npm ERR! left-pad was unpublished");
    expect(run.stderr).toContain("push again with the same dependencies flag");
  });

  it("an installation still running when --timeout runs out exits 8, as a deployment's does", async () => {
    writePackage("is-odd", "3.0.1");
    // Installing for ever: every status read says so.
    emu.control.failNext({
      method: "GET",
      path: "/groups/{groupId}/apps/{appId}/dependencies/status",
      status: 200,
      count: 1000,
      body: { status: "created", status_message: "processing request" },
    });
    const run = await runCli(
      ["push", "--local", dir, "--include-node-modules", "--timeout", "1"],
      env(),
    );
    emu.control.clearFaults();
    expect(run.code).toBe(8);
    expect(run.stderr).toContain(
      "the dependencies were still installing after 1000 ms (processing request); the server goes on installing them",
    );
    expect(run.stderr).toContain("still installing on the server");
  });
});

describe("pull --include-node-modules", () => {
  it("writes the node_modules archive the server keeps", async () => {
    writePackage("lodash", "4.17.21");
    expect((await runCli(["push", "--local", dir, "--include-node-modules"], env())).code).toBe(0);
    const into = join(work, "pulled-archive");
    emu.control.resetCounts();
    const run = await runCli(["pull", "--local", into, "--include-node-modules"], env());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(emu.control.requests().map((r) => r.operation)).toContain(
      "adminExportDependenciesArchive",
    );
    const zip = unzipSync(new Uint8Array(readFileSync(join(into, "functions/node_modules.zip"))));
    expect(Object.keys(zip)).toEqual(["node_modules/lodash/package.json"]);
    expect(existsSync(join(into, "functions/package.json"))).toBe(false);
  });

  it("refuses --include-node-modules with -d or --include-package-json (exit 2)", async () => {
    for (const flag of ["-d", "--include-package-json"]) {
      const into = join(work, `pulled-conflict${flag}`);
      const run = await runCli(["pull", "--local", into, "--include-node-modules", flag], env());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("cannot use both --include-node-modules and");
      expect(existsSync(into)).toBe(false);
    }
  });
});
