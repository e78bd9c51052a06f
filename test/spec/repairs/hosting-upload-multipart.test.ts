import { hostingUploadMultipart } from "../../../spec/repairs/hosting-upload-multipart.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const ASSETS = "/groups/{groupId}/apps/{appId}/hosting/assets";
const ASSET = `${ASSETS}/asset`;
const metaDescription = "An asset metadata document (encoded as JSON).";
const AssetMetadata = { properties: { path: { type: "string" }, hash: { type: "string" } } };

const spec = (uploadBody: unknown, moveDescription: string, metadata: unknown = AssetMetadata) =>
  openapi({
    paths: {
      [ASSETS]: {
        post: {
          requestBody: {
            description: moveDescription,
            content: {
              "application/json": {
                schema: { type: "object", properties: { move_from: { type: "string" } } },
              },
            },
          },
          responses: { "204": { description: "moved" } },
        },
      },
      [ASSET]: {
        put: { requestBody: uploadBody, responses: { "204": { description: "uploaded" } } },
      },
    },
    components: { schemas: { AssetMetadata: metadata } },
  });

const upstreamBody = {
  description:
    "The hosted asset file and its metadata. (Must use\n`Content-Type: multipart/mixed`)",
  required: true,
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: {
          meta: {
            type: "object",
            $ref: "#/components/schemas/AssetMetadata",
            required: ["meta", "file"],
            description: metaDescription,
          },
          file: { type: "string", format: "binary", description: "The asset file." },
        },
      },
    },
  },
};

const repairedBody = {
  description: upstreamBody.description,
  required: true,
  content: {
    "multipart/mixed": {
      schema: {
        type: "object",
        required: ["meta", "file"],
        properties: {
          meta: { $ref: "#/components/schemas/AssetMetadata", description: metaDescription },
          file: { type: "string", format: "binary", description: "The asset file." },
        },
      },
      encoding: { meta: { contentType: "application/json" } },
    },
  },
};

const withAppId = {
  properties: {
    ...AssetMetadata.properties,
    appId: { type: "string", description: "The ID (`_id`) of the App that owns the asset." },
  },
};
const moveFixed =
  "The asset to move (`move_from`, `move_to`) or copy (`copy_from`, `copy_to`), as JSON.";

repairTable(
  hostingUploadMultipart,
  [
    {
      name: "upload body, AssetMetadata and the move/copy description (every version)",
      given: spec(upstreamBody, upstreamBody.description),
      want: spec(repairedBody, moveFixed, withAppId),
      fixes: [
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1hosting~1assets~1asset/put/requestBody/content",
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1hosting~1assets~1asset/put/requestBody/content/application~1json/schema/properties/meta/required",
        "#/components/schemas/AssetMetadata/properties/appId",
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1hosting~1assets/post/requestBody/description",
      ],
    },
    {
      name: "0.x spelling of the claim with double backticks",
      given: spec(
        repairedBody,
        "The hosted asset file and its metadata. (Must use ``Content-Type: multipart/mixed``)",
        withAppId,
      ),
      want: spec(repairedBody, moveFixed, withAppId),
    },
  ],
  [spec(repairedBody, moveFixed, withAppId), openapi({})],
);
