/**
 * Interruptions, each observed where it happens. SIGINT and SIGTERM stop a push cleanly: its
 * request in flight is aborted, its draft discarded, nothing deployed, exit 130 with one line. A
 * second SIGINT while it stops exits 130 at once. A command waiting for standard input, a batch,
 * a hosting sync and a pull stop with 130 and leave things as they were; a push whose deployment
 * has started names it. Signals go to the compiled bin (test/setup/cli-bin.ts); the rest runs in
 * process with the signal `runCli` would abort. A loopback gate in front of the emulator
 * (gate.ts) holds a request to keep a command at a known point and says when a request arrives or
 * is given up, so the tests wait for events, never for a timer.
 */
import { mkdirSync, readdirSync, readFileSync, watch, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminClient } from "../../packages/client/index.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { withGate, type Match } from "./gate.js";
import { emulatorEnv, howItEnded, runCliWith, startCli } from "./helpers.js";
import { endPulledHelloApp, pulledHelloApp, type PulledHelloApp } from "./hello-app.js";

let emu: RunningEmulator;
let admin: AdminClient;
let ids: { groupId: string; appId: string };
let work: string;
let dir: string;
let hello: PulledHelloApp;
beforeAll(async () => {
  // hello.js is edited there: every push below has this one change to make; none of them but the last may make it.
  ({ emu, admin, ids, work, dir } = hello = await pulledHelloApp("cli-interrupts-"));
});
afterAll(() => endPulledHelloApp(hello));

/** The import that applies the folder (not the one that asks for the server's diff). */
const isImport: Match = (r) =>
  r.method === "POST" && r.path.endsWith("/import") && !r.query.has("diff");
const isDiscard: Match = (r) => r.method === "DELETE" && /\/drafts\/[^/]+$/.test(r.path);

/** The app as a push would leave it: its drafts, its deployments, the function's source. */
async function appState() {
  const [fn] = await admin.functions.listFunctions(ids);
  return {
    drafts: (await admin.deploy.listDeploymentDrafts(ids)).length,
    deployments: (await admin.deploy.listDeployments(ids)).length,
    source: (await admin.functions.getFunction({ ...ids, functionId: fn!._id! })).source,
  };
}

describe("a first SIGINT or SIGTERM stops the command cleanly: exit 130", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "%s during push: the import in flight is aborted, the draft discarded, nothing deployed",
    (signal) =>
      withGate(emu.url, async (gate) => {
        const before = await appState();
        gate.hold(isImport);
        const cli = startCli(
          ["push", "--local", dir],
          emulatorEnv(emu, { APPSERVICES_BASE_URL: gate.url }),
        );
        const inFlight = await gate.arrival(isImport);
        cli.child.kill(signal);
        // The CLI closes the request it was waiting on: the server never gets the import.
        await inFlight.abandoned;
        const discard = await gate.arrival(isDiscard);
        const result = await cli.done;
        expect(howItEnded(result)).toEqual({ code: 130, signal: null });
        expect(result.stderr).toBe("appservices-admin: interrupted\n");
        expect(result.stdout).toBe("");
        expect(discard.held).toBe(false);
        await discard.answered;
        expect(await appState()).toEqual({ ...before, drafts: 0 });
        expect(before.drafts).toBe(0);
      }),
  );
});

describe("a second SIGINT while the command stops: exit 130 at once", () => {
  it("push interrupted twice exits while its draft's discard is still unanswered", () =>
    withGate(emu.url, async (gate) => {
      gate.hold(isImport);
      gate.hold(isDiscard);
      const cli = startCli(
        ["push", "--local", dir],
        emulatorEnv(emu, { APPSERVICES_BASE_URL: gate.url }),
      );
      await gate.arrival(isImport);
      cli.child.kill("SIGINT");
      // Stopping: the push now waits for the draft's discard, which the gate holds.
      const discard = await gate.arrival(isDiscard);
      cli.child.kill("SIGINT");
      const result = await cli.done;
      expect(howItEnded(result)).toEqual({ code: 130, signal: null });
      // It did not wait for the discard: the gate still holds it, unanswered.
      expect(discard.held).toBe(true);
      await discard.abandoned;
      // The draft the interrupted push left open, discarded here for the tests that follow.
      const [draft] = await admin.deploy.listDeploymentDrafts(ids);
      expect(draft?._id).toBeDefined();
      await admin.deploy.discardDraft({ ...ids, draftId: draft!._id! });
    }));
});

