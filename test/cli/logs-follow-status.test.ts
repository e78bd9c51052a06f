/**
 * `logs --follow` on a terminal says on stderr that it is waiting for entries; piped, or with
 * `--json`, stderr stays empty. Each run prints an entry the emulator holds, then is interrupted
 * as Ctrl-C would (exit 0, how a tail ends).
 */
import { Readable, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { openIo, runCommand } from "../../packages/cli/run.js";
import { emulatorEnv } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
  emu.control.appendLogs(1);
});
afterAll(async () => {
  await emu.stop();
});

/**
 * Runs `args` with stderr a terminal or not; a tail is interrupted once it printed its first
 * entry, another run ends by itself.
 */
async function followUntilFirstEntry(args: string[], errIsTTY: boolean) {
  const tail = args.includes("--follow") || args.includes("--tail");
  const controller = new AbortController();
  let stdout = "";
  let stderr = "";
  const env = emulatorEnv(emu);
  const io = openIo(args, env, (redactor) => ({
    out: async (text) => {
      stdout += text;
      if (tail) controller.abort(new Error("interrupted"));
    },
    err: (text) => void (stderr += redactor.text(text)),
    stdin: Readable.from([]),
    errIsTTY,
    errStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
    redactor,
  }));
  const code = await runCommand(args, env, io, controller.signal);
  expect(stderr).not.toContain(emu.credentials.privateKey);
  return { code, stdout, stderr };
}

describe("logs --follow status line", () => {
  it("on a terminal: one line on stderr saying it waits, and how often it looks", async () => {
    const run = await followUntilFirstEntry(
      ["logs", "--follow", "--start", "1h", "--interval", "7"],
      true,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).not.toBe("");
    expect(run.stderr).toBe("following new log entries (checked every 7 s); Ctrl-C to stop\n");
  });

  it("piped (stderr not a terminal): nothing on stderr", async () => {
    const run = await followUntilFirstEntry(["logs", "--follow", "--start", "1h"], false);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toBe("");
    expect(run.stderr).toBe("");
  });

  it("with --json, even on a terminal: nothing on stderr", async () => {
    const run = await followUntilFirstEntry(["logs", "--tail", "--start", "1h", "--json"], true);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty("_id");
    expect(run.stderr).toBe("");
  });

  it("without --follow, on a terminal: nothing on stderr", async () => {
    const run = await followUntilFirstEntry(["logs", "--start", "1h"], true);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toBe("");
    expect(run.stderr).toBe("");
  });
});
