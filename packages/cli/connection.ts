import type { Command } from "commander";
import { createAdminClient, type AdminClient } from "../client/create-admin-client.js";
import type { AdminLogger } from "../client/logger.js";
import { isObjectId } from "../client/object-id.js";
import { findApp } from "../deploy/find-app.js";
import { UsageError } from "./exit-codes.js";
import type { CliIo } from "./io.js";

/** The environment variables the CLI reads, by the flag each one stands in for. */
export const ENV = {
  publicKey: "APPSERVICES_PUBLIC_KEY",
  privateKey: "APPSERVICES_PRIVATE_KEY",
  groupId: "APPSERVICES_GROUP_ID",
  appId: "APPSERVICES_APP_ID",
  baseUrl: "APPSERVICES_BASE_URL",
} as const;

/** The connection flags as commander parses them. */
export interface ConnectionFlags {
  publicKey?: string;
  privateKey?: string;
  groupId?: string;
  appId?: string;
  baseUrl?: string;
  verbose?: boolean;
}

/** Adds the credential, project and app flags (each with its environment variable) to a command. */
export function addConnectionOptions(command: Command): Command {
  return command
    .option("--public-key <key>", `API public key (default $${ENV.publicKey})`)
    .option(
      "--private-key <key>",
      `API private key (default $${ENV.privateKey}; prefer the variable: arguments show in ps)`,
    )
    .option("--group-id <id>", `Atlas project id (default $${ENV.groupId})`)
    .option(
      "--app-id <id>",
      `the app's _id, or its client_app_id (myapp-abcde), which is looked up (default $${ENV.appId})`,
    )
    .option(
      "--base-url <url>",
      `Admin API base URL (default $${ENV.baseUrl}, else https://services.cloud.mongodb.com/api/admin/v3.0)`,
    )
    .option("--verbose", "debug events (login, refresh, retries) and full error details on stderr");
}

/** A client logged in as the flags or the environment say, for one project and app. */
export interface Connection {
  admin: AdminClient;
  groupId: string;
  /** The app's `_id` (resolved from a client_app_id when one was given). */
  appId: string;
}

/**
 * Builds the client from flags, falling back to the environment. Missing settings are reported
 * by name (flag and variable), never by value. The app id may be a client_app_id: `findApp`
 * turns it into the `_id` every call needs.
 */
export async function connect(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  io: CliIo,
  signal: AbortSignal,
): Promise<Connection> {
  const pick = (key: keyof typeof ENV) => nonEmpty(flags[key]) ?? nonEmpty(env[ENV[key]]);
  const publicKey = pick("publicKey");
  const privateKey = pick("privateKey");
  const groupId = pick("groupId");
  const appId = pick("appId");
  const missing = [
    publicKey ? undefined : `--public-key or $${ENV.publicKey}`,
    privateKey ? undefined : `--private-key or $${ENV.privateKey}`,
    groupId ? undefined : `--group-id or $${ENV.groupId}`,
    appId ? undefined : `--app-id or $${ENV.appId}`,
  ].filter((m): m is string => m !== undefined);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(", ")}`);
  io.redactor.add(publicKey);
  io.redactor.add(privateKey);
  const where = (key: keyof typeof ENV, flag: string) =>
    nonEmpty(flags[key]) !== undefined ? flag : `$${ENV[key]}`;
  if (!isObjectId(groupId)) {
    throw new UsageError(
      `${where("groupId", "--group-id")} must be the Atlas project id (24 hex digits), got ${JSON.stringify(groupId)}`,
    );
  }
  const baseUrl = pick("baseUrl");
  if (baseUrl !== undefined) checkBaseUrl(baseUrl, where("baseUrl", "--base-url"));
  let admin: AdminClient;
  try {
    admin = createAdminClient({
      baseUrl,
      credentials: { publicKey: publicKey!, privateKey: privateKey! },
      userAgent: "appservices-admin-cli",
      logger: flags.verbose ? verboseLogger(io) : undefined,
    });
  } catch (error) {
    // The client checks its options when it is made: whatever it refuses came from our settings.
    if (error instanceof TypeError || error instanceof RangeError)
      throw new UsageError(`invalid configuration: ${error.message}`);
    throw error;
  }
  if (isObjectId(appId)) return { admin, groupId: groupId!, appId: appId! };
  const app = await findApp(admin, { groupId: groupId!, clientAppId: appId!, signal });
  if (flags.verbose) io.err(`debug: app ${appId} is ${app._id}\n`);
  return { admin, groupId: groupId!, appId: app._id };
}

/**
 * The base URL setting, checked here so the message names the flag or variable it came from. A
 * user name or password in it is never echoed.
 */
function checkBaseUrl(value: string, where: string): void {
  // Everything up to the last "@" after "//" may be a user name or password: never shown.
  const shown = JSON.stringify(value.replace(/\/\/.*@/, "//***@"));
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `${where} must be an absolute http(s) URL such as https://services.cloud.mongodb.com/api/admin/v3.0, got ${shown}`,
    );
  }
  const wrong =
    url.protocol !== "https:" && url.protocol !== "http:"
      ? `must use http or https, got ${shown}`
      : url.username || url.password
        ? "must not hold a user name or password (the API key pair goes in --public-key and --private-key)"
        : url.search || url.hash
          ? `must not have a query or fragment, got ${shown}`
          : undefined;
  if (wrong) throw new UsageError(`${where} ${wrong}`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** The runtime's debug events, one line each on stderr (the runtime has already redacted them). */
function verboseLogger(io: CliIo): AdminLogger {
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    io.err(`${level}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ""}\n`);
  return { debug: line("debug"), warn: line("warn") };
}
