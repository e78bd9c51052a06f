import { isObject, type JsonObject } from "../../../spec/json.js";
import { canonicalJson } from "./canonical.js";
import type { RefResolver } from "./resolve.js";
import { empty, merge, type Draft } from "./schema-draft.js";

/**
 * A schema reduced to what the comparison needs, with dialect differences normalised: 3.0
 * `nullable: true`, a 3.1 type array containing "null", `type: null` (D29) and `null` in an enum all
 * become `nullable`; `const` becomes a one-value enum; `allOf` members, a single-member
 * `oneOf`/`anyOf` (D19) and keywords beside a `$ref` (D15) are merged into one view. Child schemas
 * (properties, items, variants) stay raw, so views are built lazily and cycles cannot recurse here.
 */
export interface SchemaView {
  /** Allowed non-null JSON types; undefined when unconstrained (no `type` and nothing implying one). */
  types?: ReadonlySet<string>;
  nullable: boolean;
  /** Canonical JSON of each allowed non-null value, when enumerated. */
  enumValues?: ReadonlySet<string>;
  properties: ReadonlyMap<string, unknown>;
  required: ReadonlySet<string>;
  items?: unknown;
  additional?: unknown;
  variants?: readonly unknown[];
  /** Other validation keywords (format, bounds, pattern, default…): keyword -> canonical JSON. */
  constraints: ReadonlyMap<string, string>;
  /** Component schema name when reached through a `$ref`. */
  refName?: string;
}

const CONSTRAINTS = [
  "format",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "default",
  "readOnly",
  "writeOnly",
  "not",
];

/** Views already built, per document (views never change once built). */
const cache = new WeakMap<RefResolver, WeakMap<object, SchemaView>>();

/** Builds the view of any schema value (object, `$ref`, boolean or malformed). */
export function schemaView(value: unknown, resolver: RefResolver): SchemaView {
  if (!isObject(value)) return build(value, resolver, new Set());
  let views = cache.get(resolver);
  if (!views) cache.set(resolver, (views = new WeakMap()));
  let view = views.get(value);
  if (!view) views.set(value, (view = build(value, resolver, new Set())));
  return view;
}

function build(value: unknown, resolver: RefResolver, expanding: Set<string>): Draft {
  if (value === false) return { ...empty(), types: new Set() };
  const { node, ref, refName, siblings } = resolver.resolve(value);
  // A ref already being merged (allOf cycle) contributes nothing more.
  if (ref !== undefined && expanding.has(ref)) return { ...empty(), refName };
  const inner = new Set(expanding);
  if (ref !== undefined) inner.add(ref);
  let draft = own(node, resolver, inner);
  if (siblings) draft = merge(draft, own(siblings, resolver, inner));
  if (refName !== undefined) draft.refName = refName;
  return draft;
}

function own(schema: JsonObject, resolver: RefResolver, expanding: Set<string>): Draft {
  const draft = empty();
  readType(schema, draft);
  readEnum(schema, draft);
  if (isObject(schema.properties)) {
    for (const [name, prop] of Object.entries(schema.properties)) {
      draft.properties.set(name, prop);
      // D8: `required: true` written on the property itself.
      if (isObject(prop) && prop.required === true) draft.required.add(name);
    }
  }
  const required = typeof schema.required === "string" ? [schema.required] : schema.required;
  if (Array.isArray(required))
    for (const r of required) if (typeof r === "string") draft.required.add(r);
  if (Array.isArray(schema.items)) {
    draft.items = schema.items.length === 1 ? schema.items[0] : { oneOf: schema.items };
  } else if (schema.items !== undefined) draft.items = schema.items;
  if (isObject(schema.additionalProperties) || schema.additionalProperties === true) {
    draft.additional = schema.additionalProperties === true ? {} : schema.additionalProperties;
  } else if (schema.additionalProperties === false)
    draft.constraints.set("additionalProperties", "false");
  for (const keyword of CONSTRAINTS) {
    if (schema[keyword] !== undefined)
      draft.constraints.set(keyword, canonicalJson(schema[keyword]));
  }
  inferType(schema, draft);
  let result = draft;
  const members = Array.isArray(schema.oneOf)
    ? schema.oneOf
    : Array.isArray(schema.anyOf)
      ? schema.anyOf
      : [];
  // `oneOf: [X, {type: "null"}]` is how 3.1 writes a nullable X: the same as 3.0's `nullable`.
  const union = members.filter((m) => !isNullSchema(m));
  if (union.length < members.length) result.explicitNullable = true;
  if (union.length === 1) result = merge(result, build(union[0], resolver, expanding));
  else if (union.length > 1) result.variants = union;
  let membersNullable = false;
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const members = schema.allOf.map((m) => build(m, resolver, expanding));
    result = members.reduce((acc, m) => merge(acc, m, false), result);
    membersNullable = members.every((m) => m.nullable);
  }
  // The 3.0 idiom `allOf: [$ref], nullable: true` makes the ref nullable; members alone decide
  // only when the schema says nothing itself.
  result.nullable = result.explicitNullable ?? (membersNullable || result.nullable);
  return result;
}

/** `{type: "null"}`, `{type: null}` (D29), `{const: null}` or `{enum: [null]}`. */
function isNullSchema(value: unknown): boolean {
  if (!isObject(value)) return false;
  const type = Array.isArray(value.type) && value.type.length === 1 ? value.type[0] : value.type;
  if (type === "null" || (type === null && "type" in value)) return true;
  if ("const" in value && value.const === null) return true;
  return Array.isArray(value.enum) && value.enum.length === 1 && value.enum[0] === null;
}

function readType(schema: JsonObject, draft: Draft): void {
  if ("type" in schema) {
    const raw = Array.isArray(schema.type) ? schema.type : [schema.type];
    const names = raw.map((t) =>
      t === null ? "null" : typeof t === "string" ? t : canonicalJson(t),
    );
    draft.explicitNullable = names.includes("null");
    draft.types = new Set(names.filter((t) => t !== "null"));
  }
  if (schema.nullable === true) draft.explicitNullable = true;
}

function readEnum(schema: JsonObject, draft: Draft): void {
  const values = Array.isArray(schema.enum)
    ? schema.enum
    : "const" in schema
      ? [schema.const]
      : undefined;
  if (!values) return;
  if (values.includes(null)) draft.explicitNullable = true;
  draft.enumValues = new Set(values.filter((v) => v !== null).map(canonicalJson));
}

/** Without `type`, the keywords used still say what kind of value this is (D13: items, no type). */
function inferType(schema: JsonObject, draft: Draft): void {
  if (draft.types !== undefined) return;
  if (schema.properties !== undefined || schema.additionalProperties !== undefined) {
    draft.types = new Set(["object"]);
  } else if (schema.items !== undefined) draft.types = new Set(["array"]);
  else if (draft.enumValues && draft.enumValues.size > 0) {
    draft.types = new Set([...draft.enumValues].map((v) => jsonType(JSON.parse(v))));
  }
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}
