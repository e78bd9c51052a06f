/** Hosted files, as realm-cli's `hosting.go` requests them. */
import { randomBytes } from "node:crypto";
import type { AppRef } from "./api-app-resources.js";
import { appPath } from "./api-apps.js";
import { encode } from "./go-json.js";
import { multipart } from "../multipart.js";
import * as shapes from "./shapes.js";

const path = ({ groupId, appId }: AppRef, suffix: string) => appPath(groupId, appId) + suffix;
const asset = "/hosting/assets/asset";

/** A `realm.HostingAssetAttribute`. */
export interface Attribute {
  name: string;
  value: string;
}

/** `HostingAssets`: `GET .../hosting/assets?recursive=true`, 200. */
export const hostingAssets = (app: AppRef) =>
  app.client.json(
    "get hosting assets",
    200,
    { array: shapes.HostingAsset },
    "GET",
    path(app, "/hosting/assets"),
    { query: { recursive: "true" } },
  );

/**
 * `HostingAssetUpload`: `PUT .../hosting/assets/asset`, `multipart/mixed` with a `meta` field (the
 * marshalled `HostingAsset`: `{path, hash, size, appId, attrs}`) and a `file` field, 204.
 */
export async function hostingAssetUpload(
  app: AppRef,
  content: Uint8Array,
  data: { path: string; hash: string; size: number; attrs?: Attribute[] },
) {
  const meta = encode(shapes.HostingAsset, { ...data, appId: app.appId });
  const boundary = randomBytes(30).toString("hex"); // Go's multipart.Writer boundary
  const { body, contentType } = multipart(
    [
      { name: "meta", content: JSON.stringify(meta) },
      { name: "file", content },
    ],
    boundary,
  );
  await app.client.send("upload hosting asset", 204, "PUT", path(app, asset), {
    body,
    contentType,
  });
}

/** `HostingAssetRemove`: `DELETE .../hosting/assets/asset?path=`, 204. */
export const hostingAssetRemove = (app: AppRef, filePath: string) =>
  app.client.send("delete hosting asset", 204, "DELETE", path(app, asset), {
    query: { path: filePath },
  });

/** `HostingAssetAttributesUpdate`: `PATCH .../hosting/assets/asset?path=` with `{attributes}`, 204. */
export const hostingAssetAttributesUpdate = (app: AppRef, filePath: string, attrs: Attribute[]) =>
  app.client.send("update hosting asset attribute", 204, "PATCH", path(app, asset), {
    query: { path: filePath },
    json: { attributes: attrs },
  });

/** `HostingCacheInvalidate`: `PUT .../hosting/cache` with `{invalidate: true, path}`, 204. */
export const hostingCacheInvalidate = (app: AppRef, filePath: string) =>
  app.client.send("invalidate hosting cache", 204, "PUT", path(app, "/hosting/cache"), {
    json: { invalidate: true, path: filePath },
  });
