import type { AdminCaller } from "../client/create-admin-core.js";
import type { SyncFailure } from "./errors.js";
import {
  DEFAULT_HASH_CONCURRENCY,
  digestEntries,
  type HashedEntry,
  type HashOptions,
} from "./hash-tree.js";
import { HeldContent } from "./held-content.js";
import type { LocalEntry } from "./local-tree.js";
import type { AssetAttribute } from "./multipart.js";
import { SyncPlanner, type LocalAsset } from "./plan.js";
import { allOrAbort, runPool } from "./pool.js";
import { listRemoteAssets } from "./remote-assets.js";
import type { SyncSteps } from "./sync-steps.js";
import { BUFFERED_BODY_BYTES } from "./multipart.js";
import { UploadBody } from "./upload-body.js";

/** Options of `compareAndSend`. */
export interface CompareOptions {
  groupId: string;
  appId: string;
  /** Requests in flight at most (the lanes that hash are at least as many). */
  concurrency: number;
  dryRun: boolean;
  deleteRemoved: boolean;
  /** Paths the sync leaves alone on both sides. */
  skip: (path: string) => boolean;
  /** The attributes each path should carry. */
  attrsFor: (path: string) => AssetAttribute[];
  signal?: AbortSignal | undefined;
  /** Called after each file is hashed, before anything is sent for it. */
  onFile?: HashOptions["onFile"];
}

/**
 * The heart of a sync: lists the hosted assets while hashing the local files (each read once),
 * and hands each file to `steps` as soon as both its hash and the listing are known, so uploads
 * go out while other files are still being read. Resolves once every file has been compared and
 * its request answered, with the deletions planned in `steps`, to the files that could not be
 * read. Whichever of hashing and listing fails first stops the other, and its error is the one
 * thrown (a wrong key fails the listing: hashing a large tree stops at once).
 */
export async function compareAndSend(
  client: AdminCaller,
  entries: readonly LocalEntry[],
  steps: SyncSteps,
  options: CompareOptions,
): Promise<SyncFailure[]> {
  const { groupId, appId, concurrency, dryRun, deleteRemoved, skip, attrsFor, signal } = options;
  // Files hashed before the listing arrived wait here, with their content while it fits (a dry
  // run keeps none), and are sent as soon as it arrives. From then on, a file is compared as soon
  // as it is hashed and its request sent from the same lane, from the buffer it was read into: a
  // small file the listing does not have is read straight into its upload body.
  let planner: SyncPlanner | undefined;
  const held = new HeldContent();
  const bodies = new Map<string, UploadBody>();
  const roomFor = (entry: LocalEntry, size: number, known: SyncPlanner) => {
    if (size === 0 || size > BUFFERED_BODY_BYTES || known.hosts(entry.path)) return undefined;
    let attrs;
    try {
      attrs = attrsFor(entry.path);
    } catch {
      return undefined; // thrown again, as for any file, when the file is compared
    }
    const body = new UploadBody({ path: entry.path, size, appId, attrs });
    bodies.set(entry.path, body);
    return body.content;
  };
  const waiting: HashedEntry[] = [];
  const unreadable: SyncFailure[] = [];
  // Once every file has been compared (or found unreadable: its hosted copy is kept), what is
  // left of the listing is known, so the totals of the progress are final.
  let compared = 0;
  const planDeletions = (known: SyncPlanner) => {
    for (const failure of unreadable) known.keep(failure.path);
    steps.planDeletions(known.removed());
  };
  const countCompared = () => {
    if (++compared === entries.length && planner) planDeletions(planner);
  };
  // What a hashed file needs, sent now; undefined (nothing to wait for) when it is in line.
  const settle = (entry: HashedEntry, bytes: Uint8Array | undefined, known: SyncPlanner) => {
    // No lookup at all when no body waits (a no-op sync, or files the listing has).
    const body = bodies.size ? bodies.get(entry.path) : undefined;
    if (body) bodies.delete(entry.path);
    // Spelt out rather than spread: a literal of known shape costs a fraction of a spread copy.
    const { path, file, hash, size, mtimeMs } = entry;
    const attrs = body ? body.attrs : attrsFor(path);
    const asset: LocalAsset = { path, file, hash, size, mtimeMs, attrs };
    const action = known.decide(asset);
    countCompared();
    if (action !== "unchanged")
      return steps.file(asset, action, bytes, body?.finish(bytes, entry.hash));
    steps.applied.unchanged++;
    return undefined;
  };
  // As many lanes as requests may be in flight, and at least as many as hashing wants.
  const lanes = Math.max(concurrency, DEFAULT_HASH_CONCURRENCY);
  const [, known] = await allOrAbort(
    (stop) =>
      digestEntries(entries, {
        concurrency: lanes,
        signal: stop,
        onError: (entry, error) => {
          bodies.delete(entry.path);
          unreadable.push({ path: entry.path, operation: "upload", error });
          countCompared();
        },
        bufferFor: dryRun
          ? undefined
          : (entry, size) => (planner ? roomFor(entry, size, planner) : held.room(size)),
        onFile: options.onFile,
        onRead: (entry, bytes) => {
          if (!planner) {
            if (bytes && !dryRun) held.offer(entry, bytes);
            waiting.push(entry);
            return undefined;
          }
          return settle(entry, bytes, planner);
        },
      }),
    async (stop) => {
      const assets = await listRemoteAssets(client, { groupId, appId, signal: stop });
      const known = new SyncPlanner(assets, {
        deleteRemoved,
        skip,
      });
      planner = known;
      // The files hashed meanwhile, from the bytes kept then, while the lanes hash on (no file
      // waits from here on).
      const send = async (entry: HashedEntry) => await settle(entry, held.take(entry.path), known);
      await runPool(waiting.splice(0), concurrency, send, stop);
      return known;
    },
    signal,
  );
  if (!steps.planned) planDeletions(known);
  return unreadable;
}
