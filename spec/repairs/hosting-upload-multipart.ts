/**
 * hosting-upload-multipart (D11, with the D9 and D15 instances on the same body)
 *
 * What is wrong: `PUT …/hosting/assets/asset` (adminUploadHostedAsset) declares its body as
 * `application/json` although its own description says "Must use Content-Type: multipart/mixed"
 * and its schema is `{meta: AssetMetadata, file: binary}`. The `meta` property also carries
 * `type: object` next to its `$ref`, and `required: [meta, file]`, which belongs to the body
 * (every version; pinned). `POST …/hosting/assets` (move/copy) repeats the multipart sentence in
 * its description, though its body really is JSON `{move_from, move_to}` / `{copy_from, copy_to}`.
 *
 * Evidence: DEFECTS.md D11, D9, D15; DESIGN §4; the official CLI sends `multipart/mixed` with a
 * JSON part `meta` `{appId, path, hash, size, attrs}` and a part `file` with the raw bytes
 * (10gen/realm-cli api/realm_client.go UploadAsset), and posts move/copy as JSON.
 *
 * Repair: the upload body becomes `multipart/mixed` with `required: [meta, file]` on the body,
 * `meta: {$ref AssetMetadata}`, `file: {type: string, format: binary}` and
 * `encoding: {meta: {contentType: application/json}}`; `AssetMetadata` gains the `appId` the CLI
 * sends; the move/copy description stops claiming multipart.
 * Touches: `#/paths/…~1hosting~1assets~1asset/put/requestBody`, `#/components/schemas/AssetMetadata`,
 * `#/paths/…~1hosting~1assets/post/requestBody/description`.
 */
import { isObject, type JsonObject } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { APP_PATH, insertAfter, jsonSchemaOf, operationAt } from "./shared.js";

const MULTIPART_CLAIM = /\s*\(Must use\s+`{1,2}Content-Type: multipart\/mixed`{1,2}\)/;

export const hostingUploadMultipart: Repair = {
  id: "hosting-upload-multipart",
  defects: ["D11", "D9", "D15"],
  title: "Hosting upload body is multipart/mixed (meta JSON + file binary), not JSON",
  inPinned: true,
  apply(doc, ctx) {
    const upload = operationAt(doc, `${APP_PATH}/hosting/assets/asset`, "put");
    const body = upload?.op.requestBody;
    const bodyAt = upload && childPointer(upload.pointer, "requestBody");
    const json = bodyAt ? jsonSchemaOf(body, bodyAt) : undefined;
    const props = json && isObject(json.schema.properties) ? json.schema.properties : undefined;
    if (json && isObject(body) && props && isObject(props.meta) && isObject(props.file)) {
      const meta = props.meta;
      const metaRef = typeof meta.$ref === "string" ? meta.$ref : undefined;
      const schema: JsonObject = {
        type: "object",
        required: ["meta", "file"],
        properties: {
          meta: { ...(metaRef ? { $ref: metaRef } : meta), ...pick(meta, "description") },
          file: { type: "string", format: "binary", ...pick(props.file, "description") },
        },
      };
      body.content = {
        "multipart/mixed": { schema, encoding: { meta: { contentType: "application/json" } } },
      };
      ctx.fixed(
        `${bodyAt}/content`,
        "application/json -> multipart/mixed with parts meta (JSON) and file (binary)",
      );
      ctx.fixed(
        `${json.pointer}/properties/meta/required`,
        "required [meta, file] moved to the body schema",
      );
      if (metaRef) addAppId(doc, metaRef, ctx.fixed);
    }
    const move = operationAt(doc, `${APP_PATH}/hosting/assets`, "post");
    const moveBody = move?.op.requestBody;
    if (
      isObject(moveBody) &&
      typeof moveBody.description === "string" &&
      MULTIPART_CLAIM.test(moveBody.description)
    ) {
      moveBody.description =
        "The asset to move (`move_from`, `move_to`) or copy (`copy_from`, `copy_to`), as JSON.";
      ctx.fixed(
        `${move!.pointer}/requestBody/description`,
        "dropped the copied claim that the body is multipart",
      );
    }
  },
};

function pick(from: JsonObject, key: string): JsonObject {
  return from[key] === undefined ? {} : { [key]: from[key] };
}

/** The CLI's meta part carries the app's ID; without it the schema cannot describe what is sent. */
function addAppId(doc: JsonObject, ref: string, fixed: (p: string, d: string) => void): void {
  const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
  const schemas =
    isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const target = name ? schemas[name] : undefined;
  if (!isObject(target) || !isObject(target.properties) || "appId" in target.properties) return;
  const appId = { type: "string", description: "The ID (`_id`) of the App that owns the asset." };
  insertAfter(target.properties, undefined, "appId", appId);
  fixed(`${ref}/properties/appId`, "added appId, which the official CLI sends in the meta part");
}
