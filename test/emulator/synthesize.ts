import { hash32, objectIdFrom } from "../../packages/emulator/ids.js";
import type { JsonSchema } from "../../packages/emulator/operation-schemas.js";
import { flatten, requiredOf, type Resolve } from "../../packages/emulator/schema-merge.js";
import type { Check } from "../../packages/emulator/schema-registry.js";

/** How a value is synthesised. */
export interface SynthOptions {
  resolve: Resolve;
  /** The resource this value describes (its concrete path): same seed, same value. */
  seed: string;
  /** Which branch of each oneOf/anyOf to take (0 = first); retries use the next ones. */
  variant?: number;
}

const BASE_SECONDS = 1_717_200_000; // 2024-06-01: plausible timestamps, stable across runs

/**
 * Test-side request building: a value valid for `schema`, derived from the seed and the JSON pointer of each leaf, so the same
 * property of the same resource gets the same value in a list and in a get. Spec examples and
 * defaults are used where their type fits.
 */
export function synthesize(schema: JsonSchema, options: SynthOptions): unknown {
  return gen(schema, "", "", 0, options);
}

function gen(
  schema: JsonSchema,
  pointer: string,
  name: string,
  depth: number,
  o: SynthOptions,
): unknown {
  const h = (salt = "") => hash32(`${o.seed}#${pointer}${salt}`);
  const s = flatten(schema, o.resolve, (n) => ((o.variant ?? 0) + (depth === 0 ? 0 : h("|u"))) % n);
  if ("const" in s) return s.const;
  for (const candidate of [
    s.example,
    Array.isArray(s.examples) ? s.examples[0] : undefined,
    s.default,
  ]) {
    if (candidate !== undefined && fits(candidate, s)) return structuredClone(candidate);
  }
  if (Array.isArray(s.enum) && s.enum.length) {
    const usable = s.enum.filter((v) => v !== null);
    const from = usable.length ? usable : s.enum;
    return from[h() % from.length];
  }
  switch (typeOf(s)) {
    case "object":
      return object(s, pointer, depth, o);
    case "array": {
      const min = typeof s.minItems === "number" ? s.minItems : 0;
      const max = typeof s.maxItems === "number" ? s.maxItems : Infinity;
      const n = Math.min(max, Math.max(min, depth < 3 ? 1 : 0));
      const items = (
        typeof s.items === "object" && s.items !== null && !Array.isArray(s.items) ? s.items : {}
      ) as JsonSchema;
      return Array.from({ length: n }, (_, i) => gen(items, `${pointer}/${i}`, name, depth + 1, o));
    }
    case "integer":
    case "number":
      return number(s, name, h(), typeOf(s) === "integer");
    case "boolean":
      return h() % 2 === 0;
    case "null":
      return null;
    default:
      return string(s, name, h());
  }
}

function object(
  s: JsonSchema,
  pointer: string,
  depth: number,
  o: SynthOptions,
): Record<string, unknown> {
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = requiredOf(s);
  const out: Record<string, unknown> = {};
  // Deep in recursive schemas, only what is required, so generation always terminates.
  const names = depth > 4 ? required : [...new Set([...Object.keys(properties), ...required])];
  for (const key of names)
    out[key] = gen(properties[key] ?? { type: "string" }, `${pointer}/${key}`, key, depth + 1, o);
  const extra = s.additionalProperties;
  if (!Object.keys(properties).length && typeof extra === "object" && extra !== null && depth < 3) {
    out.key1 = gen(extra as JsonSchema, `${pointer}/key1`, "key1", depth + 1, o);
  }
  return out;
}

function number(s: JsonSchema, name: string, h: number, integer: boolean): number {
  const min =
    typeof s.minimum === "number"
      ? s.minimum
      : typeof s.exclusiveMinimum === "number"
        ? s.exclusiveMinimum + 1
        : undefined;
  const max =
    typeof s.maximum === "number"
      ? s.maximum
      : typeof s.exclusiveMaximum === "number"
        ? s.exclusiveMaximum - 1
        : undefined;
  let value = /time|_at$|^last_|modified|date|started|ended/.test(name)
    ? BASE_SECONDS + (h % 10_000_000)
    : h % 100;
  if (!integer && !/time|_at$|^last_|modified|date/.test(name)) value += (h % 100) / 100;
  if (min !== undefined && value < min)
    value = min + (h % Math.max(1, Math.min(100, (max ?? min + 100) - min)));
  if (max !== undefined && value > max) value = Math.max(min ?? -Infinity, max - (h % 10));
  return integer ? Math.round(value) : value;
}

function string(s: JsonSchema, name: string, h: number): string {
  let value: string;
  const when = new Date((BASE_SECONDS + (h % 10_000_000)) * 1000).toISOString();
  switch (s.format) {
    case "date-time":
      value = when;
      break;
    case "date":
      value = when.slice(0, 10);
      break;
    case "email":
      value = `user${h % 1000}@example.com`;
      break;
    case "uri":
    case "url":
      value = `https://example.com/${name || "resource"}/${h % 1000}`;
      break;
    case "uuid":
      value = objectIdFrom(String(h))
        .padEnd(32, "0")
        .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, "$1-$2-$3-$4-$5");
      break;
    case "ipv4":
      value = `198.51.100.${h % 250}`;
      break;
    case "hostname":
      value = `host${h % 100}.example.com`;
      break;
    default:
      value = /(^|_)id$|Id$/.test(name)
        ? objectIdFrom(`${name}:${h}`)
        : `${name || "value"}-${(h % 0x10000).toString(16)}`;
  }
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  const max = typeof s.maxLength === "number" ? s.maxLength : Infinity;
  if (value.length < min) value = value.padEnd(min, "x");
  return value.slice(0, max);
}

function typeOf(s: JsonSchema): string {
  const t = Array.isArray(s.type) ? (s.type.find((x) => x !== "null") ?? "null") : s.type;
  if (typeof t === "string") return t;
  if (s.properties || s.additionalProperties || s.required) return "object";
  if (s.items) return "array";
  return "string";
}

/** Whether a spec example or default can stand for this schema (type and enum agree). */
function fits(value: unknown, s: JsonSchema): boolean {
  if (Array.isArray(s.enum) && !s.enum.some((v) => JSON.stringify(v) === JSON.stringify(value)))
    return false;
  const t = Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type];
  if (!t.length) return true;
  return t.some((x) =>
    x === "integer"
      ? Number.isInteger(value)
      : x === "array"
        ? Array.isArray(value)
        : x === "null"
          ? value === null
          : x === "object"
            ? typeof value === "object" && value !== null && !Array.isArray(value)
            : typeof value === x,
  );
}

const VARIANTS = 8;

/** A synthesised value valid for `schema` (trying other union branches if the first is not). */
export function synthesizeValid(
  schema: JsonSchema,
  seed: string,
  f: { resolve: Resolve; check: Check },
): unknown {
  let first: unknown;
  for (let variant = 0; variant < VARIANTS; variant++) {
    const value = synthesize(schema, { resolve: f.resolve, seed, variant });
    if (variant === 0) first = value;
    if (!f.check(value)) return value;
  }
  return first;
}
