import type { AdminCaller } from "../client/create-admin-core.js";
import { AdminApiError } from "../core/errors.js";
import { assertAppId } from "../client/object-id.js";
import { diffAppFiles, type AppDiff, type HostingChanges } from "./app-diff.js";
import {
  changesDependencies,
  diffDependencies,
  locateDependencies,
  readDependencies,
  type DependenciesDiff,
  type DependenciesUpload,
  type DependencySource,
} from "./dependencies.js";
import { changesHosting, hostingChanges, startHosting, type HostingRun } from "./hosting-plan.js";
import { sendImport, type AppTarget } from "./import-call.js";
import { APP_META } from "./layout.js";
import { loadAppFolder, type LoadedFolder } from "./load-folder.js";
import { fetchAppFiles } from "./remote-files.js";

/** Options of `diffApp`. */
export interface DiffAppOptions {
  groupId: string;
  /** The app's `_id` (an ObjectId). */
  appId: string;
  /** The app folder (as `pullApp` writes it). */
  dir: string;
  /** Also compare `hosting/files/` with the hosted files (default false). */
  includeHosting?: boolean | undefined;
  /**
   * Also ask the server what the functions' dependencies would change (`POST …/dependencies/diff`,
   * as the official CLI's diff and push): `"node-modules"` or `"package-json"`, see
   * `DependencySource`. The result is `diff.dependencies`.
   */
  includeDependencies?: DependencySource | undefined;
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
  return withFolderLoaded(client, options, async (local, hosting, dependencies) => {
    const target: AppTarget = options;
    const [diff, deps] = await Promise.all([
      compareWithApp(client, options, local, { hosting: hosting?.result.then(hostingChanges) }),
      dependencies && diffDependencies(client, target, dependencies),
    ]);
    return withDependencies(diff, deps);
  });
}

/**
 * Loads `options.dir` (see `loadAppFolder`) and runs `work` on it. With `includeDependencies`,
 * they are found first (a missing file fails before any request) and read with the folder. With `includeHosting`, the
 * hosting sync starts at once, hashing while the folder loads (see `startHosting`: a plan, or
 * with `applyHosting` the push's own sync, held), and `work` gets it. If the load or `work`
 * fails, the sync is stopped (its held requests failed) and waited for, and that error thrown.
 */
export async function withFolderLoaded<T>(
  client: AdminCaller,
  options: DiffAppOptions & { applyHosting?: boolean | undefined },
  work: (
    local: LoadedFolder,
    hosting: HostingRun | undefined,
    dependencies: DependenciesUpload | undefined,
  ) => Promise<T>,
): Promise<T> {
  const source = options.includeDependencies;
  const found = source && (await locateDependencies(options.dir, source));
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const loading = loadAppFolder(options.dir);
  const reading = found ? readDependencies(options.dir, source!, found) : undefined;
  // Observed at once: a load that fails first must not leave this one unhandled.
  reading?.catch(() => undefined);
  const target: AppTarget = { groupId: options.groupId, appId: options.appId, signal };
  const plan = !options.applyHosting;
  const hosting = options.includeHosting
    ? startHosting(client, target, options.dir, loading, plan)
    : undefined;
  try {
    return await work(await loading, hosting, await reading);
  } catch (error) {
    stop.abort(error);
    hosting?.cancel(error);
    await hosting?.result.catch(() => undefined);
    throw error;
  }
}

/** What `compareWithApp` may be given besides the folder. */
export interface CompareExtras {
  /** A check that must pass before the configuration leaves the machine (the server's diff carries it). */
  cleared?: Promise<void> | undefined;
  /** The hosting plan, already under way: the diff then includes hosting. */
  hosting?: Promise<HostingChanges> | undefined;
  /**
   * Ask the server first, and read the app for the per-resource comparison only when its diff
   * finds a change or it offers none (`pushApp`: a no-op push then reads and renders nothing it
   * does not need; a push that changes something waits one more round trip before its draft).
   */
  serverFirst?: boolean | undefined;
}

/**
 * The diff of an already loaded folder (shared with `pushApp`): the app is read while `cleared`
 * is awaited, or with `serverFirst` only after the server's diff, and then only when that diff
 * is not empty (an empty one gives no per-resource `changes`: nothing would change).
 */
export async function compareWithApp(
  client: AdminCaller,
  options: DiffAppOptions,
  local: LoadedFolder,
  extras: CompareExtras = {},
): Promise<AppDiff> {
  const { groupId, appId, signal } = options;
  const target: AppTarget = { groupId, appId, signal };
  const [remoteFiles, serverDiff, hosting] = await Promise.all([
    extras.serverFirst ? undefined : fetchAppFiles(client, target),
    (extras.cleared ?? Promise.resolve()).then(() => offeredDiff(client, target, local)),
    extras.hosting,
  ]);
  const changes =
    serverDiff?.length === 0 && extras.serverFirst
      ? []
      : localChanges(local, remoteFiles ?? (await fetchAppFiles(client, target)));
  const configChanged = serverDiff === undefined ? changes.length > 0 : serverDiff.length > 0;
  return withHosting(
    { changes, serverDiff, hosting: undefined, configChanged, hasChanges: configChanged },
    hosting,
  );
}

/** The folder's resources against the app's files (`fetchAppFiles`). */
function localChanges(local: LoadedFolder, remoteFiles: Map<string, string>) {
  remoteFiles.delete(APP_META);
  return diffAppFiles(local.folder, remoteFiles);
}

/** `diff` with the hosting changes added (and counted in `hasChanges`). */
export function withHosting(diff: AppDiff, hosting: HostingChanges | undefined): AppDiff {
  const hostingChanged = hosting ? changesHosting(hosting) : false;
  const hasChanges = diff.configChanged || hostingChanged || changesDependencies(diff.dependencies);
  return { ...diff, hosting, hasChanges };
}

/** `diff` with the dependencies' diff added (and counted in `hasChanges`), when there is one. */
export function withDependencies(diff: AppDiff, deps: DependenciesDiff | undefined): AppDiff {
  if (!deps) return diff;
  return { ...diff, dependencies: deps, hasChanges: diff.hasChanges || changesDependencies(deps) };
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
