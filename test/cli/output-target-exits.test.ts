/**
 * `-o FILE` on the exits that are not a plain success: a refused `pull --json` (exit 2) still
 * writes its document (what the pull would change) to FILE, whole, as a CI script reads it; a
 * refusal with nothing on stdout leaves FILE as it was; and a second SIGINT, which exits at once,
 * leaves no temporary file beside FILE, nor touches FILE.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import type { AdminClient } from "../../packages/client/index.js";
import { withGate, type Match } from "./gate.js";
import { emulatorEnv, howItEnded, runCli, startCli } from "./helpers.js";
import { endPulledHelloApp, pulledHelloApp, type PulledHelloApp } from "./hello-app.js";

let emu: RunningEmulator;
let admin: AdminClient;
let ids: { groupId: string; appId: string };
let work: string;
let dir: string;
let hello: PulledHelloApp;
beforeAll(async () => {
  // hello.js is edited there: a pull would overwrite it, so it is refused; a push has it to make.
  ({ emu, admin, ids, work, dir } = hello = await pulledHelloApp("cli-output-target-exits-"));
});
afterAll(() => endPulledHelloApp(hello));

/** A fresh folder for FILE, so that whatever is left beside it shows. */
function outFolder(name: string): string {
  const out = join(work, name);
  mkdirSync(out);
  return out;
}

describe("-o with a refused pull", () => {
  it("--json: FILE gets the refusal's document, whole, mode 0600, exit 2 all the same", async () => {
    const expected = await runCli(["pull", "--local", dir, "--json"], emulatorEnv(emu));
    expect(expected.code).toBe(2);
    expect(JSON.parse(expected.stdout)).toMatchObject({
      refused: true,
      wouldOverwrite: ["functions/hello.js"],
    });
    const out = outFolder("refused-json");
    const file = join(out, "plan.json");
    writeFileSync(file, "an earlier run's plan, which a script must not read as this one's\n");
    const run = await runCli(["pull", "--local", dir, "--json", "-o", file], emulatorEnv(emu));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("nothing was changed");
    expect(readFileSync(file, "utf8")).toBe(expected.stdout);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(out)).toEqual(["plan.json"]);
  });

  it("without --json (nothing on stdout): FILE stays as it was, no temporary file", async () => {
    const out = outFolder("refused-text");
    const file = join(out, "kept.txt");
    writeFileSync(file, "before\n");
    const run = await runCli(["pull", "--local", dir, "-o", file], emulatorEnv(emu));
    expect(run.code).toBe(2);
    expect(readFileSync(file, "utf8")).toBe("before\n");
    expect(readdirSync(out)).toEqual(["kept.txt"]);
  });
});

const isImport: Match = (r) =>
  r.method === "POST" && r.path.endsWith("/import") && !r.query.has("diff");
const isDiscard: Match = (r) => r.method === "DELETE" && /\/drafts\/[^/]+$/.test(r.path);

describe("-o and a second SIGINT", () => {
  it("push --json -o FILE interrupted twice: exit 130, FILE as it was, no temporary file beside it", () =>
    withGate(emu.url, async (gate) => {
      const out = outFolder("interrupted");
      const file = join(out, "push.json");
      writeFileSync(file, "before\n");
      gate.hold(isImport);
      gate.hold(isDiscard);
      const cli = startCli(
        ["push", "--local", dir, "--json", "-o", file],
        emulatorEnv(emu, { APPSERVICES_BASE_URL: gate.url }),
      );
      await gate.arrival(isImport);
      // The temporary file is there while the push runs.
      expect(readdirSync(out).filter((name) => name.endsWith(".tmp"))).toHaveLength(1);
      cli.child.kill("SIGINT");
      // Stopping: the push waits for its draft's discard, which the gate holds.
      const discard = await gate.arrival(isDiscard);
      cli.child.kill("SIGINT");
      const result = await cli.done;
      expect(howItEnded(result)).toEqual({ code: 130, signal: null });
      expect(discard.held).toBe(true);
      await discard.abandoned;
      expect(readdirSync(out)).toEqual(["push.json"]);
      expect(readFileSync(file, "utf8")).toBe("before\n");
      // The draft the interrupted push left open.
      const [draft] = await admin.deploy.listDeploymentDrafts(ids);
      await admin.deploy.discardDraft({ ...ids, draftId: draft!._id! });
    }));
});

describe("-o and a hang-up (the terminal closed)", () => {
  it("SIGHUP during push -o FILE: the process ends by the signal, as before, with no temporary file left", () =>
    withGate(emu.url, async (gate) => {
      const out = outFolder("hung-up");
      const file = join(out, "push.txt");
      gate.hold(isImport);
      const cli = startCli(
        ["push", "--local", dir, "-o", file],
        emulatorEnv(emu, { APPSERVICES_BASE_URL: gate.url }),
      );
      const inFlight = await gate.arrival(isImport);
      expect(readdirSync(out).filter((name) => name.endsWith(".tmp"))).toHaveLength(1);
      cli.child.kill("SIGHUP");
      const result = await cli.done;
      expect(howItEnded(result)).toEqual({ code: null, signal: "SIGHUP" });
      await inFlight.abandoned;
      expect(readdirSync(out)).toEqual([]);
      // The draft the push had opened before the import it was killed in.
      const [draft] = await admin.deploy.listDeploymentDrafts(ids);
      await admin.deploy.discardDraft({ ...ids, draftId: draft!._id! });
    }));
});

describe("-o naming a folder", () => {
  it("is refused before the command runs (exit 2), the folder untouched", async () => {
    const out = outFolder("a-folder");
    emu.control.resetCounts();
    const run = await runCli(["whoami", "--json", "-o", out], emulatorEnv(emu));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `appservices-admin: --output-target ${out}: is a folder: name a file (see --help)\n`,
    );
    expect(emu.control.counts().total).toBe(0);
    expect(readdirSync(out)).toEqual([]);
    expect(readdirSync(work).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
