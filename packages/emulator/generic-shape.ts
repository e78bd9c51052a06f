import type { Check } from "./schema-registry.js";
import type { JsonSchema } from "./operation-schemas.js";
import { flatten, objectShape, type Resolve } from "./schema-merge.js";
import { synthesize } from "./synthesize.js";

/** What fitting needs: how to resolve refs and how to check a candidate against the schema. */
export interface Fitting {
  resolve: Resolve;
  check: Check;
}

const VARIANTS = 8;

/** A synthesised value valid for `schema` (trying other union branches if the first is not). */
export function synthesizeValid(schema: JsonSchema, seed: string, f: Fitting): unknown {
  let first: unknown;
  for (let variant = 0; variant < VARIANTS; variant++) {
    const value = synthesize(schema, { resolve: f.resolve, seed, variant });
    if (variant === 0) first = value;
    if (!f.check(value)) return value;
  }
  return first;
}

/**
 * A value for `schema` that carries as much of `data` as stays valid: a synthesised base with
 * `data`'s known fields laid over it, all at once if that validates, else field by field.
 * Arrays (an update answered with a list) carry `data` in their one item.
 */
export function fit(
  schema: JsonSchema,
  seed: string,
  data: Record<string, unknown>,
  f: Fitting,
): unknown {
  const base = synthesizeValid(schema, seed, f);
  if (Array.isArray(base)) {
    const items = objectItems(schema, f.resolve);
    if (!items || !base.length || !isObject(base[0])) return base;
    const candidate = [{ ...base[0], ...known(data, items, f.resolve) }];
    return f.check(candidate) ? base : candidate;
  }
  if (!isObject(base)) return base;
  const fields = known(data, schema, f.resolve);
  const all = { ...base, ...fields };
  if (!f.check(all)) return all;
  let out: Record<string, unknown> = base;
  for (const [key, value] of Object.entries(fields)) {
    const next = { ...out, [key]: value };
    if (!f.check(next)) out = next;
  }
  return out;
}

/** The fields of `data` that `schema` declares (all of them for a free-form object). */
function known(
  data: Record<string, unknown>,
  schema: JsonSchema,
  resolve: Resolve,
): Record<string, unknown> {
  const { properties } = objectShape(schema, resolve);
  const names = Object.keys(properties);
  if (!names.length) return { ...data };
  return Object.fromEntries(Object.entries(data).filter(([k]) => names.includes(k)));
}

function objectItems(schema: JsonSchema, resolve: Resolve): JsonSchema | undefined {
  const items = flatten(schema, resolve, () => 0).items;
  return isObject(items) ? items : undefined;
}

/** The name of a resource's id field in `schema` (`_id` or `id`), if it has one. */
export function idField(schema: JsonSchema, resolve: Resolve): string | undefined {
  const { properties } = objectShape(schema, resolve);
  return ["_id", "id"].find((k) => k in properties);
}

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
