import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runCli as runCliMain } from "../../packages/cli/run.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { projectRoot } from "../../spec/source.js";

const MAIN = join(projectRoot, "packages", "cli", "main.ts");

/** What a finished CLI run printed, and how it ended. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
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
    ...overrides,
  };
}

/** A running CLI child process (the source through tsx), with its output collected as it comes. */
export interface CliChild {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when standard output contains `text` (rejects if the process ends first). */
  waitFor(text: string | RegExp): Promise<void>;
  done: Promise<CliRun>;
}

/** Starts `appservices-admin <args>` from the source. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = minimalEnv()): CliChild {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    cwd: projectRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const done = once(child, "close").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    stdout: out,
    stderr: err,
  }));
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

/** Runs `appservices-admin <args>` to completion. */
export function runCli(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CliRun> {
  return startCli(args, env).done;
}

/** PATH and HOME only: no APPSERVICES_* leaking in from the machine running the tests. */
export function minimalEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env["PATH"], HOME: process.env["HOME"] };
}

/**
 * Runs the CLI in this process, its output collected: for cases that end before any request
 * (configuration errors), where starting a child process per case would cost seconds each.
 */
export async function runCliInProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv = minimalEnv(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCliMain(args, env, (redactor) => ({
    out: async (text) => void (stdout += text),
    err: (text) => void (stderr += redactor.text(text)),
    errIsTTY: false,
    errStream: new PassThrough(),
    redactor,
  }));
  return { code, stdout, stderr };
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
