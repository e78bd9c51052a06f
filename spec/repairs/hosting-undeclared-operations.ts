/**
 * hosting-undeclared-operations
 *
 * What is wrong: the real API has three hosting features no spec version declares, and a client
 * syncing a hosted site needs all three:
 * - `DELETE …/hosting/assets/asset?path=` deletes an asset (204);
 * - `PUT …/hosting/cache` with `{invalidate: true, path: "/*"}` invalidates the CDN cache (204);
 * - `GET …/hosting/assets?recursive=true` lists assets below sub-folders too.
 *
 * Evidence: DESIGN §4 (Hosting); the official CLI calls all three (10gen/realm-cli
 * api/realm_client.go: DeleteAsset, InvalidateCache with `invalidateCachePayload{Invalidate, Path}`,
 * ListAssetsForAppID; internal/local/hosting.go sync) and so does the Stitch admin JS SDK
 * (mongodb/stitch-js-sdk admin client: `hosting().cache().invalidate`, `assets().asset().delete`).
 *
 * Repair: the two operations are added (operationIds `adminDeleteHostedAsset` and
 * `adminInvalidateHostingCache`, tag `hosting`, in the spec's style) and the list operation gains
 * an optional boolean query parameter `recursive`. Each part is skipped when already declared.
 * Touches: `#/paths/…~1hosting~1assets~1asset/delete`, `#/paths/…~1hosting~1cache`,
 * `#/paths/…~1hosting~1assets/get/parameters`.
 */
import { isObject, type JsonObject } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { APP_PATH, hasParameter, insertAfter, operationAt, pathItemAt } from "./shared.js";

const ASSETS = `${APP_PATH}/hosting/assets`;
const ASSET = `${ASSETS}/asset`;
const CACHE = `${APP_PATH}/hosting/cache`;

export const hostingUndeclaredOperations: Repair = {
  id: "hosting-undeclared-operations",
  defects: ["hosting-undeclared"],
  title: "Declare the hosting asset DELETE, the cache PUT and the `recursive` list parameter",
  inPinned: true,
  apply(doc, ctx) {
    const assets = pathItemAt(doc, ASSETS);
    const asset = pathItemAt(doc, ASSET);
    if (!assets || !asset) return;
    if (!isObject(asset.delete)) {
      const path = hasParameter(doc, "AssetResourcePath")
        ? { $ref: "#/components/parameters/AssetResourcePath" }
        : {
            name: "path",
            in: "query",
            required: true,
            description: "The resource path of a hosted asset.",
            schema: { type: "string" },
          };
      insertAfter(asset, lastMethod(asset), "delete", {
        tags: ["hosting"],
        operationId: "adminDeleteHostedAsset",
        summary: "Delete a hosted asset",
        description: "Delete the hosted asset at a specific resource path.",
        parameters: [path],
        responses: { "204": { description: "Successfully deleted the hosted asset." } },
      });
      ctx.fixed(childPointer("#/paths", ASSET, "delete"), "added adminDeleteHostedAsset");
    }
    if (!pathItemAt(doc, CACHE)) {
      insertAfter(doc.paths as JsonObject, ASSET, CACHE, {
        put: {
          tags: ["hosting"],
          operationId: "adminInvalidateHostingCache",
          summary: "Invalidate the hosting cache",
          description:
            "Invalidate the CDN cache of hosted assets whose resource path matches `path` (`/*` for all).",
          requestBody: {
            required: true,
            content: { "application/json": { schema: cacheBody() } },
          },
          responses: { "204": { description: "Successfully invalidated the cache." } },
        },
        ...(Array.isArray(asset.parameters)
          ? { parameters: structuredClone(asset.parameters) }
          : {}),
      });
      ctx.fixed(childPointer("#/paths", CACHE), "added adminInvalidateHostingCache (PUT)");
    }
    const list = operationAt(doc, ASSETS, "get");
    if (list) {
      const params = Array.isArray(list.op.parameters) ? list.op.parameters : [];
      if (!params.some((p) => isObject(p) && p.name === "recursive")) {
        params.push({
          name: "recursive",
          in: "query",
          required: false,
          description: "If `true`, also list the assets in sub-folders of the resource path.",
          schema: { type: "boolean" },
        });
        list.op.parameters = params;
        ctx.fixed(`${list.pointer}/parameters`, "added the `recursive` query parameter");
      }
    }
  },
};

function cacheBody(): JsonObject {
  return {
    type: "object",
    required: ["invalidate", "path"],
    properties: {
      invalidate: { type: "boolean", description: "Must be `true`." },
      path: {
        type: "string",
        description: "The resource path to invalidate; `/*` invalidates everything.",
      },
    },
  };
}

function lastMethod(item: JsonObject): string | undefined {
  return Object.keys(item)
    .filter((k) => k !== "parameters" && !k.startsWith("x-"))
    .at(-1);
}
