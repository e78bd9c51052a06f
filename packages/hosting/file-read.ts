import type { Stats } from "node:fs";
import { nodeFs } from "./node-builtins.js";
import { AssetChangedError } from "./errors.js";
import { md5Hex, Md5Counter, type AssetDigest } from "./md5.js";

/**
 * Bytes read per `read()` call when hashing or streaming a local file. A file up to this size is
 * read in one call, kept whole, and sent as one buffer.
 */
export const READ_CHUNK_BYTES = 256 * 1024;

/** What reading a local file learnt: its digest, and its modification time when it was opened. */
export interface FileDigest extends AssetDigest {
  /** `mtimeMs` of the file as it was read: with the size, how a later read knows it is unchanged. */
  mtimeMs: number;
}

/** A `FileDigest`, with the content when the whole file fitted in the read buffer. */
export interface FileRead extends FileDigest {
  /** A view of the read buffer (valid until the buffer is used again), or undefined for a larger file. */
  bytes: Uint8Array | undefined;
}

/**
 * Reads and hashes a local file through `scratch`: open, `fstat`, reads, close. Like
 * `fs.readFile`, it reads the size `fstat` reported (or to the end when that is 0, as for
 * `/proc` files), so a small file costs one read. Hash and size describe the same bytes. A file up
 * to `scratch.length` bytes is left whole in `scratch` and returned as `bytes`. `scratch` may be a
 * function of the size `fstat` reported, giving the buffer to read into (a sync reads a file it
 * will upload straight into its request body). An abort of `signal` is noticed between reads, so
 * a large file does not hold up a failed or stopped sync.
 */
export function digestFile(
  path: string,
  scratchFor: Uint8Array | ((size: number) => Uint8Array),
  signal?: AbortSignal,
): Promise<FileRead> {
  return new Promise((resolve, reject) =>
    new FileReading(scratchFor, signal, resolve, reject).open(path),
  );
}

/**
 * One file's read in `digestFile`: open, `fstat`, reads (hashing when `scratch` is full and more
 * is to come, and at the end), close. One object per file holding the state, its steps methods
 * and the callbacks inline and unnamed, as `fs.readFile`'s own context does: a sync reads
 * thousands of files, and a promise per step, or a named closure per step (which a bundler that
 * keeps names turns into a property definition each), cost more than the small reads themselves.
 * A file that fits in `scratch` (most of a site) is hashed in one call, with no Hash object, and
 * its content handed back as a view of `scratch`.
 */
class FileReading {
  #fd = -1;
  #scratch: Uint8Array | undefined;
  #statSize = 0;
  #mtimeMs = 0;
  #size = 0;
  #offset = 0;
  #counter: Md5Counter | undefined;
  readonly #scratchFor: Uint8Array | ((size: number) => Uint8Array);
  readonly #signal: AbortSignal | undefined;
  readonly #resolve: (read: FileRead) => void;
  readonly #reject: (error: unknown) => void;

  constructor(
    scratchFor: Uint8Array | ((size: number) => Uint8Array),
    signal: AbortSignal | undefined,
    resolve: (read: FileRead) => void,
    reject: (error: unknown) => void,
  ) {
    this.#scratchFor = scratchFor;
    this.#signal = signal;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  open(path: string): void {
    nodeFs().open(path, "r", (error, fd) => {
      if (error) return this.#reject(error);
      this.#fd = fd;
      nodeFs().fstat(fd, (statError, stats) => {
        if (statError) return this.#close({ error: statError });
        try {
          const scratchFor = this.#scratchFor;
          this.#scratch = typeof scratchFor === "function" ? scratchFor(stats.size) : scratchFor;
          this.#statSize = stats.size;
          this.#mtimeMs = stats.mtimeMs;
          this.#next();
        } catch (thrown) {
          this.#close({ error: thrown });
        }
      });
    });
  }

  /** Reads on (up to the size `fstat` reported, or to the end when that is 0), or finishes. */
  #next(): void {
    const scratch = this.#scratch!;
    const left = this.#statSize > 0 ? this.#statSize - this.#size : Infinity;
    if (left <= 0) return this.#finish();
    if (this.#offset === scratch.length) {
      if (this.#signal?.aborted) return this.#close({ error: this.#signal.reason });
      (this.#counter ??= new Md5Counter()).update(scratch);
      this.#offset = 0;
    }
    const length = Math.min(scratch.length - this.#offset, left);
    nodeFs().read(this.#fd, scratch, this.#offset, length, null, (error, n) => {
      if (error) return this.#close({ error });
      if (n === 0) return this.#finish();
      this.#offset += n;
      this.#size += n;
      try {
        this.#next();
      } catch (thrown) {
        this.#close({ error: thrown });
      }
    });
  }

  #finish(): void {
    // A file read into a buffer of its own size (an upload body's room) is handed back as it is.
    const scratch = this.#scratch!;
    const last = this.#offset === scratch.length ? scratch : scratch.subarray(0, this.#offset);
    const counter = this.#counter;
    counter?.update(last);
    this.#close({
      hash: counter ? counter.digest().hash : md5Hex(last),
      size: this.#size,
      mtimeMs: this.#mtimeMs,
      bytes: counter ? undefined : last,
    });
  }

  #close(outcome: { error: unknown } | FileRead): void {
    nodeFs().close(this.#fd, (closeError) => {
      if ("error" in outcome) this.#reject(outcome.error);
      else if (closeError) this.#reject(closeError);
      else this.#resolve(outcome);
    });
  }
}

