import type { Stats } from "node:fs";
import { nodeFs } from "./node-builtins.js";
import { AssetChangedError } from "./errors.js";
import { digestFile } from "./digest-file.js";
import type { AssetDigest } from "./md5.js";

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
    checkUnchanged(nodeFs().fstatSync(fd), digest, assetPath);
    for (let done = 0; done < digest.size;) {
      const buffer = Buffer.allocUnsafe(Math.min(READ_CHUNK_BYTES, digest.size - done));
      const bytesRead = await readFd(fd, buffer, 0, buffer.byteLength);
      if (bytesRead === 0) break;
      done += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
    checkUnchanged(nodeFs().fstatSync(fd), digest, assetPath);
  } finally {
    nodeFs().closeSync(fd);
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
    nodeFs().closeSync(fd);
  }
}

// Plain descriptors through the callback API: `fs/promises` FileHandles cost about a third more
// CPU per small file (each is a transferable object tracked for GC), which a sync of thousands of
// files pays on every run. As in `digestFile`, the open and the reads go through the thread pool
// and the `fstat` and `close` of the open descriptor are made here (re-reading 200 files of
// 300-500 KiB: 15.4 ms of CPU with them through the pool, 12.2 ms without).
function openFd(path: string): Promise<number> {
  return new Promise((resolve, reject) =>
    nodeFs().open(path, "r", (error, fd) => (error ? reject(error) : resolve(fd))),
  );
}

function readFd(fd: number, buffer: Uint8Array, offset: number, length: number): Promise<number> {
  return new Promise((resolve, reject) =>
    nodeFs().read(fd, buffer, offset, length, null, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    ),
  );
}
