/**
 * items-tuple (D16)
 *
 * What is wrong: `items` given as a list of one schema (Swagger/draft-4 tuple form):
 * `…/services/get/responses/200/content/application~1json/schema/items: [{$ref: ServiceResponse}]`
 * (120-126). OpenAPI requires a schema; redocly reports a struct error and the list type is lost.
 *
 * Evidence: DEFECTS.md D16; from 127 the same response is `items: {$ref: ServiceResponse}`.
 *
 * Repair: a one-element list becomes that element; a longer list (a real tuple, never seen) is
 * an error.
 * Touches: `…/items` whose value is a list.
 */
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { walkSchemas } from "../walk.js";

export const itemsTuple: Repair = {
  id: "items-tuple",
  defects: ["D16"],
  title: "`items: [schema]` becomes `items: schema`",
  inPinned: false,
  apply(doc, ctx) {
    walkSchemas(doc, (schema, site) => {
      if (!Array.isArray(schema.items)) return;
      const at = childPointer(site.pointer, "items");
      if (schema.items.length !== 1)
        throw new Error(`items at ${at} is a tuple of ${schema.items.length} schemas`);
      schema.items = schema.items[0];
      ctx.fixed(at, "one-element list -> its schema");
    });
  },
};
