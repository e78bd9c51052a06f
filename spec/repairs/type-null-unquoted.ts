/**
 * type-null-unquoted (D29)
 *
 * What is wrong: `type: null` written unquoted, which YAML reads as the null value, not the
 * string "null": `#/components/schemas/PushPullAppConfig/properties/{custom_user_data,data_api_config}/oneOf/1/type`
 * (127-135, OpenAPI 3.1). Redocly reports a struct error and neither generator emits `| null`.
 *
 * Evidence: DEFECTS.md D29; the intent (a nullable config) is plain from the `oneOf` with a
 * config schema; from 136 upstream drops the branch.
 *
 * Repair: in a 3.1 document the value becomes the string "null". In a 3.0 document, which has no
 * null type, the branch becomes `{nullable: true, enum: [null]}` (the 3.0 spelling of "only null").
 * Touches: each `…/type` whose value is YAML null.
 */
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { walkSchemas } from "../walk.js";

export const typeNullUnquoted: Repair = {
  id: "type-null-unquoted",
  defects: ["D29"],
  title: '`type: null` (YAML null) becomes the type "null"',
  inPinned: false,
  apply(doc, ctx) {
    walkSchemas(doc, (schema, site) => {
      if (!("type" in schema) || schema.type !== null) return;
      const at = childPointer(site.pointer, "type");
      if (ctx.dialect === "3.1") {
        schema.type = "null";
        ctx.fixed(at, 'YAML null -> "null"');
      } else {
        delete schema.type;
        Object.assign(schema, { nullable: true, enum: [null] });
        ctx.fixed(at, "YAML null -> nullable: true, enum: [null] (OpenAPI 3.0)");
      }
    });
  },
};
