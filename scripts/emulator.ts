/**
 * npm run emulator -- [--port N] [--token-ttl SECONDS] [--log-count N] [--project APPS]...
 * Starts the Admin API emulator on 127.0.0.1, prints one JSON line
 * {"url","publicKey","privateKey","groupId","appId"} on stdout (plus "projects" when --project
 * added some), and serves until SIGINT/SIGTERM.
 */
import { parseArgs } from "node:util";
import { projectFlags, startEmulator, type ProjectSeed } from "../packages/emulator/index.js";
import { runMain } from "../spec/run-main.js";

const USAGE =
  "usage: npm run emulator -- [--port N] [--token-ttl SECONDS] [--log-count N] [--project NAME[:CLIENT_APP_ID],...]...";

class UsageError extends Error {
  readonly exitCode = 2;
}

function integer(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min)
    throw new UsageError(`${flag} must be an integer >= ${min}, got '${value}'`);
  return n;
}

/** `projectFlags`, its error a usage error. */
function projects(values: string[] | undefined): ProjectSeed[] | undefined {
  try {
    return values && projectFlags(values);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

runMain(async () => {
  let values: { port?: string; "token-ttl"?: string; "log-count"?: string; project?: string[] };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        "token-ttl": { type: "string" },
        "log-count": { type: "string" },
        project: { type: "string", multiple: true },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const port = integer(values.port, "--port", 0);
  if (port !== undefined && port > 65535)
    throw new UsageError(`--port must be at most 65535, got ${port}`);
  const emu = await startEmulator({
    port,
    accessTokenTtlSeconds: integer(values["token-ttl"], "--token-ttl", 1),
    logs: { count: integer(values["log-count"], "--log-count", 0) },
    projects: projects(values.project),
  });
  // Handlers go in before the line is printed: a reader may signal as soon as it sees it.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => void emu.stop().then(resolve, resolve);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  const { url, credentials, groupId, appId } = emu;
  console.log(
    JSON.stringify({
      url,
      publicKey: credentials.publicKey,
      privateKey: credentials.privateKey,
      groupId,
      appId,
      // Only when asked for: the line stays what it was for every existing reader.
      ...(values.project === undefined ? {} : { projects: emu.projects }),
    }),
  );
  await stopped;
});
