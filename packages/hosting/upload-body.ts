import {
  FILE_HEADER,
  META_HEADER,
  metaJson,
  newBoundary,
  type AssetAttribute,
} from "./multipart.js";

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
    const { boundary } = this;
    const json = metaJson({ ...meta, hash: HASH_PLACEHOLDER });
    const jsonBytes = Buffer.byteLength(json);
    // The head is written piece by piece (boundary, part headers and meta are ASCII but for the
    // JSON): a head joined into one string first would be built and flattened for every upload.
    const open = 2 + boundary.length + META_HEADER.length;
    const headBytes = open + jsonBytes + 4 + boundary.length + FILE_HEADER.length;
    const body = Buffer.allocUnsafe(headBytes + meta.size + 4 + boundary.length + 4);
    let at = put(body, 0, "--");
    at = put(body, at, boundary);
    at = put(body, at, META_HEADER);
    at = put(body, at, json, "utf8");
    at = put(body, at, "\r\n--");
    at = put(body, at, boundary);
    at = put(body, at, FILE_HEADER) + meta.size;
    at = put(body, at, "\r\n--");
    put(body, put(body, at, boundary), "--\r\n");
    this.#body = body;
    this.content = body.subarray(headBytes, headBytes + meta.size);
    this.#hashAt = body.indexOf(HASH_KEY, open) + 8;
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

/** Writes `text` into `body` at `at`; where the next write goes. */
function put(
  body: Buffer,
  at: number,
  text: string,
  encoding: "latin1" | "utf8" = "latin1",
): number {
  return at + body.write(text, at, encoding);
}
