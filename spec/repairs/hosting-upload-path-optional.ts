/**
 * hosting-upload-path-optional
 *
 * What is wrong: `PUT …/hosting/assets/asset` (adminUploadHostedAsset) requires a `path` query
 * parameter (`$ref: AssetResourcePath`, shared with get/patch/delete, where it is required). The
 * upload already carries the path in its `meta` part, and the official CLI never sends `?path=`
 * on an upload, so a client generated from the spec would depend on something the real server does
 * not need (every version; pinned).
 *
 * Evidence: DESIGN §4 "Hosting"; 10gen/realm-cli `internal/cloud/realm/hosting.go` builds the
 * upload URL without a query string and puts `path` in the JSON `meta` part.
 *
 * Repair: on the upload only, the `path` query parameter becomes an inline, optional copy whose
 * description says the path is taken from `meta`. Get, patch and delete keep the required one.
 * Touches: `#/paths/…~1hosting~1assets~1asset/put/parameters/<i>`.
 */
import { isObject } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { APP_PATH, deref, operationAt } from "./shared.js";

export const hostingUploadPathOptional: Repair = {
  id: "hosting-upload-path-optional",
  defects: ["hosting-upload-path-required"],
  title: "Hosting upload: `?path=` is optional (the path travels in the meta part)",
  inPinned: true,
  apply(doc, ctx) {
    const upload = operationAt(doc, `${APP_PATH}/hosting/assets/asset`, "put");
    if (!upload || !Array.isArray(upload.op.parameters)) return;
    const params = upload.op.parameters;
    params.forEach((entry, index) => {
      const param = deref(doc, entry);
      if (
        !isObject(param) ||
        param.name !== "path" ||
        param.in !== "query" ||
        param.required !== true
      ) {
        return;
      }
      params[index] = {
        ...param,
        required: false,
        description:
          "The asset's resource path. Optional on upload: the server takes the path from the `meta` part.",
      };
      ctx.fixed(
        childPointer(upload.pointer, "parameters", index),
        "path query parameter made optional on upload",
      );
    });
  },
};
