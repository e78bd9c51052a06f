import type { HashedEntry } from "./hash-tree.js";
import type { RemoteAsset } from "./plan.js";

/** The most a sync keeps in memory of the files it is going to upload. */
export const HELD_CONTENT_BYTES = 64 * 1024 * 1024;

/** Kept content is copied into blocks of this size, not into one allocation per file. */
const BLOCK_BYTES = 4 * 1024 * 1024;

/**
 * The content of small files kept from the read that hashed them, so their upload sends those
 * bytes instead of reading and checking the file again. Only what may be uploaded is kept: until
 * the remote listing is known, every small file (within the limit); then only those whose hash
 * differs from the hosted one. What does not fit is read again at upload time, checked by size
 * and modification time.
 *
 * Copies go into a few large blocks, one allocation per block rather than one per file. The
 * limit counts blocks; the room of content let go
 * (hosted already, or handed over) is not reused, and the blocks are freed with this object,
 * when the sync ends.
 */
export class HeldContent {
  readonly #limit: number;
  readonly #held = new Map<string, { hash: string; bytes: Uint8Array }>();
  #hosted: Map<string, string> | undefined;
  #block: Uint8Array | undefined;
  #used = 0;
  #allocated = 0;

  constructor(limit = HELD_CONTENT_BYTES) {
    this.#limit = limit;
  }

  /** Keeps a copy of a file's content (a view of a read buffer) if it may be uploaded and fits. */
  offer(entry: HashedEntry, bytes: Uint8Array): void {
    if (this.#hosted?.get(entry.path) === entry.hash) return;
    const copy = this.#copy(bytes);
    if (copy) this.#held.set(entry.path, { hash: entry.hash, bytes: copy });
  }

  /** The remote listing arrived: lets go of the files it shows are hosted with the same content. */
  hosted(assets: readonly RemoteAsset[]): void {
    this.#hosted = new Map(assets.map((asset) => [asset.path, asset.hash.toLowerCase()]));
    for (const [path, { hash }] of this.#held) {
      if (this.#hosted.get(path) === hash) this.#held.delete(path);
    }
  }

  /** Hands over (and forgets) a file's content, if it was kept. */
  take(path: string): Uint8Array | undefined {
    const bytes = this.#held.get(path)?.bytes;
    this.#held.delete(path);
    return bytes;
  }

  #copy(bytes: Uint8Array): Uint8Array | undefined {
    const size = bytes.byteLength;
    if (!this.#block || this.#used + size > this.#block.byteLength) {
      const length = Math.max(Math.min(BLOCK_BYTES, this.#limit), size);
      if (this.#allocated + length > this.#limit) return undefined;
      this.#block = new Uint8Array(length);
      this.#allocated += length;
      this.#used = 0;
    }
    const copy = this.#block.subarray(this.#used, this.#used + size);
    copy.set(bytes);
    this.#used += size;
    return copy;
  }
}
