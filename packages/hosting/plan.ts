import { sameAttributes } from "./attributes.js";
import type { HashedEntry } from "./hash-tree.js";
import type { AssetAttribute } from "./multipart.js";

/** A local file as it should be hosted: content digest and the attributes it should carry. */
export interface LocalAsset extends HashedEntry {
  attrs: AssetAttribute[];
}

/** A hosted asset as the list call reports it (only what the plan compares). */
export interface RemoteAsset {
  path: string;
  hash: string;
  attrs: AssetAttribute[];
}

/** What a sync will do, path by path. Every list is sorted by path. */
export interface SyncPlan {
  /** New locally, or content changed (the upload carries the attributes too). */
  upload: LocalAsset[];
  /** Same content, different attributes (compared in any order): a PATCH, no upload. */
  patch: LocalAsset[];
  /** Hosted but gone locally (only with `deleteRemoved`). */
  delete: string[];
  /** Already in line. */
  unchanged: string[];
}

/**
 * Diffs local files against hosted assets the way the official CLI does: by path, then by MD5,
 * then by attributes in any order. Directory entries of the listing (`/`, `…/`) and paths the
 * sync ignores (tested at every folder level, as the local walk does) are left out, so an ignored
 * remote file is never deleted.
 */
export function planSync(
  local: readonly LocalAsset[],
  remote: readonly RemoteAsset[],
  options: {
    deleteRemoved: boolean;
    skip: (path: string) => boolean;
    unreadable?: readonly string[] | undefined;
  },
): SyncPlan {
  const hosted = new Map<string, RemoteAsset>();
  for (const asset of remote) {
    if (asset.path.endsWith("/") || ignoredRemote(asset.path, options.skip)) continue;
    hosted.set(asset.path, asset);
  }
  // A local file that could not be read still exists: its hosted copy is not "removed".
  for (const path of options.unreadable ?? []) hosted.delete(path);
  const plan: SyncPlan = { upload: [], patch: [], delete: [], unchanged: [] };
  for (const asset of local) {
    const there = hosted.get(asset.path);
    hosted.delete(asset.path);
    if (!there || there.hash.toLowerCase() !== asset.hash) plan.upload.push(asset);
    else if (!sameAttributes(there.attrs, asset.attrs)) plan.patch.push(asset);
    else plan.unchanged.push(asset.path);
  }
  if (options.deleteRemoved) plan.delete.push(...[...hosted.keys()].sort());
  return plan;
}

function ignoredRemote(path: string, skip: (path: string) => boolean): boolean {
  for (let at = path.indexOf("/", 1); at !== -1; at = path.indexOf("/", at + 1)) {
    if (skip(path.slice(0, at + 1))) return true;
  }
  return skip(path);
}
