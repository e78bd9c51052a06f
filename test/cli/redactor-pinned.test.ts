/**
 * The secrets a command holds for its whole run (the key pair, a secret's value, a new user's
 * password, from the command line, the environment or stdin) stay known to its redactor however
 * many session tokens join it after them: the redactor keeps only the 16 most recent tokens, and a
 * long `logs --follow` registers two on every session change (every 30 minutes).
 */
import { Readable, Writable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { CliIo } from "../../packages/cli/io.js";
import { openClient } from "../../packages/cli/open-client.js";
import { openIo, runCommand } from "../../packages/cli/run.js";
import { Redactor } from "../../packages/core/redact.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, minimalEnv } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
});
afterAll(() => emu.stop());

const quietIo = (redactor: Redactor, input = ""): CliIo => ({
  out: async () => undefined,
  err: () => undefined,
  stdin: Readable.from([Buffer.from(input)]),
  errIsTTY: false,
  errStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
  redactor,
});

/** Twenty session changes' worth of tokens (two each), more than the redactor's recent list. */
function manySessions(redactor: Redactor): void {
  for (let i = 0; i < 40; i++) redactor.add(`token-${i}-${"t".repeat(24)}`);
}

it("the command line's and the environment's secrets outlive any number of session tokens", () => {
  const argv = ["users", "create", "--password", "hunter2-password", "--value=v4lue-secret"];
  const env = {
    APPSERVICES_PUBLIC_KEY: "pubkey-abcdef",
    APPSERVICES_PRIVATE_KEY: "priv-0123456789",
  };
  const io = openIo(argv, env, (redactor) => quietIo(redactor));
  manySessions(io.redactor);
  for (const secret of ["hunter2-password", "v4lue-secret", "pubkey-abcdef", "priv-0123456789"]) {
    expect(io.redactor.text(`said: ${secret}.`)).toBe("said: [REDACTED].");
  }
});

it("the key pair a client is opened with outlives them too", async () => {
  const io = quietIo(new Redactor());
  const flags = { ...emu.credentials, baseUrl: emu.url };
  await openClient(flags, minimalEnv(), io, { appId: false });
  manySessions(io.redactor);
  expect(io.redactor.text(`key ${emu.credentials.privateKey}`)).toBe("key [REDACTED]");
});

it("a secret's value read from stdin outlives them too", async () => {
  const args = ["secrets", "create", "--name", "db", "--value-stdin"];
  const env = emulatorEnv(emu);
  let redactor: Redactor | undefined;
  const io = openIo(args, env, (r) => quietIo((redactor = r), "stdin-s3cret-value\n"));
  expect(await runCommand(args, env, io, new AbortController().signal)).toBe(0);
  manySessions(redactor!);
  expect(redactor!.text("echo stdin-s3cret-value")).toBe("echo [REDACTED]");
});
