import { createHash, type Hash } from "node:crypto";
import { close, open, read } from "node:fs";

/** Bytes read per `read()` call when hashing or streaming a local file. */
export const READ_CHUNK_BYTES = 256 * 1024;

/** The digest the hosting API checks uploads against: an asset's MD5 and its byte length. */
export interface AssetDigest {
  /** Lowercase hex MD5 of the bytes. */
  hash: string;
  /** Number of bytes. */
  size: number;
}

/** Lowercase hex MD5 of `bytes`. */
export function md5Hex(bytes: Uint8Array): string {
  return createHash("md5").update(bytes).digest("hex");
}

/** An MD5 computed chunk by chunk, counting bytes as it goes. */
export class Md5Counter {
  readonly #hash: Hash = createHash("md5");
  size = 0;

  update(chunk: Uint8Array): void {
    this.#hash.update(chunk);
    this.size += chunk.byteLength;
  }

  digest(): AssetDigest {
    return { hash: this.#hash.digest("hex"), size: this.size };
  }
}

/**
 * Hashes a local file in `READ_CHUNK_BYTES` reads, so memory stays flat whatever its size. The
 * size is what was read, not what `stat` said, so hash and size always describe the same bytes.
 * `scratch` lets a caller that hashes many files reuse one buffer.
 *
 * @example
 * const { hash, size } = await hashFile("dist/index.html");
 */
export async function hashFile(path: string, scratch?: Buffer): Promise<AssetDigest> {
  const buffer = scratch ?? Buffer.allocUnsafe(READ_CHUNK_BYTES);
  const counter = new Md5Counter();
  const fd = await openFd(path);
  try {
    for (;;) {
      const bytesRead = await readFd(fd, buffer);
      if (bytesRead === 0) break;
      counter.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await closeFd(fd);
  }
  return counter.digest();
}

/**
 * Reads a local file as a sequence of fresh chunks (each its own buffer: the consumer may hold on
 * to them, as a request body does until they are written). `expectedSize` sizes the buffers, so a
 * small file costs a small allocation, not a `READ_CHUNK_BYTES` one; a file that grew is still
 * read to its end.
 */
export async function* readFileChunks(
  path: string,
  expectedSize = READ_CHUNK_BYTES,
): AsyncGenerator<Uint8Array> {
  const fd = await openFd(path);
  try {
    for (let read = 0; ;) {
      // One byte more than expected, so the read that finds the end needs no second buffer.
      const buffer = Buffer.allocUnsafe(
        Math.min(READ_CHUNK_BYTES, Math.max(expectedSize - read, 0) + 1),
      );
      const bytesRead = await readFd(fd, buffer);
      if (bytesRead === 0) return;
      read += bytesRead;
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
    open(path, "r", (error, fd) => (error ? reject(error) : resolve(fd))),
  );
}

function readFd(fd: number, buffer: Buffer): Promise<number> {
  return new Promise((resolve, reject) =>
    read(fd, buffer, 0, buffer.byteLength, null, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    ),
  );
}

function closeFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) =>
    close(fd, (error) => (error ? reject(error) : resolve())),
  );
}
