import { rawCallError, rawCallOptions, type AdminClient } from "../client/create-admin-client.js";
import { assertAppId } from "../client/object-id.js";
import { requestPath } from "../client/request-path.js";
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
 * await uploadAsset(admin, { groupId, appId, path: "/robots.txt", file: Buffer.from("User-agent: *\n") });
 */
export async function uploadAsset(
  client: AdminClient,
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
 * Sends one upload through the client's `raw` PUT with a body factory, so the runtime's retry and
 * refresh-and-replay rebuild the body from its source instead of teeing (and so buffering) a
 * stream to clone it.
 */
export async function sendUpload(
  client: AdminClient,
  args: {
    groupId: string;
    meta: AssetMeta;
    source: UploadSource;
    signal?: AbortSignal | undefined;
    timeoutMs?: number | undefined;
  },
): Promise<void> {
  const { groupId, meta, source } = args;
  const boundary = newBoundary();
  let readFailure: { error: unknown } | undefined;
  const body = await multipartBody(meta, source, boundary, (error) => (readFailure ??= { error }));
  // The generated types model the body as `{meta, file}` values and require `?path=`. We stream
  // the parts ourselves and, like the official CLI, leave `?path=` out (the server takes the path
  // from meta), so the init is built untyped here and handed over as is.
  const init = {
    params: { path: { groupId, appId: meta.appId } },
    body: meta,
    bodySerializer: body,
    headers: { "Content-Type": uploadContentType(boundary) },
    signal: args.signal,
    duplex: "half",
    ...rawCallOptions(client, { bodyFactory: body, timeoutMs: args.timeoutMs }),
  };
  let result;
  try {
    result = await client.raw.PUT(UPLOAD_PATH, init as never);
  } catch (error) {
    // The transport reports a body that failed mid-stream as a connection error; the read
    // failure (content changed, file gone) is the cause worth showing.
    if (readFailure) throw readFailure.error;
    throw error;
  }
  const { response, error } = result;
  if (response.ok) return;
  const path = requestPath(UPLOAD_PATH, { groupId, appId: meta.appId });
  throw rawCallError(
    client,
    { method: "PUT", path, operationId: UPLOAD_OPERATION },
    response,
    error,
  );
}

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
