import { classifyInput, type BlobLike, type FileInput } from "./file-input.js";
import { digestFile } from "./digest-file.js";
import { READ_CHUNK_BYTES, readUnchangedFile, type FileDigest } from "./file-read.js";
import { md5Hex, Md5Counter } from "./md5.js";
import { checkedSource, heldSource, type UploadSource } from "./sources.js";
import { spool } from "./spool.js";

/**
 * The one input normaliser of hosting uploads: turns any `FileInput` into an `UploadSource`.
 * Bytes and Blobs are read in place; a local file is read once when small (up to
 * `READ_CHUNK_BYTES`, then sent from memory), else hashed in a first streamed pass and streamed
 * again when sent; a one-shot stream is spooled (memory, then a temporary file when long).
 * Strings and other values are refused with a `TypeError`.
 */
export async function toUploadSource(
  input: FileInput,
  signal?: AbortSignal,
): Promise<UploadSource> {
  const value = classifyInput(input);
  switch (value.kind) {
    case "bytes":
      return checkedSource({ hash: md5Hex(value.bytes), size: value.bytes.byteLength }, () =>
        oneChunk(value.bytes),
      );
    case "blob":
      return blobSource(value.blob, signal);
    case "file": {
      const read = await digestFile(value.path, Buffer.allocUnsafe(READ_CHUNK_BYTES));
      return read.bytes
        ? heldSource([new Uint8Array(read.bytes)], read)
        : fileSource(value.path, read);
    }
    case "stream":
      return spool(value.chunks, signal);
  }
}

/** A local file hashed earlier: read again when sent, checked by size and modification time. */
export function fileSource(path: string, digest: FileDigest): UploadSource {
  return {
    hash: digest.hash,
    size: digest.size,
    read: (assetPath) => readUnchangedFile(path, digest, assetPath),
    close: async () => undefined,
  };
}

async function blobSource(blob: BlobLike, signal?: AbortSignal): Promise<UploadSource> {
  const counter = new Md5Counter();
  for await (const chunk of blob.stream()) {
    signal?.throwIfAborted();
    counter.update(chunk);
  }
  return checkedSource(counter.digest(), () => blob.stream());
}

async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
