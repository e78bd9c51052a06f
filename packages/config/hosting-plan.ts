import { join } from "node:path";
import type { AdminCaller } from "../client/create-admin-core.js";
import { AdminError } from "../core/errors.js";
import type { AssetAttribute } from "../hosting/multipart.js";
import { syncHosting, type SyncHostingOptions } from "../hosting/sync-hosting.js";
import type { AppFolder } from "./app-folder.js";
import type { HostingChanges } from "./app-diff.js";
import type { AppTarget } from "./import-call.js";
import { HOSTING_FILES_DIR, HOSTING_METADATA } from "./layout.js";
import type { LoadedFolder } from "./load-folder.js";
import { exists } from "./pull-hosting.js";

/**
 * What syncing `dir`'s `hosting/files/` would do, started while the folder is still `loading`:
 * the local files are listed and hashed at once (hashing is most of a no-op push), but the
 * sync's requests wait until the folder has passed its checks (nothing is sent for a folder that
 * fails them), and the attributes come from its `hosting/metadata.json`. Comparing a file needs
 * the hosted listing, so no file is compared before the folder is loaded.
 */
export async function hostingPlan(
  client: AdminCaller,
  target: AppTarget,
  dir: string,
  loading: Promise<LoadedFolder>,
): Promise<HostingChanges> {
  const filesDir = join(dir, HOSTING_FILES_DIR);
  // Syncing a missing folder would delete every hosted file: refuse instead.
  if (!(await exists(filesDir))) {
    throw new AdminError(
      `includeHosting: ${filesDir} does not exist (pull with includeHosting to create it, or leave hosting out)`,
    );
  }
  let attrs: Record<string, AssetAttribute[]> | undefined;
  const afterLoading: AdminCaller = {
    call: (async (...args: Parameters<AdminCaller["call"]>) => {
      attrs ??= metadataAttributes((await loading).folder);
      return client.call(...args);
    }) as AdminCaller["call"],
  };
  const result = await syncHosting(afterLoading, {
    ...hostingSyncOptions(target, dir, {}, true),
    attrs: (path) => {
      if (!attrs) throw new Error(`hosting plan: ${path} compared before the folder was loaded`);
      return Object.hasOwn(attrs, path) ? attrs[path] : undefined;
    },
  });
  return { upload: result.uploaded, patch: result.attrsUpdated, delete: result.deleted };
}

/** `syncHosting` options for the folder's hosting: remote-only files are deleted, as the CLI does. */
export function hostingSyncOptions(
  target: AppTarget,
  dir: string,
  attrs: Record<string, AssetAttribute[]>,
  dryRun: boolean,
): SyncHostingOptions {
  return { ...target, dir: join(dir, HOSTING_FILES_DIR), deleteRemoved: true, dryRun, attrs };
}

/** The attributes `hosting/metadata.json` gives, by path. */
export function metadataAttributes(folder: AppFolder): Record<string, AssetAttribute[]> {
  const attrs: Record<string, AssetAttribute[]> = {};
  const metadata = folder.json.get(HOSTING_METADATA);
  for (const entry of Array.isArray(metadata) ? metadata : []) {
    attrs[entry.path] = entry.attrs ?? [];
  }
  return attrs;
}
