import { AssetChangedError } from "./errors.js";
import { Md5Counter, type AssetDigest } from "./md5.js";

/**
 * Upload content that can be read more than once, with its digest known before sending: the
 * meta part carries the MD5 and size ahead of the bytes, and a retry or a replay after a token
 * refresh reads the bytes again.
 */
export interface UploadSource extends AssetDigest {
  /**
   * A fresh read of the bytes, from the start. Throws `AssetChangedError` (for `assetPath`) when
   * what it reads is not what the digest describes: each source checks in the cheapest way that
   * holds for it (none for a private copy, size and modification time for a local file, MD5 for
   * what the caller could change).
   */
  read(assetPath: string): AsyncIterable<Uint8Array>;
  /** Releases what the source holds (a spool file). Safe to call more than once. */
  close(): Promise<void>;
  /**
   * The bytes themselves, when the source is a private copy in memory (what `read` would yield,
   * unchecked): a buffered body is laid out from them without an asynchronous read.
   */
  readonly held?: readonly Uint8Array[] | undefined;
}

/** Bytes this package copied and nobody else can change: sent as they are. */
export function heldSource(parts: readonly Uint8Array[], digest: AssetDigest): UploadSource {
  return {
    hash: digest.hash,
    size: digest.size,
    read: () => each(parts),
    close: async () => undefined,
    held: parts,
  };
}

/** Content the caller may change between hashing and sending: every read is checked by MD5. */
export function checkedSource(
  digest: AssetDigest,
  chunks: () => AsyncIterable<Uint8Array>,
  close: () => Promise<void> = async () => undefined,
): UploadSource {
  return { ...digest, read: (assetPath) => md5Checked(assetPath, digest, chunks()), close };
}

/** The chunks, checked against the digest; throws `AssetChangedError` at the end if they differ. */
async function* md5Checked(
  assetPath: string,
  digest: AssetDigest,
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const sent = new Md5Counter();
  for await (const chunk of chunks) {
    sent.update(chunk);
    if (sent.size > digest.size) break;
    yield chunk;
  }
  const got = sent.digest();
  if (got.size !== digest.size || got.hash !== digest.hash) {
    const read = sent.size > digest.size ? "more" : `${got.size} bytes with MD5 ${got.hash}`;
    throw new AssetChangedError(
      assetPath,
      `the content of ${assetPath} changed after it was hashed (expected ${digest.size} bytes with MD5 ${digest.hash}, ` +
        `read ${read}); the upload was not completed`,
    );
  }
}

async function* each(parts: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}
