import { join } from "node:path";
import type { AdminCaller } from "../client/create-admin-core.js";
import { AdminApiError, AdminError } from "../core/errors.js";
import { assertAppId } from "../client/object-id.js";
import type { AssetAttribute } from "../hosting/multipart.js";
import { syncHosting } from "../hosting/sync-hosting.js";
import { parseAppFiles } from "./app-folder.js";
import { diffResources, type AppDiff } from "./app-diff.js";
import { sendImport, type AppTarget } from "./import-call.js";
import { APP_META, HOSTING_FILES_DIR, HOSTING_METADATA } from "./layout.js";
import { loadAppFolder, type LoadedFolder } from "./load-folder.js";
import { exists } from "./pull-hosting.js";
import { fetchAppFiles } from "./remote-files.js";
import { collectResources } from "./resources.js";

/** Options of `diffApp`. */
export interface DiffAppOptions {
  groupId: string;
  /** The app's `_id` (an ObjectId). */
  appId: string;
  /** The app folder (as `pullApp` writes it). */
  dir: string;
  /** Also compare `hosting/files/` with the hosted files (default false). */
  includeHosting?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * What a push of `dir` would change, without changing anything: the folder is checked (a
 * `ConfigValidationError` names every bad file, line and pointer), then compared per resource
 * with the deployed app (added, changed, removed), and the server is asked for its own diff
 * (`POST …/import?strategy=replace-by-name&diff=true`, as the official CLI's push does), both at
 * once. `formatAppDiff` prints the result; the object itself is the JSON form.
 *
 * @example
 * const diff = await diffApp(admin, { groupId, appId, dir: "./app" });
 * process.stdout.write(formatAppDiff(diff));
 */
export async function diffApp(client: AdminCaller, options: DiffAppOptions): Promise<AppDiff> {
  assertAppId(options.appId, "diffApp");
  const local = await loadAppFolder(options.dir);
  return compareWithApp(client, options, local);
}

/**
 * The diff of an already loaded folder (shared with `pushApp`). The server's diff carries the
 * folder's configuration, so it waits for `cleared` (a check that must pass before the
 * configuration leaves the machine) while the reads go ahead.
 */
export async function compareWithApp(
  client: AdminCaller,
  options: DiffAppOptions,
  local: LoadedFolder,
  cleared?: Promise<void>,
): Promise<AppDiff> {
  const { groupId, appId, signal } = options;
  const target: AppTarget = { groupId, appId, signal };
  const [remoteFiles, serverDiff, hosting] = await Promise.all([
    fetchAppFiles(client, target),
    (cleared ?? Promise.resolve()).then(() => offeredDiff(client, target, local)),
    options.includeHosting ? hostingPlan(client, target, local) : undefined,
  ]);
  remoteFiles.delete(APP_META);
  const changes = diffResources(
    collectResources(local.folder),
    collectResources(parseAppFiles(remoteFiles).folder),
  );
  const configChanged = serverDiff === undefined ? changes.length > 0 : serverDiff.length > 0;
  const hostingChanges = hosting
    ? hosting.upload.length + hosting.patch.length + hosting.delete.length > 0
    : false;
  return {
    changes,
    serverDiff,
    hosting,
    configChanged,
    hasChanges: configChanged || hostingChanges,
  };
}

/** The server's diff, or undefined when it has no such endpoint (404, 405, 501). */
async function offeredDiff(
  client: AdminCaller,
  target: AppTarget,
  local: LoadedFolder,
): Promise<string[] | undefined> {
  try {
    return (await sendImport(client, target, local.payload, { diff: true })) ?? [];
  } catch (error) {
    if (error instanceof AdminApiError && [404, 405, 501].includes(error.status)) return undefined;
    throw error;
  }
}

/** What syncing `hosting/files/` would do, with the attributes `hosting/metadata.json` gives. */
export async function hostingPlan(client: AdminCaller, target: AppTarget, local: LoadedFolder) {
  const filesDir = join(local.dir, HOSTING_FILES_DIR);
  // Syncing a missing folder would delete every hosted file: refuse instead.
  if (!(await exists(filesDir))) {
    throw new AdminError(
      `includeHosting: ${filesDir} does not exist (pull with includeHosting to create it, or leave hosting out)`,
    );
  }
  const result = await syncHosting(client, hostingSyncOptions(target, local, true));
  return { upload: result.uploaded, patch: result.attrsUpdated, delete: result.deleted };
}

/** `syncHosting` options for the folder's hosting: remote-only files are deleted, as the CLI does. */
export function hostingSyncOptions(target: AppTarget, local: LoadedFolder, dryRun: boolean) {
  const attrs: Record<string, AssetAttribute[]> = {};
  const metadata = local.folder.json.get(HOSTING_METADATA);
  for (const entry of Array.isArray(metadata) ? metadata : []) {
    attrs[entry.path] = entry.attrs ?? [];
  }
  return {
    ...target,
    dir: join(local.dir, HOSTING_FILES_DIR),
    deleteRemoved: true,
    dryRun,
    attrs,
  };
}
