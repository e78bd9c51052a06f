import { hostingUndeclaredOperations } from "../../../spec/repairs/hosting-undeclared-operations.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const APP = "/groups/{groupId}/apps/{appId}";
const ASSETS = `${APP}/hosting/assets`;
const ASSET = `${ASSETS}/asset`;
const CACHE = `${APP}/hosting/cache`;
const shared = [
  { $ref: "#/components/parameters/GroupId" },
  { $ref: "#/components/parameters/AppId" },
];
const pathParam = { $ref: "#/components/parameters/AssetResourcePath" };
const components = {
  parameters: {
    AssetResourcePath: { name: "path", in: "query", required: true, schema: { type: "string" } },
  },
};
const listOp = (extra: unknown[] = []) => ({
  operationId: "adminGetAllHostedAssets",
  ...(extra.length ? { parameters: extra } : {}),
  responses: { "200": { description: "listed" } },
});
const getOp = {
  operationId: "adminGetHostedAsset",
  parameters: [pathParam],
  responses: { "200": { description: "ok" } },
};

const recursive = {
  name: "recursive",
  in: "query",
  required: false,
  description: "If `true`, also list the assets in sub-folders of the resource path.",
  schema: { type: "boolean" },
};
const deleteOp = {
  tags: ["hosting"],
  operationId: "adminDeleteHostedAsset",
  summary: "Delete a hosted asset",
  description: "Delete the hosted asset at a specific resource path.",
  parameters: [pathParam],
  responses: { "204": { description: "Successfully deleted the hosted asset." } },
};
const cacheItem = {
  put: {
    tags: ["hosting"],
    operationId: "adminInvalidateHostingCache",
    summary: "Invalidate the hosting cache",
    description:
      "Invalidate the CDN cache of hosted assets whose resource path matches `path` (`/*` for all).",
    requestBody: {
      required: true,
      content: {
        "application/json": {
          schema: {
            type: "object",
            required: ["invalidate", "path"],
            properties: {
              invalidate: { type: "boolean", description: "Must be `true`." },
              path: {
                type: "string",
                description: "The resource path to invalidate; `/*` invalidates everything.",
              },
            },
          },
        },
      },
    },
    responses: { "204": { description: "Successfully invalidated the cache." } },
  },
  parameters: shared,
};

const upstream = openapi({
  paths: {
    [ASSETS]: { get: listOp(), parameters: shared },
    [ASSET]: { get: getOp, parameters: shared },
    "/z": {},
  },
  components,
});
const repaired = openapi({
  paths: {
    [ASSETS]: { get: listOp([recursive]), parameters: shared },
    [ASSET]: { get: getOp, delete: deleteOp, parameters: shared },
    [CACHE]: cacheItem,
    "/z": {},
  },
  components,
});

repairTable(
  hostingUndeclaredOperations,
  [
    {
      name: "adds DELETE asset, PUT cache (after the asset path) and the recursive parameter",
      given: upstream,
      want: repaired,
      fixes: [
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1hosting~1assets~1asset/delete",
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1hosting~1cache",
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1hosting~1assets/get/parameters",
      ],
    },
    {
      name: "without the AssetResourcePath component the path parameter is declared inline",
      given: openapi({
        paths: { [ASSETS]: { get: listOp([recursive]) }, [ASSET]: {} },
        components: {},
      }),
      want: openapi({
        paths: {
          [ASSETS]: { get: listOp([recursive]) },
          [ASSET]: {
            delete: {
              ...deleteOp,
              parameters: [
                {
                  name: "path",
                  in: "query",
                  required: true,
                  description: "The resource path of a hosted asset.",
                  schema: { type: "string" },
                },
              ],
            },
          },
          [CACHE]: { put: cacheItem.put },
        },
        components: {},
      }),
    },
  ],
  [repaired, openapi({ paths: { "/other": {} } })],
);