describe("an interruption while a command waits for its standard input: exit 130", () => {
  it.each([
    ["login --private-key-stdin", ["login", "--public-key", "pk", "--private-key-stdin"]],
    ["secrets create --value-stdin", ["secrets", "create", "--name", "s", "--value-stdin"]],
    ["api --data -", ["api", "POST", "/groups/{groupId}/apps/{appId}/values", "--data", "-"]],
    ["users create --password-stdin", ["users", "create", "--email", "a@b.c", "--password-stdin"]],
  ])("%s, with nothing typed yet", async (_, args) => {
    // A terminal where nothing has been typed: open, no data, no end.
    const stdin = new PassThrough();
    const reading = new Promise<void>((resolve) =>
      stdin.on("newListener", (event) => (event === "readable" ? resolve() : undefined)),
    );
    const controller = new AbortController();
    const running = runCliWith(args, emulatorEnv(emu), { stdin, signal: controller.signal });
    await reading;
    controller.abort(new Error("interrupted"));
    const { code, stderr } = await running;
    expect(code).toBe(130);
    expect(stderr).toBe("appservices-admin: interrupted\n");
  });
});

describe("an interrupted batch exits 130, not 1", () => {
  it("secrets delete a b, interrupted during the first: 130, neither deleted", async () => {
    for (const name of ["first", "second"])
      await admin.secrets.createSecret({ ...ids, body: { name, value: "v" } });
    await withGate(emu.url, async (gate) => {
      const isDelete: Match = (r) => r.method === "DELETE" && r.path.includes("/secrets/");
      gate.hold(isDelete);
      const args = ["secrets", "delete", "first", "second"];
      const env = emulatorEnv(emu, { APPSERVICES_BASE_URL: gate.url });
      const controller = new AbortController();
      const running = runCliWith(args, env, { signal: controller.signal });
      const first = await gate.arrival(isDelete);
      controller.abort(new Error("interrupted"));
      await first.abandoned;
      expect(await running).toMatchObject({
        code: 130,
        stdout: "",
        stderr: "appservices-admin: interrupted\n",
      });
    });
    const names = (await admin.secrets.getAllSecrets(ids)).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["first", "second"]));
  });
});

describe("an interrupted hosting sync: 130 after its progress so far", () => {
  it("interrupted during its first upload: nothing uploaded, nothing printed on stdout", () =>
    withGate(emu.url, async (gate) => {
      const site = join(work, "site");
      mkdirSync(site);
      for (const name of ["a.html", "b.html", "c.html"]) writeFileSync(join(site, name), name);
      const isUpload: Match = (r) => r.method !== "GET" && r.path.includes("/hosting/assets");
      gate.hold(isUpload);
      const controller = new AbortController();
      const running = runCliWith(
        ["hosting", "sync", site, "--concurrency", "1"],
        emulatorEnv(emu, { APPSERVICES_BASE_URL: gate.url }),
        { signal: controller.signal },
      );
      const upload = await gate.arrival(isUpload);
      controller.abort(new Error("interrupted"));
      await upload.abandoned;
      const result = await running;
      expect(result.code).toBe(130);
      expect(result.stdout).toBe("");
      // The hashing line as far as it got (no request was answered, so no sync line), then the
      // one line that says why it stopped.
      expect(result.stderr).toMatch(
        /^hashed \d\/3\+? files \(.+\)\nappservices-admin: interrupted\n$/,
      );
      const assets = await admin.hosting.getAllHostedAssets({ ...ids, recursive: true });
      expect(assets.map((a) => a.path).filter((p) => /^\/[abc]\.html$/.test(p ?? ""))).toEqual([]);
    }));
});

