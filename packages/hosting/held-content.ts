import type { HashedEntry } from "./hash-tree.js";
import type { RemoteAsset } from "./plan.js";

/** The most a sync keeps in memory of the files it is going to upload. */
export const HELD_CONTENT_BYTES = 64 * 1024 * 1024;

/**
 * The content of small files kept from the read that hashed them, so their upload sends those
 * bytes instead of reading and checking the file again. Only what may be uploaded is kept: until
 * the remote listing is known, every small file (within the limit); then only those whose hash
 * differs from the hosted one. What does not fit is read again at upload time, checked by size
 * and modification time.
 */
export class HeldContent {
  readonly #limit: number;
  readonly #held = new Map<string, { hash: string; bytes: Uint8Array }>();
  #bytes = 0;
  #hosted: Map<string, string> | undefined;

  constructor(limit = HELD_CONTENT_BYTES) {
    this.#limit = limit;
  }

  /** Keeps a copy of a file's content (a view of a read buffer) if it may be uploaded and fits. */
  offer(entry: HashedEntry, bytes: Uint8Array): void {
    if (this.#hosted?.get(entry.path) === entry.hash) return;
    if (this.#bytes + bytes.byteLength > this.#limit) return;
    this.#held.set(entry.path, { hash: entry.hash, bytes: new Uint8Array(bytes) });
    this.#bytes += bytes.byteLength;
  }

  /** The remote listing arrived: lets go of the files it shows are hosted with the same content. */
  hosted(assets: readonly RemoteAsset[]): void {
    this.#hosted = new Map(assets.map((asset) => [asset.path, asset.hash.toLowerCase()]));
    for (const [path, { hash }] of this.#held) {
      if (this.#hosted.get(path) === hash) this.#drop(path);
    }
  }

  /** Hands over (and forgets) a file's content, if it was kept. */
  take(path: string): Uint8Array | undefined {
    const bytes = this.#held.get(path)?.bytes;
    if (bytes) this.#drop(path);
    return bytes;
  }

  #drop(path: string): void {
    this.#bytes -= this.#held.get(path)!.bytes.byteLength;
    this.#held.delete(path);
  }
}
