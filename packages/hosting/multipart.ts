import { nodeCrypto } from "./node-builtins.js";
import { READ_CHUNK_BYTES } from "./file-read.js";
import type { UploadSource } from "./sources.js";

/** A hosted asset's metadata attribute: an HTTP header the CDN serves the file with. */
export interface AssetAttribute {
  name: string;
  value: string;
}

/** The JSON of the `meta` part, in the field order the official CLI sends. */
export interface AssetMeta {
  /** Resource path, `/`-rooted (`/css/site.css`). */
  path: string;
  /** Lowercase hex MD5 of the file part. */
  hash: string;
  /** Byte length of the file part. */
  size: number;
  /** The app's `_id`. */
  appId: string;
  /** Replaces all of the asset's attributes. */
  attrs: AssetAttribute[];
}

// 22 random bytes per process, drawn on first use: cryptographic randomness costs tens of
// microseconds per draw here, which a sync of thousands of files would pay once per file.
let boundaryPrefix: string | undefined;
let boundaryCount = 0;

/**
 * A boundary as long as Go's `multipart.Writer` makes (60 hex digits): 44 random ones, the same
 * for the whole process and unknown to any file's author, so never found in a part, then a count
 * of 16, so each upload still gets a boundary of its own.
 */
export function newBoundary(): string {
  boundaryPrefix ??= nodeCrypto().randomBytes(22).toString("hex");
  return boundaryPrefix + (boundaryCount++).toString(16).padStart(16, "0");
}

/** The `Content-Type` header of an upload with this boundary. */
export function uploadContentType(boundary: string): string {
  return `multipart/mixed; boundary=${boundary}`;
}

/**
 * Sources up to this size are sent as one buffer (with a Content-Length); larger ones are
 * streamed. The same as a file read's chunk, so a file read whole is a file sent whole.
 */
export const BUFFERED_BODY_BYTES = READ_CHUNK_BYTES;

/**
 * The upload body of DESIGN §4, laid out byte for byte as the official CLI's Go
 * `multipart.Writer` writes it (`CreateFormField`: a Content-Disposition header and nothing else):
 *
 * ```
 * --B\r\nContent-Disposition: form-data; name="meta"\r\n\r\n{meta JSON}
 * \r\n--B\r\nContent-Disposition: form-data; name="file"\r\n\r\n<bytes>
 * \r\n--B--\r\n
 * ```
 *
 * A source up to `BUFFERED_BODY_BYTES` is read whole (a private copy in memory is used as it is),
 * and checked by the source, before anything is sent (web streams cost more than the bytes for
 * small files); a larger one is streamed and checked as it goes, and on a mismatch (a file edited while it was being sent) the stream errors
 * before the closing boundary, so the server never receives a complete body that disagrees with
 * its meta.
 * Either way the result is a factory: each call gives a fresh body for a send, retry or replay.
 * `onError` hears about a failing read (`AssetChangedError`, a file-system error) in a stream;
 * `onStream` gets, for each stream made, what ends its read (closing the file it holds).
 */
export async function multipartBody(
  meta: AssetMeta,
  source: UploadSource,
  boundary: string,
  onError: (error: unknown) => void = () => undefined,
  onStream: (end: () => Promise<unknown>) => void = () => undefined,
): Promise<() => Uint8Array | ReadableStream<Uint8Array>> {
  if (source.size <= BUFFERED_BODY_BYTES) {
    const parts: Uint8Array[] = [head(meta, boundary)];
    if (source.held) parts.push(...source.held);
    else for await (const chunk of source.read(meta.path)) parts.push(chunk);
    parts.push(tail(boundary));
    const body = Buffer.concat(parts);
    return () => body;
  }
  return () => streamed(meta, source, boundary, onError, onStream);
}

function streamed(
  meta: AssetMeta,
  source: UploadSource,
  boundary: string,
  onError: (error: unknown) => void,
  onStream: (end: () => Promise<unknown>) => void,
): ReadableStream<Uint8Array> {
  const iterator = (async function* () {
    yield head(meta, boundary);
    yield* source.read(meta.path);
    yield tail(boundary);
  })();
  onStream(() => iterator.return(undefined));
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        onError(error);
        throw error;
      }
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
}

function head(meta: AssetMeta, boundary: string): Buffer {
  return Buffer.from(headText(meta, boundary));
}

/** The body's text before the file's bytes: the meta part, then the file part's header. */
export function headText(meta: AssetMeta, boundary: string): string {
  return `--${boundary}${META_HEADER}${metaJson(meta)}\r\n--${boundary}${FILE_HEADER}`;
}

/** What follows `--boundary` to open the meta part, and the file part. */
const META_HEADER = '\r\nContent-Disposition: form-data; name="meta"\r\n\r\n';
const FILE_HEADER = '\r\nContent-Disposition: form-data; name="file"\r\n\r\n';

/** The meta part's JSON, its fields in the official CLI's order. */
function metaJson(meta: AssetMeta): string {
  return JSON.stringify({
    path: meta.path,
    hash: meta.hash,
    size: meta.size,
    appId: meta.appId,
    attrs: meta.attrs,
  });
}

/** The body's text after the file's bytes: the closing boundary. */
export function tailText(boundary: string): string {
  return `\r\n--${boundary}--\r\n`;
}

function tail(boundary: string): Buffer {
  return Buffer.from(tailText(boundary));
}
