import { digestFile } from "./digest-file.js";
import { READ_CHUNK_BYTES, type FileDigest } from "./file-read.js";
import type { IgnoreOption } from "./ignore-rules.js";
import { listLocalFiles, type LocalEntry } from "./local-tree.js";
import { checkConcurrency, runPool } from "./pool.js";

/** Files hashed at once. Hashing is I/O-bound on small files; libuv has 4 threads by default. */
export const DEFAULT_HASH_CONCURRENCY = 8;

/** A local file with its MD5, its size and its modification time when it was read. */
export interface HashedEntry extends LocalEntry, FileDigest {}

/** Options of `hashEntries` and `hashTree`. */
export interface HashOptions {
  /** Files read at once (default 8). */
  concurrency?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Called after each file with the counts so far. */
  onFile?: ((entry: HashedEntry, done: number, bytesDone: number) => void) | undefined;
  /**
   * Called for a file that cannot be read (gone, no permission); it is then left out of the
   * result and the others go on. Without it, the first such error is thrown.
   */
  onError?: ((entry: LocalEntry, error: unknown) => void) | undefined;
}

/** `hashEntries` options a sync adds. */
export interface DigestOptions extends HashOptions {
  /**
   * Called after `onFile` with each hashed file and, when it fitted in one read
   * (`READ_CHUNK_BYTES`), its whole content: a view of the read buffer, left alone until the
   * returned promise settles (the lane waits for it before reading the next file), so a sync can
   * upload a file from the bytes it hashed, without copying them.
   */
  onRead?:
    ((entry: HashedEntry, bytes: Uint8Array | undefined) => Promise<void> | void) | undefined;
  /**
   * A buffer to read a file of `size` bytes (as `fstat` reports it) into instead of the lane's
   * scratch buffer, or undefined for the scratch one; `onRead` then gets a view of it.
   */
  bufferFor?: ((entry: LocalEntry, size: number) => Uint8Array | undefined) | undefined;
}

/**
 * Hashes listed files, a bounded number at a time, each lane reusing one read buffer (and waiting
 * for `onRead`, when given, before it takes the next file). The result keeps the order of
 * `entries`. Hash and size come from the same read, so they always describe
 * the same bytes.
 */
export async function hashEntries(
  entries: readonly LocalEntry[],
  options: DigestOptions = {},
): Promise<HashedEntry[]> {
  const out: (HashedEntry | undefined)[] = new Array(entries.length);
  await digestEntries(entries, options, (hashed, i) => (out[i] = hashed));
  return out.filter((entry) => entry !== undefined);
}

/**
 * `hashEntries` without a result: each hashed file goes to `onRead` (and `keep`, with its index)
 * and is let go, so a sync does not hold thousands of entries it never reads again (held, they
 * outlive young-generation collections and cost the collector).
 */
export async function digestEntries(
  entries: readonly LocalEntry[],
  options: DigestOptions,
  keep?: (hashed: HashedEntry, index: number) => void,
): Promise<void> {
  const limit = checkConcurrency(
    options.concurrency ?? DEFAULT_HASH_CONCURRENCY,
    "hash concurrency",
  );
  const scratch = Array.from({ length: Math.min(limit, entries.length) }, () =>
    Buffer.allocUnsafe(READ_CHUNK_BYTES),
  );
  let done = 0;
  let bytesDone = 0;
  await runPool(
    entries.map((_, i) => i),
    limit,
    async (i, worker) => {
      const { path, file } = entries[i]!;
      const lane = scratch[worker]!;
      const bufferFor = options.bufferFor;
      let read;
      try {
        read = await digestFile(
          file,
          bufferFor ? (size) => bufferFor(entries[i]!, size) ?? lane : lane,
          options.signal,
        );
      } catch (error) {
        if (!options.onError || options.signal?.aborted) throw error;
        options.onError(entries[i]!, error);
        return;
      }
      const hashed: HashedEntry = {
        path,
        file,
        hash: read.hash,
        size: read.size,
        mtimeMs: read.mtimeMs,
      };
      keep?.(hashed, i);
      done++;
      bytesDone += hashed.size;
      options.onFile?.(hashed, done, bytesDone);
      const pending = options.onRead?.(hashed, read.bytes);
      if (pending) await pending;
    },
    options.signal,
  );
}

/**
 * Lists and hashes every file under `dir` the way `syncHosting` does (same symlink rules, same
 * ignore rules), without touching the network: what a sync would compare with the remote assets.
 *
 * @example
 * const files = await hashTree("./dist");
 * files[0]; // { path: "/index.html", file: "/abs/dist/index.html", hash: "…", size: 1234, mtimeMs: … }
 */
export async function hashTree(
  dir: string,
  options: HashOptions & { ignore?: IgnoreOption | undefined } = {},
): Promise<HashedEntry[]> {
  const entries = await listLocalFiles(dir, options);
  return hashEntries(entries, options);
}
