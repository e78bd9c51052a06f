import type { AdminCaller } from "../client/create-admin-core.js";
import { attributesResolver, type AttributesOption } from "./attributes.js";
import { compareAndSend } from "./compare-and-send.js";
import type { SyncFailure } from "./errors.js";
import { ignoreMatcher, type IgnoreOption } from "./ignore-rules.js";
import { listLocalFiles } from "./local-tree.js";
import { checkConcurrency } from "./pool.js";
import { SyncSteps, type Applied } from "./sync-steps.js";
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

/**
 * Where a sync stands. Files are hashed and requests sent at the same time (a file is uploaded as
 * soon as it is known to differ from the hosted copy), so events of both phases interleave; each
 * event counts its own phase.
 */
export interface SyncProgress {
  /** `hash`: a local file was read and hashed; `sync`: a request was answered (successful or not). */
  phase: "hash" | "sync";
  /** The path just finished. */
  path: string;
  /** Files hashed, or requests answered. */
  filesDone: number;
  /**
   * Files to hash (known from the start: the folder is walked first), or requests planned so far
   * (it grows as files are compared with the hosted ones; see `totalsFinal`).
   */
  filesTotal: number;
  /** Bytes hashed, or bytes of answered uploads. */
  bytesDone: number;
  /** Bytes of the uploads planned so far; undefined while hashing (sizes are learnt by reading). */
  bytesTotal: number | undefined;
  /**
   * Whether `filesTotal` and `bytesTotal` are final. Always true for `hash`; for `sync`, true once
   * every file has been compared (then only deletions, if any, are left to send). The last event
   * of a sync may still say false: when the last files compared needed no request.
   */
  totalsFinal: boolean;
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
 * (symlinks may not lead outside it: `HostingPathError`, before anything is sent), then, all at
 * once, list the hosted assets and read and hash every file once; as soon as a file is known to
 * differ from its hosted copy, upload it (or PATCH its attributes when they alone changed), while
 * other files are still being read. Once every file has been compared and its request answered,
 * delete remote-only files when `deleteRemoved` is set. If the listing or the hashing fails, the
 * other is stopped and the promise rejects with that error (an `AdminAuthError` for a wrong key).
 * Small files are uploaded from the bytes that were hashed (a file edited meanwhile is uploaded
 * as it was read; the next sync sends the edit), except those hashed before the listing arrived
 * past its first MiB; these and larger ones are read again and refused with `AssetChangedError`
 * if their size or modification time moved. A failing path does not stop the
 * others: it is reported in `failed` and the promise still resolves, so check
 * `result.failed.length`. The cache is invalidated, when asked, only if nothing failed (also when
 * nothing changed: a previous, interrupted run may have changed files). Running it again after an
 * interruption or a failure converges; over an unchanged folder it uploads nothing.
 *
 * @example
 * const result = await syncHosting(admin, { groupId, appId, dir: "./dist", deleteRemoved: true, invalidateCache: true });
 * if (result.failed.length) throw new AggregateError(result.failed.map((f) => f.error), "hosting sync failed");
 */
export async function syncHosting(
  client: AdminCaller,
  options: SyncHostingOptions,
): Promise<SyncResult> {
  return syncHostingSeen(client, options, undefined);
}

/**
 * `syncHosting`, handing `seen` the record of what it applied as soon as there is one. The record
 * grows as requests are answered, so after a sync that throws (an abort) it still says which
 * changes reached the server (`pushApp` reports them).
 */
export async function syncHostingSeen(
  client: AdminCaller,
  options: SyncHostingOptions,
  seen: ((applied: Applied) => void) | undefined,
): Promise<SyncResult> {
  try {
    return await sync(client, options, seen);
  } catch (error) {
    // Whichever step noticed the abort first, the caller gets the signal's reason.
    options.signal?.throwIfAborted();
    throw error;
  }
}

async function sync(
  client: AdminCaller,
  options: SyncHostingOptions,
  seen: ((applied: Applied) => void) | undefined,
): Promise<SyncResult> {
  const { groupId, appId, signal, onProgress } = options;
  assertAppId(appId, "syncHosting");
  const concurrency = checkConcurrency(
    options.concurrency ?? DEFAULT_SYNC_CONCURRENCY,
    "concurrency",
  );
  signal?.throwIfAborted();
  const skip = await ignoreMatcher(options.ignore);
  const entries = await listLocalFiles(options.dir, { ignore: skip, signal });
  const dryRun = options.dryRun ?? false;
  const steps = new SyncSteps(client, {
    groupId,
    appId,
    concurrency,
    dryRun,
    signal,
    // No progress object per request when nobody listens.
    onStep:
      onProgress &&
      ((step) =>
        onProgress({
          phase: "sync",
          path: step.path,
          filesDone: step.done,
          filesTotal: step.total,
          bytesDone: step.bytesDone,
          bytesTotal: step.bytesTotal,
          totalsFinal: step.totalsFinal,
        })),
  });
  seen?.(steps.applied);

  const unreadable = await compareAndSend(client, entries, steps, {
    groupId,
    appId,
    concurrency,
    dryRun,
    deleteRemoved: options.deleteRemoved ?? false,
    skip,
    attrsFor: attributesResolver(options.attrs),
    signal,
    onFile: (entry, done, bytesDone) =>
      onProgress?.({
        phase: "hash",
        path: entry.path,
        filesDone: done,
        filesTotal: entries.length,
        bytesDone,
        bytesTotal: undefined,
        totalsFinal: true,
      }),
  });
  await steps.remove();

  const { unchanged, ...applied } = steps.applied;
  const failed = [...unreadable, ...applied.failed].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  const result = { ...applied, failed, unchanged, cacheInvalidated: false, dryRun };
  if (dryRun || !options.invalidateCache || failed.length > 0) return result;
  try {
    await client.call(
      InvalidateHostingCache,
      { groupId, appId, body: { invalidate: true, path: "/*" } },
      { signal },
    );
    result.cacheInvalidated = true;
  } catch (error) {
    if (signal?.aborted) throw error;
    failed.push({ path: "/*", operation: "invalidateCache", error });
  }
  return result;
}
