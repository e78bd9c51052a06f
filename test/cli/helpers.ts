import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { Readable, Writable } from "node:stream";
import { expect, inject } from "vitest";
import { openIo, runCommand } from "../../packages/cli/run.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { projectRoot } from "../../spec/source.js";
import { scratchDir } from "../setup/scratch.js";

/**
 * What belongs to one test file: its config folder and what its CLI runs printed. The fast tier
 * loads this module once per worker, not once per file (vitest.config.ts: no isolation), so the
 * state is keyed by the file running now; a file never sees another's logins or output. The
 * folder is the file's scratch, removed when the file ends: a run of the file again (watch
 * mode) starts afresh.
 */
const files = new Map<string, { configHome: string; printed: string[] }>();

function thisFile(): { configHome: string; printed: string[] } {
  const path = expect.getState().testPath ?? "";
  let state = files.get(path);
  if (state === undefined || !existsSync(state.configHome)) {
    state = { configHome: scratchDir("cli-config-"), printed: [] };
    files.set(path, state);
  }
  return state;
}

/**
 * The test file's own config folder ($XDG_CONFIG_HOME): saved logins never come from, or go to,
 * the account running the tests, or another test file.
 */
export function configHome(): string {
  return thisFile().configHome;
}

/**
 * Fails if anything any CLI run of this file printed holds one of `secrets` or anything shaped
 * like a session token (a JWT): the suite-wide check that no secret is ever printed.
 */
export function expectNoSecretPrinted(secrets: readonly string[]): void {
  const { printed } = thisFile();
  expect(printed.length).toBeGreaterThan(0);
  for (const output of printed) {
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
  }
}

/** What a finished CLI run printed, and how it ended. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** How a run ended, for one comparison: its exit code and the signal that killed it. */
export function howItEnded(run: CliRun): { code: number | null; signal: NodeJS.Signals | null } {
  return { code: run.code, signal: run.signal };
}

/** The environment that points the CLI at an emulator (and nothing else from the caller's). */
export function emulatorEnv(
  emu: RunningEmulator,
  overrides: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env["PATH"],
    HOME: process.env["HOME"],
    APPSERVICES_BASE_URL: emu.url,
    APPSERVICES_PUBLIC_KEY: emu.credentials.publicKey,
    APPSERVICES_PRIVATE_KEY: emu.credentials.privateKey,
    APPSERVICES_GROUP_ID: emu.groupId,
    APPSERVICES_APP_ID: emu.appId,
    XDG_CONFIG_HOME: configHome(),
    TMPDIR: process.env["TMPDIR"],
    ...overrides,
  };
}

/**
 * Runs `appservices-admin <args>` to completion in this process, as the bin would run it (the same
 * redactor, program and exit codes; `runCli` of packages/cli/run.ts adds only the process's signal
 * handlers), with stdout and stderr captured and `input` as standard input (empty when absent, as
 * when stdin is /dev/null). A rejection the command leaves unhandled fails the test (the suites'
 * setup), where the bin would exit with 70.
 */
export function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = minimalEnv(),
  input?: string,
): Promise<CliRun> {
  return runCliWith(args, env, {
    stdin: Readable.from(input === undefined ? [] : [Buffer.from(input)]),
  });
}

/** What `runCliWith` can stand in for: the process's signal, its stdin, its stdout. */
export interface InProcessOptions {
  /** Aborted where the bin would get SIGINT or SIGTERM. */
  signal?: AbortSignal;
  stdin?: Readable;
  /** Called with what the command writes to stdout, instead of collecting it. */
  out?: (text: string) => Promise<void>;
}

/** `runCli` with the process's parts given: an interruption, a stdin, a failing stdout. */
export async function runCliWith(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: InProcessOptions = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io = openIo(args, env, (redactor) => ({
    out: options.out ?? (async (text) => void (stdout += text)),
    err: (text) => void (stderr += redactor.text(text)),
    stdin: options.stdin ?? Readable.from([]),
    errIsTTY: false,
    // What progress bars would draw: on the real stderr, so here into the same text.
    errStream: new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        stderr += chunk.toString();
        done();
      },
    }),
    redactor,
  }));
  const code = await runCommand(args, env, io, options.signal ?? new AbortController().signal);
  thisFile().printed.push(stdout, stderr);
  return { code, signal: null, stdout, stderr };
}

/** A running CLI child process, with its output collected as it comes. */
export interface CliChild {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when standard output contains `text` (rejects if the process ends first). */
  waitFor(text: string | RegExp): Promise<void>;
  done: Promise<CliRun>;
}

/**
 * Starts `appservices-admin <args>` as a process of its own, from the CLI compiled once for this
 * run (test/setup/cli-bin.ts): for what only a process shows (signals, a piped stdin, the entry
 * module). `input` is written to its stdin; without it stdin is /dev/null. `direct` executes the
 * file itself, through its `#!/usr/bin/env node` line, as a shell runs the installed bin.
 */
export function startCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = minimalEnv(),
  { input, direct = false }: { input?: string; direct?: boolean } = {},
): CliChild {
  const bin = inject("cliBin");
  // This file's, taken now: the child may close after a later file started (it never should).
  const { printed } = thisFile();
  const child = spawn(direct ? bin : process.execPath, direct ? [...args] : [bin, ...args], {
    cwd: projectRoot,
    env,
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (input !== undefined) child.stdin!.end(input);
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const done = once(child, "close").then(([code, signal]) => {
    printed.push(out, err);
    return {
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
      stdout: out,
      stderr: err,
    };
  });
  const matches = (text: string | RegExp) =>
    typeof text === "string" ? out.includes(text) : text.test(out);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    done,
    waitFor: async (text) => {
      while (!matches(text)) {
        const ended = await Promise.race([
          once(child.stdout!, "data").then(() => false),
          done.then(() => true),
        ]);
        if (ended && !matches(text))
          throw new Error(`CLI ended before printing ${String(text)}: ${err}`);
      }
    },
  };
}

/**
 * PATH, HOME, the file's own config folder and its temporary folder (what a child leaves there
 * fails the file): no APPSERVICES_*, proxy or saved login leaking in from the machine running
 * the tests.
 */
export function minimalEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env["PATH"],
    HOME: process.env["HOME"],
    XDG_CONFIG_HOME: configHome(),
    TMPDIR: process.env["TMPDIR"],
  };
}

/**
 * The emulator's key pair and base URL only (`minimalEnv` besides): the command line or the
 * folder must say which project and app.
 */
export function keysOnlyEnv(emu: RunningEmulator): NodeJS.ProcessEnv {
  return {
    ...minimalEnv(),
    APPSERVICES_BASE_URL: emu.url,
    APPSERVICES_PUBLIC_KEY: emu.credentials.publicKey,
    APPSERVICES_PRIVATE_KEY: emu.credentials.privateKey,
  };
}

/** A loopback port nothing listens on: bound once, then released. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}
