import type { AdminCaller } from "../client/create-admin-core.js";
import { applyPlan } from "./apply-plan.js";
import { attributesResolver, type AttributesOption } from "./attributes.js";
import type { SyncFailure } from "./errors.js";
import { hashEntries } from "./hash-tree.js";
import { HeldContent } from "./held-content.js";
import { ignoreMatcher, type IgnoreOption } from "./ignore-rules.js";
import { listLocalFiles } from "./local-tree.js";
import { planSync, type LocalAsset } from "./plan.js";
import { allOrAbort, checkConcurrency } from "./pool.js";
import { listRemoteAssets } from "./remote-assets.js";
import { assertAppId } from "../client/object-id.js";
import { InvalidateHostingCache } from "../../generated/operations/hosting.js";

/**
 * Requests in flight when `concurrency` is not given. Chosen by measurement (`npm run
 * bench:hosting -- --latency 40 --concurrency N`, 500 files): with 40 ms of server latency a first
 * sync took 10.3 s at 4 (the official CLI's workers), 7.4 s at 8 and 4.1 s at 16 on a loaded
 * 2-core machine; without latency the client and a local server are CPU-bound and 4 and 8 are
 * alike. 8 rather than more: the real server's limits are not documented (the client waits out
 * a 429's Retry-After); pass more for a large site far away.
 */
export const DEFAULT_SYNC_CONCURRENCY = 8;

/** Where a sync stands. `hash`: reading local files; `sync`: sending the planned requests. */
export interface SyncProgress {
  phase: "hash" | "sync";
  /** The path just finished. */
  path: string;
  /** Files hashed, or planned requests finished (successful or not). */
  filesDone: number;
  filesTotal: number;
  /** Bytes hashed, or bytes of finished uploads. */
  bytesDone: number;
  /** Bytes of all planned uploads; undefined while hashing (sizes are learnt by reading). */
  bytesTotal: number | undefined;
}

/** Options of `syncHosting`. */
export interface SyncHostingOptions {
  groupId: string;
  /** The app's `_id` (an ObjectId). */
  appId: string;
  /** The local folder whose files become the hosted assets (`dir/a/b.html` -> `/a/b.html`). */
  dir: string;
  /** Delete hosted assets that have no local file (default false). */
  deleteRemoved?: boolean | undefined;
  /** Requests in flight at most (default `DEFAULT_SYNC_CONCURRENCY`, 8). */
  concurrency?: number | undefined;
  /** Plan only: list what would be uploaded, patched and deleted, and send nothing that changes anything. */
  dryRun?: boolean | undefined;
  /** After every operation succeeded, `PUT …/hosting/cache` `{invalidate: true, path: "/*"}` (default false). */
  invalidateCache?: boolean | undefined;
  /** Attributes per path (default: a `Content-Type` from the extension). */
  attrs?: AttributesOption | undefined;
  /** Paths to leave alone on both sides (never uploaded, never deleted). */
  ignore?: IgnoreOption | undefined;
  onProgress?: ((progress: SyncProgress) => void) | undefined;
  /** Stops the sync: no new request starts, running ones are cancelled, the promise rejects with the reason. */
  signal?: AbortSignal | undefined;
}

/** What a sync did (or, with `dryRun`, would do). Path lists are sorted. */
export interface SyncResult {
  uploaded: string[];
  deleted: string[];
  attrsUpdated: string[];
  /** Files already in line. */
  unchanged: number;
  /** Paths that could not be brought in line, each with its cause; the others went ahead. */
  failed: SyncFailure[];
  /** Whether the CDN cache was invalidated (only asked for, and only when nothing failed). */
  cacheInvalidated: boolean;
  dryRun: boolean;
}

/**
 * Makes an app's hosted files match a local folder, like the official CLI's push: walk `dir`
 * (symlinks may not lead outside it: `HostingPathError`), read and hash every file once (bounded
 * concurrency) while listing the hosted assets, then upload new and changed files, PATCH files
 * whose attributes alone changed, and delete remote-only files when `deleteRemoved` is set. If
 * the listing or the hashing fails, the other is stopped and the promise rejects with that error
 * (an `AdminAuthError` for a wrong key). Small files are uploaded from the bytes that were hashed
 * (a file edited meanwhile is uploaded as it was read; the next sync sends the edit); larger ones
 * are read again and refused with `AssetChangedError` if their size or modification time moved.
 * A failing path does not stop the others: it is reported in `failed` and the promise still
 * resolves, so check `result.failed.length`. The cache is invalidated, when asked, only if nothing failed (also
 * when nothing changed: a previous, interrupted run may have changed files). Running it again
 * after an interruption or a failure converges; over an unchanged folder it uploads nothing.
 *
 * @example
 * const result = await syncHosting(admin, { groupId, appId, dir: "./dist", deleteRemoved: true, invalidateCache: true });
 * if (result.failed.length) throw new AggregateError(result.failed.map((f) => f.error), "hosting sync failed");
 */
