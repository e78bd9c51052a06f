import type { JsonSchema } from "./operation-schemas.js";
import { flatten, requiredOf, type Resolve } from "./schema-merge.js";
import type { Check } from "./schema-registry.js";

const MAX_DEPTH = 24;

/** How `shape` treats what the schema does not declare. */
export interface ShapeOptions {
  /** Validates a candidate answer (its errors, none when valid): picks the union branch that fits. */
  check?: Check | undefined;
  /**
   * Keep undeclared properties too (shaped by nothing): for a document the client sends back
   * whole, such as the app's configuration, where dropping a field would lose it on the next push.
   */
  open?: boolean | undefined;
}

/**
 * Shapes stored state by a response schema: declared properties are kept (shaped in turn),
 * undeclared ones dropped (a list entry is a summary, a secret's value never leaves) unless
 * `open`, and required properties the state lacks get their schema default or the zero value of
 * their type. Free-form objects pass through; a stored `_id` is always kept. For a union, the
 * branch that fits the data best is used (`null` takes a branch that allows it). Nothing is
 * invented: every value comes from state, a default, or a zero.
 */
export function shape(
  schema: JsonSchema,
  data: unknown,
  resolve: Resolve,
  options: ShapeOptions = {},
): unknown {
  return walk(schema, data, { resolve, open: options.open === true }, 0, options.check);
}

interface Env {
  resolve: Resolve;
  open: boolean;
}

function walk(
  schema: JsonSchema,
  data: unknown,
  env: Env,
  depth: number,
  check?: Check,
  force?: { branches: JsonSchema[]; index: number },
): unknown {
  const { resolve } = env;
  if (depth > MAX_DEPTH) return data;
  const top = topUnion(schema, resolve);
  if (check && top && !force) {
    // The branch that fits the data best first, then the others: the first valid answer wins.
    const first = bestBranch(top, data, resolve);
    const order = [first, ...top.keys()].filter((i, n, all) => all.indexOf(i) === n);
    let fallback: unknown;
    for (const index of order) {
      const candidate = walk(schema, data, env, depth, undefined, { branches: top, index });
      fallback ??= candidate;
      if (!check(candidate)) return candidate;
    }
    return fallback;
  }
  const s =
    unionFree.get(schema) ??
    flattenFor(schema, resolve, (_n, branches) =>
      force && branches === force.branches ? force.index : bestBranch(branches, data, resolve),
    );
  const type = typeOf(s);
  if (data === undefined || data === null)
    return data === null && allowsNull(s) ? null : zero(s, env, depth);
  if (type === "array") {
    // State of another type than the schema says is kept as it is, never replaced by a made-up value.
    if (!Array.isArray(data)) return data;
    const items = isObject(s.items) ? s.items : undefined;
    return items ? data.map((d) => walk(items, d, env, depth + 1)) : data;
  }
  if (type === "object") {
    if (!isObject(data)) return data;
    const properties = isObject(s.properties)
      ? (s.properties as Record<string, JsonSchema>)
      : undefined;
    const extra = s.additionalProperties;
    if (!properties || !Object.keys(properties).length) {
      // `{properties: {}, additionalProperties: false}` is the empty object (a DELETE's answer).
      if (extra === false) return {};
      if (!isObject(extra)) return data;
      return Object.fromEntries(
        Object.entries(data).map(([k, v]) => [k, walk(extra, v, env, depth + 1)]),
      );
    }
    const out: Record<string, unknown> = {};
    const required = requiredOf(s);
    for (const [name, sub] of Object.entries(properties)) {
      if (data[name] !== undefined) out[name] = walk(sub, data[name], env, depth + 1);
      else if (required.includes(name)) out[name] = zero(flat(sub, resolve), env, depth + 1);
    }
    if (isObject(extra) || (env.open && extra !== false))
      for (const [k, v] of Object.entries(data))
        if (!(k in properties)) out[k] = isObject(extra) ? walk(extra, v, env, depth + 1) : v;
    // Every stored resource has an `_id` the server returns, declared or not (webhooks, schemas).
    if (typeof data._id === "string" && !("_id" in out) && extra !== false) out._id = data._id;
    return out;
  }
  return data;
}

/** The value a required property takes when state has none: its default, else its type's zero. */
function zero(s: JsonSchema, env: Env, depth: number): unknown {
  if ("default" in s) return structuredClone(s.default);
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  switch (typeOf(s)) {
    case "object":
      return walk(s, {}, env, depth + 1);
    case "array":
      return [];
    case "integer":
    case "number":
      return typeof s.minimum === "number" ? s.minimum : 0;
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return "";
  }
}

/**
 * Which union branch declares most of the data's keys without contradicting a constant; for
 * `null`, the first branch that allows it.
 */
function bestBranch(union: JsonSchema[], data: unknown, resolve: Resolve): number {
  if (data === null)
    return Math.max(
      0,
      union.findIndex((b) => allowsNull(flat(b, resolve))),
    );
  if (!isObject(data)) return 0;
  let best = 0;
  let bestScore = -Infinity;
  union.forEach((branch, i) => {
    const f = flat(branch, resolve);
    const props = (isObject(f.properties) ? f.properties : {}) as Record<string, JsonSchema>;
    let score = 0;
    for (const [k, v] of Object.entries(data)) {
      const p = props[k];
      if (!p) continue;
      const pf = flat(p, resolve);
      const allowed = "const" in pf ? [pf.const] : Array.isArray(pf.enum) ? pf.enum : undefined;
      score += allowed && !allowed.includes(v) ? -100 : 1;
    }
    for (const r of requiredOf(f)) if (!(r in data)) score -= 0.5;
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  return best;
}

/** Flattened schemas that hold no union: the same whatever the data, so flattened once. */
const unionFree = new WeakMap<JsonSchema, JsonSchema>();

function flattenFor(
  schema: JsonSchema,
  resolve: Resolve,
  choose: (n: number, branches: JsonSchema[]) => number,
): JsonSchema {
  let chose = false;
  const out = flatten(schema, resolve, (n, branches) => {
    chose = true;
    return choose(n, branches);
  });
  if (!chose) unionFree.set(schema, out);
  return out;
}

/** The union at the top of a schema (behind one `$ref`), if any. */
function topUnion(schema: JsonSchema, resolve: Resolve): JsonSchema[] | undefined {
  const top = typeof schema.$ref === "string" ? (resolve(schema.$ref) ?? schema) : schema;
  const union = top.oneOf ?? top.anyOf;
  return Array.isArray(union) && union.length ? (union as JsonSchema[]) : undefined;
}

function flat(schema: JsonSchema, resolve: Resolve): JsonSchema {
  return unionFree.get(schema) ?? flattenFor(schema, resolve, () => 0);
}

function typeOf(s: JsonSchema): string | undefined {
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== "null") : s.type;
  if (typeof t === "string") return t;
  if (s.properties || s.additionalProperties) return "object";
  if (s.items) return "array";
  return undefined;
}

function allowsNull(s: JsonSchema): boolean {
  return (
    s.nullable === true || (Array.isArray(s.type) && s.type.includes("null")) || s.type === "null"
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
