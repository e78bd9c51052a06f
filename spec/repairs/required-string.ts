/**
 * required-string (D7)
 *
 * What is wrong: `required` is written as a single string instead of a list of names, e.g.
 * `#/components/schemas/AtlasFederatedInstance/allOf/0/required: "_id"` (versions 127-146, the
 * pinned one included). JSON Schema requires an array; redocly reports a struct error and the two
 * leading generators disagree (openapi-typescript makes `_id` optional, hey-api required).
 *
 * Evidence: DEFECTS.md D7; the schema's own `properties` define `_id`, and every other `required`
 * in the spec is a list.
 *
 * Repair: a string `required` becomes a one-element list.
 * Touches: every `…/required` whose value is a string, in any Schema Object.
 */
import type { Repair } from "../repair.js";
import { childPointer } from "../pointer.js";
import { walkSchemas } from "../walk.js";

export const requiredString: Repair = {
  id: "required-string",
  defects: ["D7"],
  title: "`required` given as a string becomes a list",
  inPinned: true,
  apply(doc, ctx) {
    walkSchemas(doc, (schema, site) => {
      if (typeof schema.required !== "string") return;
      ctx.fixed(
        childPointer(site.pointer, "required"),
        `"${schema.required}" -> ["${schema.required}"]`,
      );
      schema.required = [schema.required];
    });
  },
};
