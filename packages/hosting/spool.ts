import type { FileHandle } from "node:fs/promises";
import { describe } from "./file-input.js";
import { readFileChunks } from "./file-read.js";
import { nodeFsPromises, nodeOs, nodePath } from "./node-builtins.js";
import { Md5Counter } from "./md5.js";
import { checkedSource, heldSource, type UploadSource } from "./sources.js";

/** A one-shot stream up to this size is kept in memory; a longer one goes to a temporary file. */
export const SPOOL_MEMORY_BYTES = 8 * 1024 * 1024;

/**
 * Reads a one-shot stream to the end, hashing as it goes, and keeps its bytes where they can be
 * read again: the meta part (with the MD5 and size) precedes the file part on the wire, and a
 * replay after a token refresh needs the bytes a second time. Short streams stay in memory; long
 * ones go to a private temporary file, removed by `close()` (or at once if reading fails).
 */
export async function spool(
  chunks: AsyncIterable<unknown>,
  signal?: AbortSignal,
): Promise<UploadSource> {
  const counter = new Md5Counter();
  let held: Uint8Array[] = [];
  let disk: { dir: string; path: string; handle: FileHandle } | undefined;
  try {
    for await (const chunk of chunks) {
      signal?.throwIfAborted();
      if (!(chunk instanceof Uint8Array)) {
        throw new TypeError(
          `uploadAsset: the stream yielded ${describe(chunk)}; every chunk must be a Uint8Array`,
        );
      }
      counter.update(chunk);
      if (disk) {
        await writeAll(disk.handle, chunk);
        continue;
      }
      // A copy (not `slice()`, which shares memory on a Buffer): a producer may reuse its buffer.
      held.push(new Uint8Array(chunk));
      if (counter.size > SPOOL_MEMORY_BYTES) {
        disk = await openSpoolFile();
        for (const part of held) await writeAll(disk.handle, part);
        held = [];
      }
    }
    await disk?.handle.close();
  } catch (error) {
    if (disk) await disk.handle.close().catch(() => undefined);
    if (disk) await nodeFsPromises().rm(disk.dir, { recursive: true, force: true });
    throw error;
  }
  const digest = counter.digest();
  // Copies in memory are sent as they are; a spool file is private, but checked all the same.
  if (!disk) return heldSource(held, digest);
  const { dir, path } = disk;
  return checkedSource(
    digest,
    () => readFileChunks(path, digest.size),
    () => nodeFsPromises().rm(dir, { recursive: true, force: true }),
  );
}

async function openSpoolFile(): Promise<{ dir: string; path: string; handle: FileHandle }> {
  const dir = await nodeFsPromises().mkdtemp(
    nodePath().join(nodeOs().tmpdir(), "appservices-admin-upload-"),
  );
  const path = nodePath().join(dir, "body");
  try {
    return { dir, path, handle: await nodeFsPromises().open(path, "wx", 0o600) };
  } catch (error) {
    await nodeFsPromises().rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let offset = 0; offset < chunk.byteLength;) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}
