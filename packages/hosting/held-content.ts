import type { HashedEntry } from "./hash-tree.js";
import { READ_CHUNK_BYTES } from "./file-read.js";

/**
 * The most a sync keeps of the files it hashed before the listing arrived. Small: until the
 * listing arrives nobody knows whether a file will be uploaded at all, and over an app already in
 * line (a no-op sync) every held byte is wasted. Measured (2,000 files, no-op syncs alternated
 * with `hashTree` in one process, four runs of 30-40 rounds at load 6-9): with 64 MiB in 4 MiB
 * blocks, 21-38 full collections fell in the sync's runs, with 1 MiB 5-14 (as with none at
 * all; hashTree's own 1-7), and the sync's CPU over hashTree's fell by 0.01-0.06x, its wall by
 * 0.02-0.20x. A first sync is not affected: its listing (of an empty app) arrives after a few
 * files at most (0-8 of 2,000 measured). A file past the limit is read again at
 * upload time, checked by size and modification time.
 */
export const HELD_CONTENT_BYTES = 1024 * 1024;

/**
 * The content of small files hashed before the remote listing arrived, kept from the read that
 * hashed them so that their upload sends those bytes instead of reading and checking the file
 * again. Each is handed over (`take`) when the listing arrives and its file is compared, uploaded
 * or not. What does not fit is read again at upload time, checked by size and modification time.
 *
 * Content lives in one block of the limit's size, allocated when first needed (one allocation,
 * not one per file). A file is read straight into room in the block (`room`), so keeping it
 * copies nothing; bytes read elsewhere are copied in when kept. The room of content let go is not
 * reused, and the block is freed with this object, when the sync ends.
 */
export class HeldContent {
  readonly #limit: number;
  readonly #held = new Map<string, Uint8Array>();
  #block: Uint8Array | undefined;
  #used = 0;

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

  /** Keeps a file's content if it fits: as it is when it lies in the block, else as a copy. */
  offer(entry: HashedEntry, bytes: Uint8Array): void {
    const kept = bytes.buffer === this.#block?.buffer ? bytes : this.#copy(bytes);
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

  /** `size` bytes of the block, or undefined past the limit. */
  #reserve(size: number): Uint8Array | undefined {
    if (this.#used + size > this.#limit) return undefined;
    // Not zero-filled: only the bytes a read or a copy wrote are ever handed out.
    const block = (this.#block ??= Buffer.allocUnsafeSlow(this.#limit));
    const room = block.subarray(this.#used, this.#used + size);
    this.#used += size;
    return room;
  }
}
