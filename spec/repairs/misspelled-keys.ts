/**
 * misspelled-keys (D24)
 *
 * What is wrong: operations carry a misspelled key, `descripti:on`, on
 * `…/security~1refresh_token_expiration/{get,put}` (094). Redocly reports a struct error and the
 * operations lose their description.
 *
 * Evidence: DEFECTS.md D24; 093 and 095 spell it `description`.
 *
 * Repair: an unknown Operation Object key that equals a known field once punctuation is removed is
 * renamed to that field (when the field is not already set; otherwise the stray key is dropped).
 * Touches: `#/paths/<path>/<method>/<misspelled key>`.
 */
import type { Repair } from "../repair.js";
import { eachOperation } from "../walk.js";
import { childPointer } from "../pointer.js";
import { renameKey } from "./shared.js";

const FIELDS = [
  "tags",
  "summary",
  "description",
  "externalDocs",
  "operationId",
  "parameters",
  "requestBody",
  "responses",
  "callbacks",
  "deprecated",
  "security",
  "servers",
];

export const misspelledKeys: Repair = {
  id: "misspelled-keys",
  defects: ["D24"],
  title: "Misspelled Operation Object keys (`descripti:on`) get their field's name",
  inPinned: false,
  apply(doc, ctx) {
    eachOperation(doc, (op, site) => {
      for (const key of Object.keys(op)) {
        if (FIELDS.includes(key) || key.startsWith("x-")) continue;
        const field = FIELDS.find((f) => f === key.replace(/[^A-Za-z]/g, ""));
        if (!field) continue;
        if (field in op) delete op[key];
        else renameKey(op, key, field);
        ctx.fixed(childPointer(site.pointer, key), `"${key}" -> "${field}"`);
      }
    });
  },
};
