/**
 * response-content-missing (D12)
 *
 * What is wrong: 2xx responses other than 204 declare no `content` although the server sends a
 * body (13 in the pinned spec, up to 17 per version), so generated clients type the result as
 * "no body". Only those whose body is known are given one; the others are left as they are.
 *
 * Evidence, per kind (DEFECTS.md D12 lists the instances):
 * - `GET …/export` 200 is the app as a zip file: the official CLI reads it as a download named by
 *   `Content-Disposition` (10gen/realm-cli api/realm_client.go Export) and the Stitch admin SDK
 *   asks for `Accept: application/zip`.
 * - `POST …/services/{serviceId}/commands/{commandName}` 200 is JSON whose shape depends on the
 *   command: the spec's own named commands on the same route (`build_info`, `generate_schema`,
 *   `validate_documents`) all return JSON, and the CLI decodes command results as JSON
 *   (internal/cloud/realm/command.go).
 * - `POST …/user_registrations/by_email/{email}/send_confirm` 200 is `{token, token_id}`
 *   (mongodb/stitch-js-sdk packages/admin ConfirmationEmailCodec).
 * - A create (`POST <collection>` 201) returns the created resource and a read
 *   (`GET <collection>/{id}` 200) returns one resource, as every other create and read of this API
 *   declares and as the Stitch admin SDKs decode them (`Creatable.create`, `Gettable.get` in
 *   mongodb/stitch-ios-sdk StitchCoreAdminClient/Resources.swift). The resource's schema is the
 *   one `GET <collection>/{id}` declares, else the item schema of `GET <collection>`.
 *
 * Repair: such responses get `content: {<media>: {schema}}`.
 * Touches: `#/paths/<path>/<method>/responses/<status>` for each response above.
 */
import { HTTP_METHODS, isObject, type JsonObject, type OpenApiDocument } from "../json.js";
import type { Repair } from "../repair.js";
import { eachOperation } from "../walk.js";
import { APP_PATH, jsonSchemaOf, operationAt } from "./shared.js";

type Body = { media: string; schema: JsonObject };

const KNOWN = new Map<string, Body>([
  [
    `get ${APP_PATH}/export 200`,
    { media: "application/zip", schema: { type: "string", format: "binary" } },
  ],
  [
    `post ${APP_PATH}/services/{serviceId}/commands/{commandName} 200`,
    {
      media: "application/json",
      schema: { description: "The command's result; its shape depends on the command." },
    },
  ],
  [
    `post ${APP_PATH}/user_registrations/by_email/{email}/send_confirm 200`,
    {
      media: "application/json",
      schema: {
        type: "object",
        properties: {
          token: { type: "string", description: "The confirmation token sent to the user." },
          token_id: { type: "string", description: "The ID of the confirmation token." },
        },
      },
    },
  ],
]);

export const responseContentMissing: Repair = {
  id: "response-content-missing",
  defects: ["D12"],
  title: "2xx responses that return a known body get its content",
  inPinned: true,
  apply(doc, ctx) {
    eachOperation(doc, (op, site) => {
      if (!isObject(op.responses)) return;
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^2\d\d$/.test(status) || status === "204" || !isObject(response)) continue;
        if ("content" in response || "$ref" in response) continue;
        const body =
          KNOWN.get(`${site.method} ${site.path} ${status}`) ??
          resourceBody(doc, site.method, site.path, status);
        if (!body) continue;
        response.content = { [body.media]: { schema: structuredClone(body.schema) } };
        ctx.fixed(`${site.pointer}/responses/${status}`, `content ${body.media} added`);
      }
    });
  },
};

/** The resource schema for a create (POST collection, 201) or a read (GET collection/{id}, 200). */
function resourceBody(
  doc: OpenApiDocument,
  method: string,
  path: string,
  status: string,
): Body | undefined {
  let collection: string;
  if (method === "post" && status === "201") collection = path;
  else if (method === "get" && status === "200" && /\/\{[^}]+\}$/.test(path))
    collection = path.replace(/\/\{[^}]+\}$/, "");
  else return undefined;
  const paths = isObject(doc.paths) ? Object.keys(doc.paths) : [];
  const one = paths.find(
    (p) => p.startsWith(`${collection}/{`) && /^\/\{[^}/]+\}$/.test(p.slice(collection.length)),
  );
  if (one && one !== path) {
    const schema = okSchema(doc, one, "get");
    if (schema) return { media: "application/json", schema };
  }
  const list = okSchema(doc, collection, "get");
  if (list?.type === "array" && isObject(list.items))
    return { media: "application/json", schema: list.items };
  return undefined;
}

function okSchema(
  doc: OpenApiDocument,
  path: string,
  method: (typeof HTTP_METHODS)[number],
): JsonObject | undefined {
  const found = operationAt(doc, path, method);
  const responses = found?.op.responses as Record<string, unknown> | undefined;
  return found ? jsonSchemaOf(responses?.["200"], found.pointer)?.schema : undefined;
}
