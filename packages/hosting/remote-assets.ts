import type { AdminCaller } from "../client/create-admin-core.js";
import { AdminError } from "../core/errors.js";
import { requestPath } from "../client/request-path.js";
import { isAttribute } from "./attributes.js";
import { describe } from "./file-input.js";
import type { AssetAttribute } from "./multipart.js";
import type { RemoteAsset } from "./plan.js";
import { GetAllHostedAssets } from "../../generated/operations/hosting.js";

/**
 * Every hosted asset of an app (`GET …/hosting/assets?recursive=true`), reduced to what a sync
 * compares. Directory entries such as `"/"` are kept here; the plan leaves them out.
 */
export async function listRemoteAssets(
  client: AdminCaller,
  params: { groupId: string; appId: string; signal?: AbortSignal | undefined },
): Promise<RemoteAsset[]> {
  const { groupId, appId, signal } = params;
  const assets: unknown = await client.call(
    GetAllHostedAssets,
    { groupId, appId, recursive: true },
    { signal },
  );
  if (!Array.isArray(assets)) {
    throw new AdminError(
      `GET ${requestPath("/groups/{groupId}/apps/{appId}/hosting/assets", params)} returned ${describe(assets)}, not an array of assets`,
    );
  }
  const out: RemoteAsset[] = [];
  for (const item of assets as unknown[]) {
    const asset = item as { path?: unknown; hash?: unknown; attrs?: unknown } | null;
    if (typeof asset !== "object" || asset === null || typeof asset.path !== "string") continue;
    const hash = typeof asset.hash === "string" ? asset.hash : "";
    out.push({ path: asset.path, hash, attrs: attributesOf(asset.attrs) });
  }
  return out;
}

/** The well-formed `{name, value}` pairs of a listed asset; the parsed array itself when all are. */
function attributesOf(value: unknown): AssetAttribute[] {
  if (!Array.isArray(value)) return [];
  const list = value as unknown[];
  return list.every(isAttribute) ? list : list.filter(isAttribute);
}
