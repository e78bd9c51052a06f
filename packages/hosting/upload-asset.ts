import type { Operation } from "../../generated/client.js";
import type { AdminCaller } from "../client/create-admin-core.js";
import { assertAppId } from "../client/object-id.js";
import { checkAttributes, defaultAttributes } from "./attributes.js";
import type { FileInput } from "./file-input.js";
import {
  multipartBody,
  newBoundary,
  uploadContentType,
  type AssetAttribute,
  type AssetMeta,
} from "./multipart.js";
import type { UploadSource } from "./sources.js";
import type { ReadyBody } from "./upload-body.js";
import { toUploadSource } from "./upload-source.js";

const UPLOAD_PATH = "/groups/{groupId}/apps/{appId}/hosting/assets/asset";
const UPLOAD_OPERATION = "adminUploadHostedAsset";

/** Parameters of `uploadAsset`. */
export interface UploadAssetParams {
  groupId: string;
  /** The app's `_id` (an ObjectId), not its `client_app_id`. */
  appId: string;
  /** Resource path of the asset, `/`-rooted: `/index.html`, `/css/site.css`. */
  path: string;
  /** The content: bytes, a Blob, a stream or async iterable of bytes, or `fromFile(path)`. Never a string. */
  file: FileInput;
  /** Replace all of the asset's attributes with these (default: a `Content-Type` from the extension). */
  attrs?: AssetAttribute[] | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Per-attempt timeout in ms (default: the client's). It covers sending the whole body, so raise
   * it for large files on slow links.
   */
  timeoutMs?: number | undefined;
}

/**
 * Uploads (or replaces) one hosted asset: `PUT …/hosting/assets/asset` as `multipart/mixed` with a
 * `meta` part (`{path, hash, size, appId, attrs}`, MD5 as lowercase hex) and a `file` part, the
 * body streamed (up to 256 KiB it is sent as one buffer). The content is hashed before sending (a
 * file in a first streamed pass, a one-shot stream spooled), so the body can be rebuilt for a
 * retry or a replay after a token refresh. `?path=` is not sent: like the official CLI, the path
 * travels in `meta`. Resolves to the metadata that was sent; throws `AdminApiError` (and
 * subclasses) on a non-2xx, `AssetChangedError` if the content changed after it was hashed.
 *
 * @example
 * const meta = await uploadAsset(admin, { groupId, appId, path: "/index.html", file: fromFile("dist/index.html") });
 * meta.hash; // "5d41402abc4b2a76b9719d911017c592"
 * await uploadAsset(admin, { groupId, appId, path: "/robots.txt", file: new TextEncoder().encode("User-agent: *\n") });
 */
export async function uploadAsset(
  client: AdminCaller,
  params: UploadAssetParams,
): Promise<AssetMeta> {
  const { groupId, appId, path, signal } = params;
  checkAssetPath(path);
  assertAppId(appId, UPLOAD_OPERATION);
  const attrs =
    params.attrs === undefined
      ? defaultAttributes(path)
      : checkAttributes(params.attrs, "uploadAsset: attrs");
  signal?.throwIfAborted();
  const source = await toUploadSource(params.file, signal);
  try {
    const meta: AssetMeta = { path, hash: source.hash, size: source.size, appId, attrs };
    await sendUpload(client, { groupId, meta, source, signal, timeoutMs: params.timeoutMs });
    return meta;
  } finally {
    await source.close();
  }
}

/**
 * Sends one upload as the client sends a namespace call (`client.call` with a descriptor made
 * here): same session, retries, timeouts and request path. A body factory lets a retry or a replay
 * after a token refresh rebuild the body from its source instead of teeing (and so buffering) a
 * stream to clone it. `source` may be a body already laid out (`UploadBody`), sent as it is.
 */
export async function sendUpload(
  client: AdminCaller,
  args: {
    groupId: string;
    meta: AssetMeta;
    source: UploadSource | ReadyBody;
    signal?: AbortSignal | undefined;
    timeoutMs?: number | undefined;
  },
): Promise<void> {
  const { meta, source } = args;
  // A laid-out body is bytes: no read to fail, no file to close.
  if ("boundary" in source) {
    const { bytes } = source;
    await put(client, args, source.boundary, () => bytes);
    return;
  }
  let readFailure: { error: unknown } | undefined;
  // What ends each streamed body made for this upload (one per attempt; none for a buffered one).
  let streams: (() => Promise<unknown>)[] | undefined;
  const boundary = newBoundary();
  const body = await multipartBody(
    meta,
    source,
    boundary,
    (error) => (readFailure ??= { error }),
    (end) => (streams ??= []).push(end),
  );
  try {
    await put(client, args, boundary, body);
  } catch (error) {
    // The transport reports a body that failed mid-stream as a connection error; the read
    // failure (content changed, file gone) is the cause worth showing.
    if (readFailure) throw readFailure.error;
    throw error;
  } finally {
    // A transport need not cancel the body of a request it gave up on (an abort, a retried
    // attempt): each stream's file is closed before the upload settles, a read in flight waited
    // for. A body read to its end is already closed.
    if (streams) for (const end of streams) await end().catch(() => undefined);
  }
}

/** The upload request itself: `body` gives the first body and each retry's. */
function put(
  client: AdminCaller,
  args: {
    groupId: string;
    meta: AssetMeta;
    signal?: AbortSignal | undefined;
    timeoutMs?: number | undefined;
  },
  boundary: string,
  body: () => Uint8Array | ReadableStream<Uint8Array>,
): Promise<unknown> {
  return client.call(
    UPLOAD,
    { groupId: args.groupId, appId: args.meta.appId, body: body() },
    {
      signal: args.signal,
      timeoutMs: args.timeoutMs,
      bodyFactory: body,
      headers: { "Content-Type": uploadContentType(boundary) },
    },
  );
}

/**
 * The upload as an operation descriptor. The generated one models the body as `{meta, file}`
 * values and requires `?path=`; we lay out the parts ourselves (so the body goes as opaque bytes
 * with our own `Content-Type`) and, like the official CLI, leave `?path=` out (the server takes
 * the path from meta).
 */
const UPLOAD: Operation<
  { groupId: string; appId: string; body: Uint8Array | ReadableStream<Uint8Array> },
  undefined
> = {
  operationId: UPLOAD_OPERATION,
  namespace: "hosting",
  name: "uploadHostedAsset",
  method: "PUT",
  path: UPLOAD_PATH,
  pathParams: ["groupId", "appId"],
  queryParams: [],
  requestMediaType: "application/octet-stream",
};

/** An asset path is `/`-rooted and names a file (the API refuses anything else). */
export function checkAssetPath(path: unknown): asserts path is string {
  if (
    typeof path !== "string" ||
    !path.startsWith("/") ||
    path.endsWith("/") ||
    path.includes("\\")
  ) {
    throw new TypeError(
      `asset path must start with '/', name a file and use '/' separators; got ${JSON.stringify(path)}`,
    );
  }
}
