import type { AdminClient } from "../client/create-admin-client.js";
import { AdminError } from "../core/errors.js";
import { assertAppId } from "../client/object-id.js";
import { checkConcurrency } from "../hosting/pool.js";
import { exportDependencies, type AppTarget } from "./import-call.js";
import { APP_META, checkFileName, isPulledPath, MANAGED_DIRS, ROOT_CONFIG } from "./layout.js";
import { pullHosting } from "./pull-hosting.js";
import { fetchAppFiles } from "./remote-files.js";
import { commitFolder, createStaging, type FileContent } from "./write-folder.js";

/** Options of `pullApp`. */
export interface PullAppOptions {
  groupId: string;
  /** The app's `_id` (an ObjectId), not its `client_app_id`: see `findApp`. */
  appId: string;
  /** The folder to write (created if missing). Files outside the app's layout are left alone. */
  dir: string;
  /** Also write `hosting/metadata.json` and the hosted files under `hosting/files/` (default false). */
  includeHosting?: boolean | undefined;
  /** Also write the functions' dependencies (`functions/package.json` or a `node_modules` archive). */
  includeDependencies?: boolean | undefined;
  /** Hosted files downloaded at once (default 8). */
  concurrency?: number | undefined;
  /** The fetch that downloads hosted files from their public URLs (default `globalThis.fetch`). */
  fetch?: typeof fetch | undefined;
  signal?: AbortSignal | undefined;
}

/** What a pull changed in the folder. Paths are relative and sorted. */
export interface PullAppResult {
  /** Files created or rewritten. */
  written: string[];
  /** Files of the layout that the app no longer has. */
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
 * and a file whose bytes are already right is not rewritten, so pulling an unchanged app changes
 * nothing. Safe: everything is fetched and staged beside the folder first; if any request or
 * write fails, the folder is left as it was. Files of the layout that the app no longer has are
 * deleted; anything else in the folder (`.git`, a README, `node_modules`) is never touched.
 *
 * @example
 * const { written } = await pullApp(admin, { groupId, appId, dir: "./app" });
 */
export async function pullApp(
  client: AdminClient,
  options: PullAppOptions,
): Promise<PullAppResult> {
  const { groupId, appId, dir, signal } = options;
  assertAppId(appId, "pullApp");
  const includeHosting = options.includeHosting ?? false;
  const includeDependencies = options.includeDependencies ?? false;
  const concurrency = checkConcurrency(options.concurrency ?? 8, "concurrency");
  const target: AppTarget = { groupId, appId, signal };
  const staging = await createStaging(dir);
  try {
    const [rendered, hosting, dependencies] = await Promise.all([
      fetchAppFiles(client, target),
      includeHosting
        ? pullHosting(client, target, { dir, staging, concurrency, fetch: options.fetch ?? fetch })
        : undefined,
      includeDependencies ? dependencyFile(client, target) : undefined,
    ]);
    const files = new Map<string, FileContent>(rendered);
    for (const [path, content] of hosting?.files ?? []) files.set(path, content);
    if (dependencies) files.set(dependencies[0], dependencies[1]);
    const owned = {
      roots: [ROOT_CONFIG, APP_META.split("/")[0]!, ...MANAGED_DIRS],
      test: (path: string) => isPulledPath(path, { includeHosting, includeDependencies }),
    };
    signal?.throwIfAborted();
    return await commitFolder(dir, files, owned, staging);
  } finally {
    await staging.remove();
  }
}

/** `functions/package.json`, or the `node_modules` archive the server has instead. */
async function dependencyFile(
  client: AdminClient,
  target: AppTarget,
): Promise<[string, Uint8Array]> {
  const { fileName, bytes } = await exportDependencies(client, target);
  const allowed = /^(?:package\.json|node_modules\.(?:zip|tar|tar\.gz|tgz))$/;
  if (!allowed.test(checkFileName(fileName, "the dependencies export"))) {
    throw new AdminError(
      `the dependencies export is named ${JSON.stringify(fileName)}, not package.json or a node_modules archive`,
    );
  }
  return [`functions/${fileName}`, bytes];
}
