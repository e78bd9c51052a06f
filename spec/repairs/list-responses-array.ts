/**
 * list-responses-array
 *
 * What is wrong: two list operations declare one object as their 200 response, in every version:
 * - `GET …/drafts` (adminListDeploymentDrafts) -> `$ref DeploymentDraft`;
 * - `GET …/services/{serviceId}/incoming_webhooks` (adminListWebhooks) -> `$ref IncomingWebhook`.
 * Generated clients then type a list as a single item.
 *
 * Evidence: DESIGN §4 (Drafts): `GET /drafts` returns `[]` or `[draft]`; the official CLI decodes
 * it as `[]AppDraft` (10gen/realm-cli api/realm_client.go GetDrafts). The webhooks operation is a
 * "List" (its operationId), like every other collection GET of the API, which all return arrays.
 *
 * Repair: the response schema becomes `{type: array, items: <the declared schema>}`.
 * Touches: `#/paths/…~1drafts/get/responses/200/content/application~1json/schema`,
 * `#/paths/…~1incoming_webhooks/get/responses/200/content/application~1json/schema`.
 */
import type { Repair } from "../repair.js";
import { APP_PATH, jsonSchemaOf, operationAt } from "./shared.js";

const LISTS = [`${APP_PATH}/drafts`, `${APP_PATH}/services/{serviceId}/incoming_webhooks`];

export const listResponsesArray: Repair = {
  id: "list-responses-array",
  defects: ["drafts-list", "webhooks-list"],
  title: "List operations declared as returning one object return an array",
  inPinned: true,
  apply(doc, ctx) {
    for (const path of LISTS) {
      const list = operationAt(doc, path, "get");
      const responses = list?.op.responses as Record<string, unknown> | undefined;
      const json = list && jsonSchemaOf(responses?.["200"], `${list.pointer}/responses/200`);
      if (!json || json.schema.type === "array" || typeof json.schema.$ref !== "string") continue;
      json.media.schema = { type: "array", items: json.schema };
      ctx.fixed(json.pointer, `${json.schema.$ref} -> array of it`);
    }
  },
};