export async function syncHosting(
  client: AdminCaller,
  options: SyncHostingOptions,
): Promise<SyncResult> {
  try {
    return await sync(client, options);
  } catch (error) {
    // Whichever step noticed the abort first, the caller gets the signal's reason.
    options.signal?.throwIfAborted();
    throw error;
  }
}

async function sync(client: AdminCaller, options: SyncHostingOptions): Promise<SyncResult> {
  const { groupId, appId, signal, onProgress } = options;
  assertAppId(appId, "syncHosting");
  const concurrency = checkConcurrency(
    options.concurrency ?? DEFAULT_SYNC_CONCURRENCY,
    "concurrency",
  );
  signal?.throwIfAborted();
  const skip = await ignoreMatcher(options.ignore);
  const entries = await listLocalFiles(options.dir, { ignore: skip, signal });

  // The listing runs while files are hashed. Whichever fails first stops the other, and its
  // error is the one thrown (a wrong key fails the listing: hashing a large tree stops at once).
  const held = new HeldContent();
  const unreadable: SyncFailure[] = [];
  const [hashed, remote] = await allOrAbort(
    (stop) =>
      hashEntries(entries, {
        signal: stop,
        onError: (entry, error) =>
          unreadable.push({ path: entry.path, operation: "upload", error }),
        // A dry run uploads nothing: no content is worth keeping.
        bufferFor: options.dryRun ? undefined : (entry, size) => held.room(entry.path, size),
        onContent: options.dryRun ? undefined : (entry, bytes) => held.offer(entry, bytes),
        onFile: (entry, done, bytesDone) =>
          onProgress?.({
            phase: "hash",
            path: entry.path,
            filesDone: done,
            filesTotal: entries.length,
            bytesDone,
            bytesTotal: undefined,
          }),
      }),
    async (stop) => {
      const assets = await listRemoteAssets(client, { groupId, appId, signal: stop });
      held.hosted(assets);
      return assets;
    },
    signal,
  );
  const attrsFor = attributesResolver(options.attrs);
  const local: LocalAsset[] = hashed.map((entry) => ({ ...entry, attrs: attrsFor(entry.path) }));
  const plan = planSync(local, remote, {
    deleteRemoved: options.deleteRemoved ?? false,
    skip,
    unreadable: unreadable.map((failure) => failure.path),
  });
  const unchanged = plan.unchanged.length;
  if (options.dryRun) {
    const paths = (assets: LocalAsset[]) => assets.map((asset) => asset.path);
    const planned = {
      uploaded: paths(plan.upload),
      deleted: plan.delete,
      attrsUpdated: paths(plan.patch),
    };
    return { ...planned, unchanged, failed: unreadable, cacheInvalidated: false, dryRun: true };
  }

  const applied = await applyPlan(client, plan, {
    groupId,
    appId,
    concurrency,
    signal,
    content: (path) => held.take(path),
    onStep: (step) =>
      onProgress?.({
        phase: "sync",
        path: step.path,
        filesDone: step.done,
        filesTotal: step.total,
        bytesDone: step.bytesDone,
        bytesTotal: step.bytesTotal,
      }),
  });
  applied.failed = [...unreadable, ...applied.failed].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  let cacheInvalidated = false;
  if (options.invalidateCache && applied.failed.length === 0) {
    try {
      await client.call(
        InvalidateHostingCache,
        { groupId, appId, body: { invalidate: true, path: "/*" } },
        { signal },
      );
      cacheInvalidated = true;
    } catch (error) {
      if (signal?.aborted) throw error;
      applied.failed.push({ path: "/*", operation: "invalidateCache", error });
    }
  }
  return { ...applied, unchanged, cacheInvalidated, dryRun: false };
}
