/**
 * items-without-array-type (D13)
 *
 * What is wrong: array schemas are written as `{items: …}` without `type: array` (every version;
 * 15 in the pinned one), e.g. the 200 responses of `GET …/functions`, `…/values`, `…/services`,
 * `…/auth_providers`, `…/api_keys`, `…/secrets`, and
 * `#/components/schemas/ThirdPartyServiceRule/properties/actions`. Without a type, `items` asserts
 * nothing about the value: both generators emit `unknown` for these list responses.
 *
 * Evidence: DEFECTS.md D13. Three of these are not lists at all, and the real API's behaviour says
 * so; their `items` wrapper is removed instead (see SINGLE below).
 *
 * Repair: `type: array` is added (in front, for readability), except for the listed single-object
 * responses, whose schema becomes the schema that was under `items`.
 * Touches: every Schema Object with `items` and no `type`.
 */
import { isObject } from "../json.js";
import type { Repair } from "../repair.js";
import { walkSchemas } from "../walk.js";
import { APP_PATH } from "./shared.js";
import { childPointer } from "../pointer.js";

/** Response schemas written with `items` that describe one object, with the evidence. */
const SINGLE = new Map<string, string>([
  [
    childPointer(
      "#/paths",
      `${APP_PATH}/security/access_list`,
      "get",
      "responses",
      "200",
      "content",
      "application/json",
      "schema",
    ),
    "the official CLI decodes this response as one object {allowed_ips: [...]} (10gen/realm-cli internal/cloud/realm/access_list.go)",
  ],
  [
    childPointer(
      "#/paths",
      `${APP_PATH}/services/{serviceId}/config`,
      "get",
      "responses",
      "200",
      "content",
      "application/json",
      "schema",
    ),
    "one service has one configuration; the PATCH on the same path takes a single configuration object",
  ],
  [
    childPointer(
      "#/paths",
      `${APP_PATH}/services/config`,
      "get",
      "responses",
      "200",
      "content",
      "application/json",
      "schema",
    ),
    "one service has one configuration (the path itself is bogus, see duplicate-operation-ids)",
  ],
  [
    childPointer(
      "#/paths",
      `${APP_PATH}/values/{valueId}`,
      "put",
      "responses",
      "200",
      "content",
      "application/json",
      "schema",
    ),
    "the path addresses one value and the response is described as 'the value'",
  ],
]);

export const itemsWithoutArrayType: Repair = {
  id: "items-without-array-type",
  defects: ["D13"],
  title:
    "`items` without `type: array` gets `type: array` (or is unwrapped where it is one object)",
  inPinned: true,
  apply(doc, ctx) {
    walkSchemas(doc, (schema, site) => {
      if (!("items" in schema) || "type" in schema || "$ref" in schema) return;
      const single = SINGLE.get(site.pointer);
      if (single && isObject(schema.items) && Object.keys(schema).length === 1) {
        const inner = schema.items;
        delete schema.items;
        Object.assign(schema, inner);
        ctx.fixed(site.pointer, `items unwrapped: not a list (${single})`);
        return;
      }
      const rest = { ...schema };
      for (const k of Object.keys(schema)) delete schema[k];
      Object.assign(schema, { type: "array" }, rest);
      ctx.fixed(site.pointer, "added type: array");
    });
  },
};
