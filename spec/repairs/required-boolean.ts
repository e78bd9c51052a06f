/**
 * required-boolean (D8)
 *
 * What is wrong: `required: true/false` is written on a property schema, Swagger-2 style, which is
 * invalid in OpenAPI 3.0 and 3.1 (49 versions: 000-034, 042-050, 138-142). Examples:
 * `#/components/schemas/TriggerRequest/properties/name/required: true`,
 * `…/logs/get/responses/200/…/properties/nextEndDate/required: false`,
 * `…/logs/get/parameters/7/schema/required: false`. Generators ignore it, so fields meant to be
 * required come out optional, and redocly reports a struct error.
 *
 * Evidence: DEFECTS.md D8. Later versions list the same names in the parent's `required`.
 *
 * Repair: `true` on a property adds the property name to the parent schema's `required` list;
 * `true` on a parameter's schema marks the parameter required; the boolean is then removed.
 * `false` is the default and is simply removed.
 * Touches: every `…/required` whose value is a boolean.
 */
import type { Repair } from "../repair.js";
import { childPointer } from "../pointer.js";
import { walkSchemas } from "../walk.js";

export const requiredBoolean: Repair = {
  id: "required-boolean",
  defects: ["D8"],
  title: "`required: true/false` on a property moves to the parent's `required` list",
  inPinned: false,
  apply(doc, ctx) {
    walkSchemas(doc, (schema, site) => {
      const flag = schema.required;
      if (typeof flag !== "boolean") return;
      const at = childPointer(site.pointer, "required");
      delete schema.required;
      if (!flag) {
        ctx.fixed(at, "removed `required: false` (optional is the default)");
        return;
      }
      if (site.via === "properties" && site.owner) {
        const list = Array.isArray(site.owner.required) ? site.owner.required : [];
        if (!list.includes(site.key)) list.push(site.key);
        site.owner.required = list;
        ctx.fixed(at, `moved to the parent schema's required list as "${String(site.key)}"`);
      } else if (site.key === "schema" && !Array.isArray(site.parent) && "in" in site.parent) {
        site.parent.required = true;
        ctx.fixed(at, "moved to the parameter (`required: true`)");
      } else {
        // Not a property nor a parameter schema: no parent can carry the flag, so say so loudly.
        throw new Error(
          `\`required: true\` at ${at} is neither on a property nor on a parameter schema`,
        );
      }
    });
  },
};
