import { headText, newBoundary, tailText, type AssetAttribute } from "./multipart.js";

/** A finished upload body and the boundary it was laid out with. */
export interface ReadyBody {
  boundary: string;
  bytes: Uint8Array;
}

/** Stands for the MD5 while the file is read: as long as every MD5 in hex, so nothing moves. */
const HASH_PLACEHOLDER = "0".repeat(32);
/** Where the MD5 goes: the meta's key (inside the path's JSON string a quote is escaped). */
const HASH_KEY = Buffer.from(`"hash":"${HASH_PLACEHOLDER}"`, "latin1");

/**
 * An upload body (DESIGN §4, byte for byte what `multipartBody` lays out) written before its file
 * is read, with room for the content in the middle: the file is read straight into `content`,
 * then `finish` writes its MD5 into the meta part. One allocation per upload and no copy of the
 * content, where reading into a buffer and then laying out the body around it copies every byte.
 */
export class UploadBody {
  readonly boundary = newBoundary();
  /** The attributes the meta part carries. */
  readonly attrs: AssetAttribute[];
  /** Where the file's `size` bytes are to be read. */
  readonly content: Uint8Array;
  readonly #body: Buffer;
  readonly #hashAt: number;

  constructor(meta: { path: string; size: number; appId: string; attrs: AssetAttribute[] }) {
    this.attrs = meta.attrs;
    // Laid out by multipart's own head and tail, so the layout is stated once.
    // A literal, not `{ ...meta, hash }`: a spread that adds a key takes V8's slow path, per upload.
    const { path, size, appId, attrs } = meta;
    const head = headText({ path, hash: HASH_PLACEHOLDER, size, appId, attrs }, this.boundary);
    const tail = tailText(this.boundary);
    const headBytes = Buffer.byteLength(head);
    const body = Buffer.allocUnsafe(headBytes + meta.size + tail.length);
    body.write(head, 0);
    body.write(tail, headBytes + meta.size, "latin1");
    this.#body = body;
    this.content = body.subarray(headBytes, headBytes + meta.size);
    this.#hashAt = body.indexOf(HASH_KEY) + '"hash":"'.length;
  }

  /**
   * The body, with `hash` in its meta part, when `bytes` fill `content` exactly (the file was
   * read whole into it, at the size it had when it was laid out); else undefined, and the upload
   * is laid out from `bytes` as any other.
   */
  finish(bytes: Uint8Array | undefined, hash: string): ReadyBody | undefined {
    const room = this.content;
    if (
      bytes?.buffer !== room.buffer ||
      bytes.byteOffset !== room.byteOffset ||
      bytes.byteLength !== room.byteLength ||
      hash.length !== HASH_PLACEHOLDER.length
    )
      return undefined;
    this.#body.write(hash, this.#hashAt, "latin1");
    return { boundary: this.boundary, bytes: this.#body };
  }
}