/**
 * Hashes a local file in `READ_CHUNK_BYTES` reads, so memory stays flat whatever its size.
 * `scratch` lets a caller that hashes many files reuse one buffer.
 *
 * @example
 * const { hash, size } = await hashFile("dist/index.html");
 */
export async function hashFile(path: string, scratch?: Uint8Array): Promise<AssetDigest> {
  const { hash, size } = await digestFile(path, scratch ?? Buffer.allocUnsafe(READ_CHUNK_BYTES));
  return { hash, size };
}

/**
 * Reads a local file again for an upload, checked by size and modification time instead of a
 * second MD5: the file must have the size and `mtimeMs` it had when it was hashed, before the
 * first byte and after the last, or the read throws `AssetChangedError` (so a streamed body is
 * cut before its closing boundary). Each chunk is a fresh buffer: a request body holds on to them.
 * A change that keeps both size and modification time (within the file system's timestamp
 * resolution) goes unseen here; the server still checks the MD5 in the meta part.
 */
export async function* readUnchangedFile(
  path: string,
  digest: FileDigest,
  assetPath: string,
): AsyncGenerator<Uint8Array> {
  const fd = await openFd(path);
  try {
    checkUnchanged(await fstatFd(fd), digest, assetPath);
    for (let done = 0; done < digest.size;) {
      const buffer = Buffer.allocUnsafe(Math.min(READ_CHUNK_BYTES, digest.size - done));
      const bytesRead = await readFd(fd, buffer, 0, buffer.byteLength);
      if (bytesRead === 0) break;
      done += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
    checkUnchanged(await fstatFd(fd), digest, assetPath);
  } finally {
    await closeFd(fd);
  }
}

function checkUnchanged(now: Stats, then: FileDigest, assetPath: string): void {
  if (now.size === then.size && now.mtimeMs === then.mtimeMs) return;
  const when = (ms: number) => new Date(ms).toISOString();
  throw new AssetChangedError(
    assetPath,
    `the content of ${assetPath} changed after it was hashed (it had ${then.size} bytes, modified ${when(then.mtimeMs)}; ` +
      `now ${now.size} bytes, modified ${when(now.mtimeMs)}); the upload was not completed`,
  );
}

/**
 * Reads a local file as a sequence of fresh chunks (each its own buffer: the consumer may hold on
 * to them). `expectedSize` sizes the buffers, so a small file costs a small allocation; a file
 * that grew is still read to its end.
 */
export async function* readFileChunks(
  path: string,
  expectedSize = READ_CHUNK_BYTES,
): AsyncGenerator<Uint8Array> {
  const fd = await openFd(path);
  try {
    for (let done = 0; ;) {
      // One byte more than expected, so the read that finds the end needs no second buffer.
      const buffer = Buffer.allocUnsafe(
        Math.min(READ_CHUNK_BYTES, Math.max(expectedSize - done, 0) + 1),
      );
      const bytesRead = await readFd(fd, buffer, 0, buffer.byteLength);
      if (bytesRead === 0) return;
      done += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await closeFd(fd);
  }
}

// Plain descriptors through the callback API: `fs/promises` FileHandles cost about a third more
// CPU per small file (each is a transferable object tracked for GC), which a sync of thousands of
// files pays on every run.
function openFd(path: string): Promise<number> {
  return new Promise((resolve, reject) =>
    nodeFs().open(path, "r", (error, fd) => (error ? reject(error) : resolve(fd))),
  );
}

function fstatFd(fd: number): Promise<Stats> {
  return new Promise((resolve, reject) =>
    nodeFs().fstat(fd, (error, stats) => (error ? reject(error) : resolve(stats))),
  );
}

function readFd(fd: number, buffer: Uint8Array, offset: number, length: number): Promise<number> {
  return new Promise((resolve, reject) =>
    nodeFs().read(fd, buffer, offset, length, null, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    ),
  );
}

function closeFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) =>
    nodeFs().close(fd, (error) => (error ? reject(error) : resolve())),
  );
}
