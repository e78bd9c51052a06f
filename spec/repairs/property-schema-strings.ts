/**
 * property-schema-strings (D14)
 *
 * What is wrong: property schemas written as TypeScript-like strings, e.g.
 * `#/components/schemas/ServiceResponse/properties/_id: "string;"` and `version: "number;"`
 * (120-126). openapi-typescript crashes ("Expected Schema Object or boolean, got string") and
 * redocly reports struct errors.
 *
 * Evidence: DEFECTS.md D14; from 127 the same properties are `{type: string}` / `{type: number}`.
 *
 * Repair: a string naming a JSON type (optionally ending in `;`) becomes `{type: <name>}`; any
 * other string is an error, so a new variant is noticed.
 * Touches: `#/…/properties/<name>` whose value is a string.
 */
import { isObject } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { walkSchemas } from "../walk.js";

const TYPES = new Set(["string", "number", "integer", "boolean", "object", "array"]);

export const propertySchemaStrings: Repair = {
  id: "property-schema-strings",
  defects: ["D14"],
  title: "Property schemas written as strings (`_id: string;`) become `{type: …}`",
  inPinned: false,
  apply(doc, ctx) {
    walkSchemas(doc, (schema, site) => {
      if (!isObject(schema.properties)) return;
      for (const [name, value] of Object.entries(schema.properties)) {
        if (typeof value !== "string") continue;
        const type = value.trim().replace(/;$/, "").trim();
        const at = childPointer(site.pointer, "properties", name);
        if (!TYPES.has(type))
          throw new Error(`property schema at ${at} is the string ${JSON.stringify(value)}`);
        schema.properties[name] = { type };
        ctx.fixed(at, `${JSON.stringify(value)} -> {type: ${type}}`);
      }
    });
  },
};
