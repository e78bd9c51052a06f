import { hostingUploadPathOptional } from "../../../spec/repairs/hosting-upload-path-optional.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const ASSET = "/groups/{groupId}/apps/{appId}/hosting/assets/asset";
const AssetResourcePath = {
  name: "path",
  in: "query",
  description: "The resource path of a hosted asset.",
  required: true,
  schema: { type: "string" },
};
const ok = { "204": { description: "done" } };
const optionalPath = {
  ...AssetResourcePath,
  required: false,
  description:
    "The asset's resource path. Optional on upload: the server takes the path from the `meta` part.",
};

const spec = (putParameters: unknown[]) =>
  openapi({
    paths: {
      [ASSET]: {
        get: { parameters: [{ $ref: "#/components/parameters/AssetResourcePath" }], responses: ok },
        put: { parameters: putParameters, responses: ok },
      },
    },
    components: { parameters: { AssetResourcePath } },
  });

repairTable(
  hostingUploadPathOptional,
  [
    {
      name: "shared required $ref on the upload becomes an inline optional copy; get keeps the ref",
      given: spec([{ $ref: "#/components/parameters/AssetResourcePath" }]),
      want: spec([optionalPath]),
      fixes: [`#/paths/${ASSET.replace(/\//g, "~1")}/put/parameters/0`],
    },
    {
      name: "inline required parameter",
      given: spec([{ name: "x", in: "query", schema: { type: "string" } }, AssetResourcePath]),
      want: spec([{ name: "x", in: "query", schema: { type: "string" } }, optionalPath]),
    },
  ],
  [spec([]), spec([{ ...AssetResourcePath, required: false }]), openapi({})],
);
