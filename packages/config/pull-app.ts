import { madeByFactory, type AdminCaller, type AdminCore } from "../client/create-admin-core.js";
import { AdminError } from "../core/errors.js";
import { assertAppId } from "../client/object-id.js";
import { allOrAbort, checkConcurrency, runPool } from "../hosting/pool.js";
import { PullDeclinedError, type PullOverwrites } from "./errors.js";
import { exportDependencies, type AppTarget } from "./import-call.js";
import {
  APP_META,
  checkFileName,
  isPulledPath,
  MANAGED_DIRS,
  mayHoldPulled,
  ROOT_CONFIG,
} from "./layout.js";
import { pullHosting } from "./pull-hosting.js";
import { fetchAppFiles } from "./remote-files.js";
import { openFolderUpdate } from "./write-folder.js";

/** Options of `pullApp`. */
export interface PullAppOptions {
  groupId: string;
  /** The app's `_id` (an ObjectId), not its `client_app_id`: see `findApp`. */
  appId: string;
  /** The folder to write (created if missing). Files outside the app's layout are left alone. */
  dir: string;
  /** Also write `hosting/metadata.json` and the hosted files under `hosting/files/` (default false). */
  includeHosting?: boolean | undefined;
  /**
   * Also write the functions' dependencies: `true` or `"package-json"`: `functions/package.json`
   * (or the `node_modules` archive when the server keeps no package.json); `"node-modules"`: the
   * `node_modules` archive (`functions/node_modules.zip`), as the official CLI's
   * `--include-node-modules` (a `functions/package.json` there is left as it is).
   */
  includeDependencies?: boolean | "package-json" | "node-modules" | undefined;
  /**
   * Write nothing, anywhere (no staging folder, no lock): compare only, and return what the pull
   * would write and delete (default false). The app is read as for a pull, but hosted files that
   * differ are not downloaded. The folder's own checks still throw (`PullFolderError`: a part that
   * cannot be written, a file where the app has a folder); another pull under way is not looked for.
   */
  dryRun?: boolean | undefined;
  /**
   * Asked, once every request has succeeded and before anything in the folder changes, when the
   * pull would overwrite files already in the folder (with other bytes) or delete some; never
   * when it only creates files (a new or empty folder) or changes nothing, nor with `dryRun`.
   * Answering false (or a promise of it) stops the pull with `PullDeclinedError`, nothing changed.
   * A pull cannot tell your edit of a file from the app's change of it: both count. A pull that
   * writes files has them staged and the folder's lock held while it is asked (another pull of
   * the folder fails meanwhile); one that only deletes takes the lock once told yes. Without
   * `confirm`, the pull overwrites and deletes without asking.
   */
  confirm?: ((changes: PullOverwrites) => boolean | Promise<boolean>) | undefined;
  /** Hosted files downloaded at once (default 8). */
  concurrency?: number | undefined;
  /** The fetch that downloads hosted files from their public URLs (default `globalThis.fetch`). */
  fetch?: typeof fetch | undefined;
  signal?: AbortSignal | undefined;
}

/** What a pull changed in the folder (with `dryRun`, would change). Paths are relative and sorted. */
export interface PullAppResult {
  /** Files created or rewritten. */
  written: string[];
  /** Files of the layout that the app no longer has, deleted. */
  deleted: string[];
  /** Files already up to date (not rewritten). */
  unchanged: number;
}

/**
 * Writes an app's configuration into `dir` in the official CLI's layout (config version
 * 20210101: `realm_config.json`, `functions/config.json` and `functions/<name>.js`,
 * `triggers/<name>.json`, `data_sources/…`, `http_endpoints/…`, `auth/…`, `values/`,
 * `environments/`, `graphql/`, `sync/`, `log_forwarders/`, `hosting/…`, and `.mdb/app_meta.json`).
 *
 * Byte-stable: every JSON file is printed with sorted keys, two-space indent and a final newline,
 * and a file whose bytes are already right is not rewritten, so pulling an unchanged app writes
 * nothing. Safe: new and changed files are staged beside the folder as they arrive and renamed in
 * only once every request has succeeded; if any request or write fails, the folder is left as it
 * was. Files of the layout that the app no longer has are deleted; anything else in the folder
 * (`.git`, a README, `node_modules`) is never touched. With `confirm`, a pull that would
 * overwrite or delete files already there asks first, and changes nothing if told no. One pull at
 * a time changes a folder: a pull that has something to write while another (of this or another
 * process) is under way fails with `PullInProgressError`, having changed nothing; what a killed
 * pull left beside the folder is removed by the next.
 *
 * Needs only `call` (a client from `createAdminCore` will do); `includeDependencies` also reads
 * a response header, which takes a client from `createAdminCore` or `createAdminClient`.
 *
 * @example
 * const { written } = await pullApp(admin, { groupId, appId, dir: "./app" });
 */
