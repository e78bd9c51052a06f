/**
 * JSON Schema keywords that only annotate (they never change what validates): the SDK's copy of
 * `generated/operation-schemas.json` serves config's validation alone, so it goes without them.
 * The emulator's copy, which serves examples, keeps everything.
 */
const ANNOTATIONS = new Set(["description", "title", "example", "examples", "$comment"]);
/** Keywords whose value is a map of names to schemas. */
const SCHEMA_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
/** Keywords whose value is one schema. */
const SCHEMA_ONE = new Set([
  "items",
  "additionalItems",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
]);

/**
 * A map of named schemas (a `components.schemas`) without annotation keywords, walking only
 * schema positions: a property named `description` or an `enum` value holding one is kept.
 */
export function withoutAnnotations(schemas: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, strip(s)]));
}

function strip(schema: unknown): unknown {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && value !== null && typeof value === "object") {
      out[key] = withoutAnnotations(value as Record<string, unknown>);
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map(strip);
    } else if (SCHEMA_ONE.has(key)) {
      out[key] = strip(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}
