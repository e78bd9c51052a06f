import { nodePath } from "./node-builtins.js";
/**
 * A local file named on purpose. `uploadAsset` never reads a path out of a plain string: a
 * string could be content or a path, and guessing wrong would publish a file name as a web page.
 */
export class LocalFile {
  /** The absolute path, resolved when the `LocalFile` was made. */
  readonly path: string;

  constructor(path: string) {
    if (typeof path !== "string" || path === "")
      throw new TypeError("fromFile(path) needs a non-empty file path");
    this.path = nodePath().resolve(path);
  }
}

/**
 * Names a local file as upload content. A small one (up to 256 KiB) is read once and sent from
 * memory; a larger one is hashed in a streamed pass, then streamed again while sending, checked
 * by size and modification time (`AssetChangedError` if the file changed in between).
 *
 * @example
 * await uploadAsset(admin, { groupId, appId, path: "/index.html", file: fromFile("dist/index.html") });
 */
export function fromFile(path: string): LocalFile {
  return new LocalFile(path);
}

/** The part of the `Blob` interface an upload needs (native `Blob`/`File`, undici, fetch-blob). */
export interface BlobLike {
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

/**
 * What `uploadAsset` takes as file content: bytes, a `Blob`, a one-shot stream or async iterable
 * of `Uint8Array` chunks (a Node `Readable` without an encoding qualifies), or `fromFile(path)`.
 * A `string` is deliberately not part of the union, so `file: "dist/index.html"` does not compile
 * (and is refused at run time for JavaScript callers).
 */
export type FileInput =
  | Uint8Array
  | ArrayBuffer
  | BlobLike
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | LocalFile;

/** A `FileInput` sorted by how it can be read: once, or again and again. */
export type ClassifiedInput =
  | { kind: "bytes"; bytes: Uint8Array }
  | { kind: "blob"; blob: BlobLike }
  | { kind: "file"; path: string }
  | { kind: "stream"; chunks: AsyncIterable<unknown> };

/**
 * Sorts an upload input into its kind, refusing anything else with a `TypeError` that says what
 * was given. Strings are refused first and by name, since that mistake is the likely one.
 */
export function classifyInput(value: unknown): ClassifiedInput {
  if (typeof value === "string" || value instanceof String) {
    throw new TypeError(
      "uploadAsset: file is a string. Pass bytes (Buffer.from(text)) for content, or fromFile(path) for a local file; " +
        "a string is never taken as either.",
    );
  }
  if (value instanceof LocalFile) return { kind: "file", path: value.path };
  if (value instanceof Uint8Array) return { kind: "bytes", bytes: value };
  if (value instanceof ArrayBuffer) return { kind: "bytes", bytes: new Uint8Array(value) };
  if (isBlobLike(value)) return { kind: "blob", blob: value };
  if (value !== null && typeof value === "object" && Symbol.asyncIterator in value) {
    return { kind: "stream", chunks: value as AsyncIterable<unknown> };
  }
  throw new TypeError(
    `uploadAsset: file must be bytes, a Blob, a stream, an async iterable or fromFile(path); got ${describe(value)}`,
  );
}

function isBlobLike(value: unknown): value is BlobLike {
  if (value instanceof Blob) return true;
  const v = value as Partial<BlobLike> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.size === "number" &&
    typeof v.stream === "function"
  );
}

/** A short description of an unexpected value for an error message: its type or class, never its content. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name ? `an object of class ${name}` : "an object";
}
