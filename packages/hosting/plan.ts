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

/**
 * What a local file needs: `upload` (new, or content changed; the upload carries the attributes
 * too), `patch` (same content, different attributes in any order), or nothing (`unchanged`).
 */
export type FileAction = "upload" | "patch" | "unchanged";

/**
 * Diffs local files against hosted assets the way the official CLI does, one file at a time as
 * each is hashed: by path, then by MD5, then by attributes in any order. Directory entries of the
 * listing (`/`, `…/`) and paths the sync ignores (tested at every folder level, as the local walk
 * does) are left out, so an ignored remote file is never deleted.
 */
export class SyncPlanner {
  readonly #hosted = new Map<string, RemoteAsset>();
  readonly #deleteRemoved: boolean;

  constructor(
    remote: readonly RemoteAsset[],
    options: { deleteRemoved: boolean; skip: (path: string) => boolean },
  ) {
    this.#deleteRemoved = options.deleteRemoved;
    for (const asset of remote) {
      if (asset.path.endsWith("/") || ignoredRemote(asset.path, options.skip)) continue;
      this.#hosted.set(asset.path, asset);
    }
  }

  /** What `asset` needs; its hosted copy, if any, is then no longer a candidate for deletion. */
  decide(asset: LocalAsset): FileAction {
    const there = this.#hosted.get(asset.path);
    if (!there) return "upload";
    this.#hosted.delete(asset.path);
    if (there.hash.toLowerCase() !== asset.hash) return "upload";
    return sameAttributes(there.attrs, asset.attrs) ? "unchanged" : "patch";
  }

  /** Whether the listing holds a copy of `path` that no file has been compared with yet. */
  hosts(path: string): boolean {
    return this.#hosted.has(path);
  }

  /** A local file that could not be read still exists: its hosted copy is not "removed". */
  keep(path: string): void {
    this.#hosted.delete(path);
  }

  /**
   * Hosted paths no local file claimed, sorted: what `deleteRemoved` deletes (none without it).
   * Ask once every local file has been decided or kept.
   */
  removed(): string[] {
    return this.#deleteRemoved ? [...this.#hosted.keys()].sort() : [];
  }
}

function ignoredRemote(path: string, skip: (path: string) => boolean): boolean {
  for (let at = path.indexOf("/", 1); at !== -1; at = path.indexOf("/", at + 1)) {
    if (skip(path.slice(0, at + 1))) return true;
  }
  return skip(path);
}
