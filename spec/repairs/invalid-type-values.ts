/**
 * invalid-type-values (D30, and the D31 enum that came with one of them)
 *
 * What is wrong: `type` values JSON Schema does not have (40 versions):
 * - `"array of strings"` on `#/components/schemas/TriggerRequest/properties/config/properties/operation_types`
 *   (000-034), whose string `enum` (D31) therefore applies to the array instead of its items;
 * - `ObjectID`, `net.IP`, `net.IPNet` on the access-list schemas (025, 030-034): Go type names;
 * - `int` on `#/components/schemas/EdgeServerMetricConstructor/properties/value` (138-142);
 * - and the like (`string;`). Redocly reports struct errors; generators emit `unknown`.
 *
 * Evidence: DEFECTS.md D30/D31. Upstream later writes `type: string, format: ObjectID` (and
 * `net.IP`, `net.IPNet`) for the access list, `type: integer` for the metric value, and
 * `type: array, items: {type: string, enum: …}` for operation types.
 *
 * Repair: by the table below; an unknown invalid value is an error so a new one gets a decision.
 * Touches: each `…/type` with an invalid value (and `…/enum` for "array of strings").
 */
import type { JsonObject } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { walkSchemas } from "../walk.js";

const VALID = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);

/** What each invalid value means, as a function rewriting the schema in place. */
const MEANING: Record<string, (s: JsonObject) => void> = {
  int: (s) => (s.type = "integer"),
  ObjectID: (s) => Object.assign(s, { type: "string", format: s.format ?? "ObjectID" }),
  "net.IP": (s) => Object.assign(s, { type: "string", format: s.format ?? "net.IP" }),
  "net.IPNet": (s) => Object.assign(s, { type: "string", format: s.format ?? "net.IPNet" }),
  "array of strings": (s) => {
    const items: JsonObject = { type: "string" };
    if (Array.isArray(s.enum)) items.enum = s.enum;
    delete s.enum;
    Object.assign(s, { type: "array", items });
  },
};

export const invalidTypeValues: Repair = {
  id: "invalid-type-values",
  defects: ["D30", "D31"],
  title:
    "Invalid `type` values (`int`, `ObjectID`, `net.IP`, `array of strings`, …) become valid ones",
  inPinned: false,
  apply(doc, ctx) {
    walkSchemas(doc, (schema, site) => {
      const type = schema.type;
      if (typeof type !== "string" || VALID.has(type)) return;
      const at = childPointer(site.pointer, "type");
      const trimmed = type.replace(/[;,.\s]+$/, "");
      const fix =
        MEANING[type] ?? (VALID.has(trimmed) ? (s: JsonObject) => (s.type = trimmed) : undefined);
      if (!fix) throw new Error(`unknown type ${JSON.stringify(type)} at ${at}`);
      fix(schema);
      ctx.fixed(
        at,
        `${JSON.stringify(type)} -> ${JSON.stringify(schema.type)}${schema.format ? ` (format ${schema.format})` : ""}`,
      );
    });
  },
};