describe("an interrupted pull leaves the folder as it was", () => {
  it("SIGINT once a changed file is staged: 130, no file changed, no staging left", () =>
    withGate(emu.url, async (gate) => {
      const before = readFileSync(join(dir, "functions", "hello.js"), "utf8");
      const isListing: Match = (r) => r.path.endsWith("/hosting/assets");
      // The hosting side waits on its listing while the configuration side stages hello.js
      // (the server's differs from the folder's) in a folder beside the app's.
      gate.hold(isListing);
      const staged = new Promise<void>((resolve) => {
        const watcher = watch(work, (_event, name) => {
          if (!name?.startsWith(".app.pull-")) return;
          watcher.close();
          resolve();
        });
      });
      const cli = startCli(
        ["pull", "--local", dir, "--include-hosting"],
        emulatorEnv(emu, { APPSERVICES_BASE_URL: gate.url }),
      );
      await Promise.all([gate.arrival(isListing), staged]);
      cli.child.kill("SIGINT");
      const result = await cli.done;
      expect(howItEnded(result)).toEqual({ code: 130, signal: null });
      expect(result.stderr).toBe("appservices-admin: interrupted\n");
      expect(readFileSync(join(dir, "functions", "hello.js"), "utf8")).toBe(before);
      expect(readdirSync(work).filter((name) => name.startsWith(".app.pull-"))).toEqual([]);
    }));
});

// Last: these pushes reach the deploy call, so the app may change after them.
describe("a push interrupted once it has asked for the deployment says what goes on", () => {
  it("while the deploy call is in flight: 130, one line saying how to find what it started", () =>
    withGate(emu.url, async (gate) => {
      const isDeploy: Match = (r) => r.method === "POST" && r.path.endsWith("/deployment");
      gate.hold(isDeploy);
      const cli = startCli(
        ["push", "--local", dir],
        emulatorEnv(emu, { APPSERVICES_BASE_URL: gate.url }),
      );
      const deploy = await gate.arrival(isDeploy);
      cli.child.kill("SIGINT");
      await deploy.abandoned;
      const result = await cli.done;
      expect(howItEnded(result)).toEqual({ code: 130, signal: null });
      // The server may have started the deployment before the abort: the draft is kept, and
      // the line says how to find a deployment made from it (here none is: the gate held it).
      const [draft] = await admin.deploy.listDeploymentDrafts(ids);
      expect(result.stderr).toBe(
        `appservices-admin: interrupted: the deploy call for draft ${draft!._id} was in flight, ` +
          `so a deployment may have started: appservices-admin deploy list --json shows it with ` +
          `draft_id "${draft!._id}"; if none appears, the draft is still open (push again with ` +
          `--on-existing-draft reuse or discard)\n`,
      );
      await admin.deploy.discardDraft({ ...ids, draftId: draft!._id! });
    }));

  it("while it waits for the deployment: 130, names the deployment and how to follow it", () =>
    withGate(emu.url, async (gate) => {
      const isPoll: Match = (r) => r.method === "GET" && /\/deployments\/[^/]+$/.test(r.path);
      gate.hold(isPoll);
      const cli = startCli(
        ["push", "--local", dir],
        emulatorEnv(emu, { APPSERVICES_BASE_URL: gate.url }),
      );
      const poll = await gate.arrival(isPoll);
      const id = poll.path.split("/").pop()!;
      cli.child.kill("SIGINT");
      const result = await cli.done;
      expect(howItEnded(result)).toEqual({ code: 130, signal: null });
      expect(result.stderr).toBe(
        `deployment ${id}: created\n` +
          `appservices-admin: interrupted: deployment ${id} may still be running on the server ` +
          `(follow it with appservices-admin deploy status ${id} --wait)\n`,
      );
    }));
});
