/**
 * enum-null-in-string (D31)
 *
 * What is wrong: `#/components/schemas/SchemaDefinition/properties/bsonType` is `type: string`
 * with an `enum` listing BSON type names, one of them written unquoted `null`, which YAML reads as
 * the null value (127-135). The enum then contradicts its type (redocly `no-enum-type-mismatch`)
 * and "null", a real BSON type alias, cannot be chosen.
 *
 * Evidence: DEFECTS.md D31; the list is MongoDB's `bsonType` aliases, where "null" is a string.
 *
 * Repair: in an enum of a schema typed `string` (only), a null member becomes the string "null".
 * Touches: `…/enum/<i>` holding null.
 */
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { walkSchemas } from "../walk.js";

export const enumNullInString: Repair = {
  id: "enum-null-in-string",
  defects: ["D31"],
  title: 'YAML null inside a string enum becomes the string "null"',
  inPinned: false,
  apply(doc, ctx) {
    walkSchemas(doc, (schema, site) => {
      if (schema.type !== "string" || !Array.isArray(schema.enum)) return;
      schema.enum.forEach((value, i, list) => {
        if (value !== null) return;
        list[i] = "null";
        ctx.fixed(childPointer(site.pointer, "enum", i), 'YAML null -> "null"');
      });
    });
  },
};
