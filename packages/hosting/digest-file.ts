import { nodeFs } from "./node-builtins.js";
import type { FileDigest } from "./file-read.js";
import { md5Hex, Md5Counter } from "./md5.js";

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
 *
 * The open (a path lookup) and the reads (the file's bytes) may wait on the disk and go through
 * libuv's thread pool; `fstat` and `close` on the open descriptor only touch the kernel's copy of
 * the inode and are made here, as the config package writes its files: a round trip through the
 * pool costs several times either call (2,000 files of 0.5-128 KiB, 8 at a time: 52 ms of CPU
 * with four round trips per file, 36 ms with two).
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
      try {
        const stats = nodeFs().fstatSync(fd);
        const scratchFor = this.#scratchFor;
        this.#scratch = typeof scratchFor === "function" ? scratchFor(stats.size) : scratchFor;
        this.#statSize = stats.size;
        this.#mtimeMs = stats.mtimeMs;
        this.#next();
      } catch (thrown) {
        this.#close({ error: thrown });
      }
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
    try {
      nodeFs().closeSync(this.#fd);
    } catch (closeError) {
      if (!("error" in outcome)) return this.#reject(closeError);
    }
    if ("error" in outcome) this.#reject(outcome.error);
    else this.#resolve(outcome);
  }
}
