import { classifyInput, type BlobLike, type FileInput } from "./file-input.js";
import { hashFile, md5Hex, Md5Counter, readFileChunks, type AssetDigest } from "./md5.js";
import { spool } from "./spool.js";

/**
 * Upload content that can be read more than once, with its digest known before sending: the
 * meta part carries the MD5 and size ahead of the bytes, and a replay after a token refresh reads
 * the bytes again. Each `read()` must yield the same bytes; the multipart body checks that it did.
 */
export interface UploadSource extends AssetDigest {
  /** A fresh read of the bytes, from the start. */
  read(): AsyncIterable<Uint8Array>;
  /** Releases what the source holds (a spool file). Safe to call more than once. */
  close(): Promise<void>;
}

/**
 * The one input normaliser of hosting uploads: turns any `FileInput` into an `UploadSource`.
 * Bytes and Blobs are read in place; a local file is hashed in a first streamed pass and streamed
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
      return bytesSource(value.bytes);
    case "blob":
      return blobSource(value.blob, signal);
    case "file":
      return fileSource(value.path, await hashFile(value.path));
    case "stream":
      return spool(value.chunks, signal);
  }
}

/** A local file whose digest is already known (a sync hashed it while planning). */
export function fileSource(path: string, digest: AssetDigest): UploadSource {
  return { ...digest, read: () => readFileChunks(path, digest.size), close: async () => undefined };
}

function bytesSource(bytes: Uint8Array): UploadSource {
  return {
    hash: md5Hex(bytes),
    size: bytes.byteLength,
    read: () => once(bytes),
    close: async () => undefined,
  };
}

async function blobSource(blob: BlobLike, signal?: AbortSignal): Promise<UploadSource> {
  const counter = new Md5Counter();
  for await (const chunk of blob.stream()) {
    signal?.throwIfAborted();
    counter.update(chunk);
  }
  return { ...counter.digest(), read: () => blob.stream(), close: async () => undefined };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
