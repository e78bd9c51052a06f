import type { JsonSchema } from "./operation-schemas.js";

/** Resolves a `$ref` to its component schema. */
export type Resolve = (ref: string) => JsonSchema | undefined;

const MAX_REF_DEPTH = 32;

/**
 * Flattens `$ref`, `allOf` and the chosen `oneOf`/`anyOf` branch into one plain schema:
 * properties merged (a property defined twice keeps both as an allOf), `required` united,
 * enums intersected, the first `type` kept. `choose(n)` picks the branch of each union.
 */
export function flatten(
  schema: JsonSchema,
  resolve: Resolve,
  choose: (n: number, branches: JsonSchema[]) => number,
  depth = 0,
): JsonSchema {
  if (depth > MAX_REF_DEPTH) return {};
  let out: JsonSchema = {};
  const parts: JsonSchema[] = [];
  const { $ref, allOf, oneOf, anyOf, ...rest } = schema;
  if (typeof $ref === "string") parts.push(resolve($ref) ?? {});
  if (Array.isArray(allOf)) parts.push(...(allOf as JsonSchema[]));
  const union = (Array.isArray(oneOf) ? oneOf : Array.isArray(anyOf) ? anyOf : undefined) as
    JsonSchema[] | undefined;
  if (union?.length) parts.push(union[choose(union.length, union) % union.length]!);
  parts.push(rest);
  for (const part of parts)
    out = merge(out, part === rest ? rest : flatten(part, resolve, choose, depth + 1));
  return out;
}

/** The properties (and required names) an object schema ends up with after flattening. */
export function objectShape(
  schema: JsonSchema,
  resolve: Resolve,
): { properties: Record<string, JsonSchema>; required: string[] } {
  const flat = flatten(schema, resolve, () => 0);
  return {
    properties: (flat.properties ?? {}) as Record<string, JsonSchema>,
    required: requiredOf(flat),
  };
}

function merge(a: JsonSchema, b: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (value === undefined) continue;
    if (!(key in out)) {
      out[key] = value;
      continue;
    }
    if (key === "properties")
      out.properties = mergeProperties(
        out.properties as Record<string, JsonSchema>,
        value as Record<string, JsonSchema>,
      );
    else if (key === "required")
      out.required = [...new Set([...requiredOf(out), ...requiredOf(b)])];
    else if (key === "enum" && Array.isArray(out.enum) && Array.isArray(value)) {
      const both = (out.enum as unknown[]).filter((v) => (value as unknown[]).includes(v));
      out.enum = both.length ? both : out.enum;
    }
    // Otherwise the first definition wins (types, formats, descriptions).
  }
  return out;
}

function mergeProperties(
  a: Record<string, JsonSchema>,
  b: Record<string, JsonSchema>,
): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = { ...a };
  for (const [name, schema] of Object.entries(b))
    out[name] = name in out ? { allOf: [out[name]!, schema] } : schema;
  return out;
}

/** `required` as a list, tolerating the upstream defect of a single string. */
export function requiredOf(schema: JsonSchema): string[] {
  const r = schema.required;
  return Array.isArray(r)
    ? (r.filter((x) => typeof x === "string") as string[])
    : typeof r === "string"
      ? [r]
      : [];
}