export function pullApp(
  client: AdminCaller,
  options: PullAppOptions & { includeDependencies?: false | undefined },
): Promise<PullAppResult>;
/** `pullApp` with `includeDependencies`: the export's file name comes from a response header. */
export function pullApp(client: AdminCore, options: PullAppOptions): Promise<PullAppResult>;
export async function pullApp(
  client: AdminCaller | AdminCore,
  options: PullAppOptions,
): Promise<PullAppResult> {
  const { groupId, appId, dir, signal } = options;
  assertAppId(appId, "pullApp");
  const includeHosting = options.includeHosting ?? false;
  const depsOption = options.includeDependencies ?? false;
  if (![true, false, "package-json", "node-modules"].includes(depsOption)) {
    throw new TypeError(
      `pullApp: includeDependencies must be true, false, "package-json" or "node-modules", got ${JSON.stringify(depsOption)}`,
    );
  }
  const includeDependencies = depsOption !== false;
  const concurrency = checkConcurrency(options.concurrency ?? 8, "concurrency");
  if (includeDependencies && !madeByFactory(client)) {
    throw new TypeError(
      "pullApp: includeDependencies needs a client from createAdminCore or createAdminClient (the export's file name is in a response header)",
    );
  }
  // The folder is walked while the first requests are under way: each side waits for it only
  // when it has something to write.
  const opening = openFolderUpdate(
    dir,
    {
      roots: [ROOT_CONFIG, APP_META.split("/")[0]!, ...MANAGED_DIRS],
      test: (path) => isPulledPath(path, { includeHosting, includeDependencies: depsOption }),
      walked: (folder) => mayHoldPulled(folder, includeHosting),
    },
    { dryRun: options.dryRun ?? false },
  );
  // Awaited by each side before it writes, and below: a failure is never left unobserved.
  opening.catch(() => undefined);
  try {
    // Each side writes what it fetched into staging while the other is still fetching. The
    // hosting listing is asked first: the downloads wait for it, the configuration's files not.
    await allOrAbort(
      async (stop) => {
        if (!includeHosting) return;
        const at: AppTarget = { groupId, appId, signal: stop };
        await pullHosting(client, at, opening, { dir, concurrency, fetch: options.fetch ?? fetch });
      },
      async (stop) => {
        const at: AppTarget = { groupId, appId, signal: stop };
        const [rendered, dependencies] = await Promise.all([
          fetchAppFiles(client, at),
          includeDependencies
            ? dependencyFile(client as AdminCore, at, depsOption === "node-modules")
            : undefined,
        ]);
        const files = new Map<string, string | Uint8Array>(rendered);
        if (dependencies) files.set(dependencies[0], dependencies[1]);
        const update = await opening;
        await runPool([...files], 16, ([path, content]) => update.put(path, content), stop);
      },
      signal,
    );
    signal?.throwIfAborted();
    const update = await opening;
    if (options.confirm && !update.dryRun) {
      const changes = update.pending();
      const asked = changes.overwritten.length > 0 || changes.deleted.length > 0;
      if (asked && !(await options.confirm(changes)))
        throw new PullDeclinedError(update.dir, changes);
      signal?.throwIfAborted();
    }
    return await update.commit();
  } finally {
    // A folder that could not be opened has nothing staged (and its error is the one thrown).
    await opening.then(
      (update) => update.dispose(),
      () => undefined,
    );
  }
}

/** `functions/package.json`, or the `node_modules` archive the server has instead. */
async function dependencyFile(
  client: AdminCore,
  target: AppTarget,
  archive: boolean,
): Promise<[string, Uint8Array]> {
  const { fileName, bytes } = await exportDependencies(client, target, archive);
  // The archive's answer is one: a package.json there would be written over the user's, unasked.
  const allowed = archive
    ? /^node_modules\.(?:zip|tar|tar\.gz|tgz)$/
    : /^(?:package\.json|node_modules\.(?:zip|tar|tar\.gz|tgz))$/;
  if (!allowed.test(checkFileName(fileName, "the dependencies export"))) {
    throw new AdminError(
      `the dependencies export is named ${JSON.stringify(fileName)}, not ${archive ? "" : "package.json or "}a node_modules archive`,
    );
  }
  return [`functions/${fileName}`, bytes];
}
