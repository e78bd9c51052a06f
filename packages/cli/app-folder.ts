import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isObjectId } from "appservices-admin";
import { connect, type Connection, type ConnectionFlags } from "./connection.js";
import type { CliContext } from "./context.js";
import { UsageError } from "./exit-codes.js";
import { ENV } from "./open-client.js";

/** The flags of the commands that work on an app folder. */
export interface FolderFlags extends ConnectionFlags {
  /** The app folder (the official CLI's `--local`). */
  local?: string;
}

/** Where a pull writes the app's ids (the official CLI's `.mdb/app_meta.json`). */
const APP_META = join(".mdb", "app_meta.json");

/**
 * A connection to the app a folder belongs to: the folder's `.mdb/app_meta.json` (written by
 * every pull, also the official CLI's) names the project and app when neither flags nor the
 * environment do, so `push`, or `logs` run in a pulled folder (`dir` "."), needs no ids, as with
 * the official CLI. The folder's ids come before a saved login's defaults: the folder is the more
 * specific choice.
 */
export async function connectFolder(
  dir: string,
  flags: FolderFlags,
  ctx: CliContext,
): Promise<Connection> {
  const meta = await readAppMeta(dir);
  const appId = given(flags.appId, ENV.appId, ctx) ? flags.appId : meta?.app_id;
  const groupId = folderGroupId(dir, meta, flags, ctx);
  return connect({ ...flags, groupId, appId }, ctx.env, ctx.io, ctx.signal);
}

/**
 * `flags` with the project of the pulled folder at `dir` when neither flags nor the environment
 * name one: for the commands that need a project but no app (`apps create`, `api` on a
 * `{groupId}` path), which take it from the same places as the app commands.
 */
export async function folderProject<T extends ConnectionFlags>(
  dir: string,
  flags: T,
  ctx: CliContext,
): Promise<T> {
  // The folder is not read when a project is given: these commands need none of it, and one
  // whose app_meta.json cannot be read must not stop them.
  const meta = given(flags.groupId, ENV.groupId, ctx) ? undefined : await readAppMeta(dir);
  return { ...flags, groupId: folderGroupId(dir, meta, flags, ctx) };
}

/** The project flag as given, else (no variable either) the folder's, checked. */
function folderGroupId(
  dir: string,
  meta: { group_id?: string } | undefined,
  flags: ConnectionFlags,
  ctx: CliContext,
): string | undefined {
  // A flag or variable is left where it is, so that an error about it names it as given.
  const groupId = given(flags.groupId, ENV.groupId, ctx) ? flags.groupId : meta?.group_id;
  if (groupId !== undefined && groupId !== flags.groupId && !isObjectId(groupId)) {
    throw new UsageError(
      `${join(dir, APP_META)}: group_id must be the Atlas project id (24 hex digits), got ${JSON.stringify(groupId)}: fix it, or pull the folder again`,
    );
  }
  return groupId;
}

function given(flag: string | undefined, variable: string, ctx: CliContext): boolean {
  return flag !== undefined || Boolean(ctx.env[variable]?.trim());
}

/** The ids a pulled folder records, or undefined when it has none. */
export async function readAppMeta(
  dir: string,
): Promise<{ app_id?: string; group_id?: string } | undefined> {
  const file = join(dir, APP_META);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new UsageError(`cannot read ${file}: ${code ?? (error as Error).message}`);
  }
  try {
    const meta = JSON.parse(text) as unknown;
    if (typeof meta !== "object" || meta === null) throw new Error("not an object");
    const { app_id, group_id } = meta as Record<string, unknown>;
    return {
      app_id: typeof app_id === "string" ? app_id : undefined,
      group_id: typeof group_id === "string" ? group_id : undefined,
    };
  } catch (error) {
    throw new UsageError(`${file} is not JSON (${(error as Error).message}): fix or delete it`);
  }
}

/**
 * The folder `pull` makes when given none: named after the app, as the official CLI does. The
 * name comes from the server and is used only when it is one plain folder name: `..`, `/etc` or
 * `a/../../b` would put the app's files (and a pull's deletions) outside the working folder.
 */
export function folderForApp(name: unknown, appId: string): string {
  if (typeof name !== "string" || name === "") return appId;
  const plain =
    name !== "." &&
    name !== ".." &&
    !/[/\\\u0000-\u001f:]/.test(name) &&
    Buffer.byteLength(name) <= 255;
  if (!plain) {
    throw new UsageError(
      `the app's name ${JSON.stringify(name)} cannot name a folder: give the folder with --local`,
    );
  }
  return name;
}
