import type { Command } from "commander";
import type { AdminClient } from "appservices-admin";
import { isObjectId } from "appservices-admin";
import { AppNotFoundError, AmbiguousAppError, findApp, type FoundApp } from "appservices-admin";
import type { CliIo } from "./io.js";
import { ENV, openClient, type ConnectionFlags } from "./open-client.js";
import type { CliFetch } from "./proxy.js";
import { DEFAULT_PROFILE, PROFILE_ENV } from "./profile-store.js";

export type { ConnectionFlags };

/** Adds the credential, project and app flags (each with its environment variable) to a command. */
export function addConnectionOptions(command: Command): Command {
  return command
    .option("--public-key <key>", `API public key (default $${ENV.publicKey})`)
    .option(
      "--private-key <key>",
      `API private key (default $${ENV.privateKey}; prefer the variable: arguments show in ps)`,
    )
    .option("--group-id <id>", `Atlas project id (default $${ENV.groupId})`)
    .option("--project <id>", "same as --group-id (the official CLI's name)")
    .option(
      "--app-id <id>",
      `the app's _id, its client_app_id (myapp-abcde) or its name, which are looked up (default $${ENV.appId})`,
    )
    .option("-a, --app <app>", "same as --app-id (the official CLI's name)")
    .option(
      "--base-url <url>",
      `Admin API base URL (default $${ENV.baseUrl}, else https://services.cloud.mongodb.com/api/admin/v3.0)`,
    )
    .option(
      "--profile <name>",
      `the saved login to use when no key pair is given (default $${PROFILE_ENV}, else "${DEFAULT_PROFILE}")`,
    )
    .option("--verbose", "debug events (login, refresh, retries) and full error details on stderr");
}

/** A client logged in as the flags, the environment or the saved login say, for one app. */
export interface Connection {
  admin: AdminClient;
  groupId: string;
  /** The app's `_id` (resolved from a client_app_id when one was given). */
  appId: string;
  /** The fetch the client uses (through the environment's proxy, if any), for other downloads. */
  fetch?: CliFetch | undefined;
  /** The API's base URL as set (undefined: the default). */
  baseUrl?: string | undefined;
}

/**
 * A client for one app of one project, from the flags, the environment or the saved login (see
 * `openClient`). The app id may be a client_app_id or, as the official CLI's `--app` allows, the
 * app's name: `findApp` turns it into the `_id` every call needs.
 */
export async function connect(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  io: CliIo,
  signal: AbortSignal,
): Promise<Connection> {
  const { admin, groupId, appId, fetch, baseUrl } = await openClient(flags, env, io, {
    groupId: true,
    appId: true,
  });
  const id = await resolveAppId(admin, groupId!, appId!, signal);
  if (flags.verbose && id !== appId) io.err(`debug: app ${appId} is ${id}\n`);
  return { admin, groupId: groupId!, appId: id, fetch, baseUrl };
}

/** A client for one project, for the commands that act on the project's apps. */
export async function connectProject(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<{ admin: AdminClient; groupId: string; baseUrl?: string | undefined }> {
  const { admin, groupId, baseUrl } = await openClient(flags, env, io, {
    groupId: true,
    appId: false,
  });
  return { admin, groupId: groupId!, baseUrl };
}

/** The `_id` of the app an `_id`, a client_app_id or a name stands for. */
export async function resolveAppId(
  admin: AdminClient,
  groupId: string,
  wanted: string,
  signal: AbortSignal,
): Promise<string> {
  if (isObjectId(wanted)) return wanted;
  return (await findAppByIdOrName(admin, groupId, wanted, signal))._id;
}

/**
 * The app whose client_app_id, else whose name, is `wanted`. The name is looked for among the
 * apps the first search listed (the error carries them), so a name costs no second listing.
 */
async function findAppByIdOrName(
  admin: AdminClient,
  groupId: string,
  wanted: string,
  signal: AbortSignal,
): Promise<Pick<FoundApp, "_id">> {
  try {
    return await findApp(admin, { groupId, clientAppId: wanted, signal });
  } catch (error) {
    if (!(error instanceof AppNotFoundError)) throw error;
    const named = error.candidates.filter(
      (app): app is typeof app & { _id: string } => app.name === wanted && app._id !== undefined,
    );
    if (named.length === 0) {
      throw new AppNotFoundError(groupId, `client_app_id or name "${wanted}"`, error.candidates);
    }
    if (named.length > 1) throw new AmbiguousAppError(groupId, `name "${wanted}"`, named);
    return named[0]!;
  }
}
