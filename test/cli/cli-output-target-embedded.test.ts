/**
 * `-o FILE` inside a program that runs the CLI itself (`runCommand`, no bin signal handlers),
 * started as a process of its own (fixtures/embed-run.ts) so that real signals reach it. The
 * temporary file beside FILE is removed, and the signal raised again, only when the signal would
 * have ended the process anyway (nobody else listens); when the program listens, even once, its
 * process goes on, and so does the command, which then puts FILE in place. A gate in front of the
 * emulator holds the command's request, so each signal arrives while the command runs.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { projectRoot } from "../../spec/source.js";
import { withGate, type Match } from "./gate.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";

const EMBEDDER = join(import.meta.dirname, "fixtures", "embed-run.ts");
const isProfile: Match = (r) => r.method === "GET" && r.path.endsWith("/auth/profile");

let emu: RunningEmulator;
let work: string;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
  work = mkdtempSync(join(tmpdir(), "cli-output-target-embedded-"));
});
afterAll(async () => {
  await emu.stop();
  rmSync(work, { recursive: true, force: true });
});

/** `whoami --json -o FILE` in the embedding program, its stderr collected as it comes. */
function embedded(file: string, env: NodeJS.ProcessEnv) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", EMBEDDER, "whoami", "--json", "-o", file],
    { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  const done = once(child, "close").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    stderr,
  }));
  const said = async (text: string) => {
    while (!stderr.includes(text)) {
      const ended = await Promise.race([
        once(child.stderr, "data").then(() => false),
        done.then(() => true),
      ]);
      if (ended && !stderr.includes(text)) throw new Error(`ended before "${text}": ${stderr}`);
    }
  };
  return { child, done, said };
}

describe("-o in a program that runs the CLI itself", () => {
  it("a SIGHUP the program listens for (once) leaves its process running, and FILE is written", () =>
    withGate(emu.url, async (gate) => {
      const out = mkdtempSync(join(work, "listened-"));
      const file = join(out, "me.json");
      gate.hold(isProfile);
      const env = emulatorEnv(emu, { APPSERVICES_BASE_URL: gate.url, EMBED_LISTEN: "SIGHUP" });
      const run = embedded(file, env);
      const held = await gate.arrival(isProfile);
      expect(readdirSync(out).filter((name) => name.endsWith(".tmp"))).toHaveLength(1);
      run.child.kill("SIGHUP");
      await run.said("embedder: SIGHUP\n");
      held.release();
      const result = await run.done;
      expect(result).toEqual({ code: 0, signal: null, stderr: "embedder: SIGHUP\n" });
      expect(readdirSync(out)).toEqual(["me.json"]);
      // The command's whole document (the gate's URL aside, what it prints without -o).
      const direct = JSON.parse((await runCli(["whoami", "--json"], emulatorEnv(emu))).stdout);
      const written = JSON.parse(readFileSync(file, "utf8")) as { baseUrl: string };
      expect(written.baseUrl.startsWith(gate.url)).toBe(true);
      expect({ ...written, baseUrl: direct.baseUrl }).toEqual(direct);
    }));

  it("a SIGINT nobody listens for ends the process by it, with no temporary file left", () =>
    withGate(emu.url, async (gate) => {
      const out = mkdtempSync(join(work, "unheard-"));
      gate.hold(isProfile);
      const run = embedded(
        join(out, "me.json"),
        emulatorEnv(emu, { APPSERVICES_BASE_URL: gate.url }),
      );
      const held = await gate.arrival(isProfile);
      expect(readdirSync(out).filter((name) => name.endsWith(".tmp"))).toHaveLength(1);
      run.child.kill("SIGINT");
      const result = await run.done;
      expect(result).toMatchObject({ code: null, signal: "SIGINT" });
      await held.abandoned;
      expect(readdirSync(out)).toEqual([]);
      expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
    }));

  it("a SIGTERM nobody listens for, with two commands writing -o files at once, ends it and leaves neither", () =>
    withGate(emu.url, async (gate) => {
      const out = mkdtempSync(join(work, "two-"));
      gate.hold(isProfile);
      const env = emulatorEnv(emu, {
        APPSERVICES_BASE_URL: gate.url,
        EMBED_SECOND_OUTPUT: join(out, "second.json"),
      });
      const run = embedded(join(out, "first.json"), env);
      let seen = 0;
      const [first, second] = await Promise.all([
        gate.arrival(isProfile),
        gate.arrival((r) => isProfile(r) && ++seen === 2),
      ]);
      expect(readdirSync(out).filter((name) => name.endsWith(".tmp"))).toHaveLength(2);
      run.child.kill("SIGTERM");
      expect(await run.done).toMatchObject({ code: null, signal: "SIGTERM" });
      await Promise.all([first.abandoned, second.abandoned]);
      expect(readdirSync(out)).toEqual([]);
    }));
});
