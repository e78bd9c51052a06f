import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";

/** Seeded log entries at most: a million take about a gigabyte and most of a minute to seed. */
const MAX_LOG_COUNT = 1_000_000;

interface EmulatorFlags {
  port?: string;
  tokenTtl?: string;
  logCount?: string;
  project?: string[];
  verbose?: boolean;
}

/**
 * `appservices-admin emulator`: the Admin API emulator on 127.0.0.1, as `npm run emulator` in the
 * repository. Prints one JSON line (url, the emulator's own throwaway key pair, group and app
 * ids) and serves until SIGINT/SIGTERM, then exits 0.
 */
export function emulatorCommand(program: Command, ctx: CliContext): void {
  program
    .command("emulator")
    .description(
      'start a local emulator of the Admin API for tests; prints {"url","publicKey","privateKey","groupId","appId"} and serves until interrupted',
    )
    .option("--port <n>", "port on 127.0.0.1 (default: any free port)")
    .option("--token-ttl <seconds>", "access-token lifetime (default 1800)")
    .option(
      "--log-count <n>",
      `log entries seeded for the app (default 3000, at most ${MAX_LOG_COUNT})`,
    )
    .option(
      "--project <apps>",
      'one more project the key reaches, with its apps: NAME[:CLIENT_APP_ID],... ("" for none); repeatable; the line then lists "projects"',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .action((flags: EmulatorFlags) => ctx.run(flags, () => runEmulator(flags, ctx)));
}

async function runEmulator(flags: EmulatorFlags, ctx: CliContext): Promise<number> {
  const port = integer(flags.port, "--port", 0);
  if (port !== undefined && port > 65535)
    throw new UsageError(`--port must be at most 65535, got ${port}`);
  const accessTokenTtlSeconds = integer(flags.tokenTtl, "--token-ttl", 1);
  const count = integer(flags.logCount, "--log-count", 0);
  if (count !== undefined && count > MAX_LOG_COUNT)
    throw new UsageError(`--log-count must be at most ${MAX_LOG_COUNT}, got ${count}`);
  // Loaded here: the emulator brings ajv and the operation schemas, which other commands never need.
  const { projectFlags, startEmulator } = await import("appservices-admin-emulator");
  let projects;
  try {
    projects = flags.project && projectFlags(flags.project);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const emu = await startEmulator({ port, accessTokenTtlSeconds, logs: { count }, projects }).catch(
    (error: unknown) => {
      throw portError(error, port) ?? error;
    },
  );
  const { url, credentials, groupId, appId } = emu;
  // "projects" only when asked for: the line stays what it was for every existing reader.
  const line = { url, publicKey: credentials.publicKey, privateKey: credentials.privateKey };
  await ctx.io.out(
    `${JSON.stringify({ ...line, groupId, appId, ...(projects && { projects: emu.projects }) })}\n`,
  );
  if (!ctx.signal.aborted) {
    await new Promise<void>((resolve) =>
      ctx.signal.addEventListener("abort", () => resolve(), { once: true }),
    );
  }
  await emu.stop();
  return 0;
}

/** A port that cannot be listened on is the command line's fault, not a bug. */
function portError(error: unknown, port: number | undefined): UsageError | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "EADDRINUSE")
    return new UsageError(
      `--port ${port} is already in use on 127.0.0.1: choose another, or leave --port out for any free port`,
    );
  if (code === "EACCES")
    return new UsageError(
      `--port ${port} needs privileges this process does not have: choose a port from 1024 up`,
    );
  return undefined;
}

function integer(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(`${flag} must be an integer >= ${min}, got "${value}"`);
  }
  return Number(value);
}
