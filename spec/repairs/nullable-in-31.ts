/**
 * nullable-in-31 (D28)
 *
 * What is wrong: version 060, the first OpenAPI 3.1 file, still writes the 3.0 keyword
 * `nullable: true` on `…/graphql/post/responses/200/content/application~1json/schema/properties/data`.
 * 3.1 has no `nullable` (redocly struct error) and 3.1 tools ignore it, so `data` loses `| null`.
 *
 * Evidence: DEFECTS.md D28; from 061 upstream writes the same schema `type: [object, "null"]`.
 *
 * Repair: in 3.1 documents only, `nullable: true` becomes a type list with "null" (or, without a
 * `type`, `anyOf: [<schema>, {type: "null"}]`); `nullable: false` is dropped. 3.0 documents are
 * left alone, where `nullable` is right.
 * Touches: each `…/nullable` in a 3.1 document.
 */
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { walkSchemas } from "../walk.js";

export const nullableIn31: Repair = {
  id: "nullable-in-31",
  defects: ["D28"],
  title: '`nullable` in an OpenAPI 3.1 document becomes a type list with "null"',
  inPinned: false,
  apply(doc, ctx) {
    if (ctx.dialect !== "3.1") return;
    walkSchemas(doc, (schema, site) => {
      if (!("nullable" in schema)) return;
      const at = childPointer(site.pointer, "nullable");
      const nullable = schema.nullable === true;
      delete schema.nullable;
      if (!nullable) {
        ctx.fixed(at, "removed nullable: false");
      } else if (typeof schema.type === "string" || Array.isArray(schema.type)) {
        const types = Array.isArray(schema.type) ? schema.type : [schema.type];
        schema.type = types.includes("null") ? types : [...types, "null"];
        ctx.fixed(at, `nullable: true -> type ${JSON.stringify(schema.type)}`);
      } else {
        const inner = { ...schema };
        for (const k of Object.keys(schema)) delete schema[k];
        schema.anyOf = [inner, { type: "null" }];
        ctx.fixed(at, "nullable: true -> anyOf [schema, null]");
      }
    });
  },
};
