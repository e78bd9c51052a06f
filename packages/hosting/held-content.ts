import type { HashedEntry } from "./hash-tree.js";
import { READ_CHUNK_BYTES } from "./file-read.js";

/**
 * The most a sync keeps of the files it hashed before the listing arrived. Small: until the
 * listing arrives nobody knows whether a file will be uploaded at all, and over an app already in
 * line (a no-op sync) every held byte is wasted. Measured (2,000 files, no-op syncs alternated
 * with `hashTree` in one process, 30 rounds, load 7-9): with 64 MiB in 4 MiB blocks the sync
 * triggered 21-23 full collections, with 1 MiB 5-11 (hashTree's own share: 1-7), and its CPU
 * over hashTree's went from 1.13-1.20x to 1.09-1.17x. A file past the limit costs a first sync
 * one more read at upload time, checked by size and modification time.
 */
export const HELD_CONTENT_BYTES = 1024 * 1024;

/** Kept content is copied into blocks of this size, not into one allocation per file. */
const BLOCK_BYTES = 4 * 1024 * 1024;

/**
 * The content of small files hashed before the remote listing arrived, kept from the read that
 * hashed them so that their upload sends those bytes instead of reading and checking the file
 * again. Each is handed over (`take`) when the listing arrives and its file is compared, uploaded
 * or not. What does not fit is read again at upload time, checked by size and modification time.
 *
 * Content lives in a few large blocks, one allocation per block rather than one per file. A file
 * is read straight into room in a block (`room`), so keeping it copies nothing; bytes read
 * elsewhere are copied in when kept. The limit counts blocks; the room of content let go is not
 * reused, and the blocks are freed with this object, when the sync ends.
 */
export class HeldContent {
  readonly #limit: number;
  readonly #held = new Map<string, Uint8Array>();
  readonly #blocks = new Set<ArrayBufferLike>();
  #block: Uint8Array | undefined;
  #used = 0;
  #allocated = 0;

  constructor(limit = HELD_CONTENT_BYTES) {
    this.#limit = limit;
  }

  /**
   * Room to read a file of `size` bytes into, for `offer` to keep without a copy; undefined when
   * it is not worth it (empty or larger than one read) or there is no room left.
   */
  room(size: number): Uint8Array | undefined {
    if (size === 0 || size > READ_CHUNK_BYTES) return undefined;
    return this.#reserve(size);
  }

  /** Keeps a file's content if it fits: as it is when it lies in a block, else as a copy. */
  offer(entry: HashedEntry, bytes: Uint8Array): void {
    const kept = this.#blocks.has(bytes.buffer) ? bytes : this.#copy(bytes);
    if (kept) this.#held.set(entry.path, kept);
  }

  /** Hands over (and forgets) a file's content, if it was kept. */
  take(path: string): Uint8Array | undefined {
    const bytes = this.#held.get(path);
    this.#held.delete(path);
    return bytes;
  }

  #copy(bytes: Uint8Array): Uint8Array | undefined {
    const copy = this.#reserve(bytes.byteLength);
    copy?.set(bytes);
    return copy;
  }

  /** `size` bytes of a block, or undefined past the limit. */
  #reserve(size: number): Uint8Array | undefined {
    if (!this.#block || this.#used + size > this.#block.byteLength) {
      const length = Math.max(Math.min(BLOCK_BYTES, this.#limit), size);
      if (this.#allocated + length > this.#limit) return undefined;
      // Not zero-filled: only the bytes a read or a copy wrote are ever handed out.
      this.#block = Buffer.allocUnsafeSlow(length);
      this.#blocks.add(this.#block.buffer);
      this.#allocated += length;
      this.#used = 0;
    }
    const room = this.#block.subarray(this.#used, this.#used + size);
    this.#used += size;
    return room;
  }
}
