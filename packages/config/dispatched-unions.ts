/** A schema and the component schemas its `$ref`s name (`#/components/schemas/…`). */
export interface SchemaWithComponents {
  [keyword: string]: unknown;
  components: { schemas: Record<string, unknown> };
}

/**
 * The same schema for a validity check, with each `oneOf`/`anyOf` whose alternatives are told
 * apart by one property (every alternative requires it and allows one value of its own: a
 * trigger's `type`, a data source's `name`) turned into a choice by that property's value: an
 * object is checked against the one alternative its value names, not against all of them (the
 * validator tries every alternative of a `oneOf` to see that only one matches, most of the cost
 * of a trigger). Valid exactly when the original is: an object can only match the alternative
 * whose value it holds, so "exactly one" and "any" both mean "that one"; anything else than an
 * object meets the original union. Only the validity is the same: the errors of an invalid value
 * are to be taken from the original schema.
 */
export function withDispatchedUnions(schema: SchemaWithComponents): SchemaWithComponents {
  const schemas = schema.components.schemas;
  const rewrite = (node: unknown): unknown => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (SCHEMA_KEYWORDS.has(key)) out[key] = rewrite(value);
      else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(rewrite);
      else if (SCHEMA_MAPS.has(key) && isRecord(value)) out[key] = mapValues(value, rewrite);
      else out[key] = value;
    }
    return dispatched(out, schemas) ?? out;
  };
  const { components, ...root } = schema;
  return {
    ...(rewrite(root) as Record<string, unknown>),
    components: { ...components, schemas: mapValues(components.schemas, rewrite) },
  };
}

// Keywords whose value is a schema, a list of schemas, or schemas by name (JSON Schema 2020-12).
const SCHEMA_KEYWORDS = new Set(
  "additionalProperties items contains not if then else propertyNames unevaluatedItems unevaluatedProperties".split(
    " ",
  ),
);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "dependentSchemas", "$defs"]);

/** `node` with its union as a choice by a telling property, or undefined when it has none. */
function dispatched(
  node: Record<string, unknown>,
  schemas: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const keyword = Array.isArray(node.oneOf) ? "oneOf" : Array.isArray(node.anyOf) ? "anyOf" : "";
  // A node with both, or already conditional, is left as it is.
  if (!keyword || (node.oneOf && node.anyOf) || "if" in node) return undefined;
  const branches = node[keyword] as unknown[];
  if (branches.length < 2) return undefined;
  const facts = branches.map((branch) => pinnedValues(branch, schemas));
  const key = [...facts[0]!.keys()].find((k) => {
    const values = facts.map((f) => f.get(k));
    return values.every((v) => v !== undefined) && new Set(values).size === values.length;
  });
  if (key === undefined) return undefined;
  // The last alternative's `else` is `false`: an object naming none of them matches none.
  let choice: unknown = false;
  for (let i = branches.length - 1; i >= 0; i--) {
    const value = facts[i]!.get(key);
    const names = { required: [key], properties: { [key]: { const: value } } };
    choice = { if: names, then: branches[i], else: choice };
  }
  const { [keyword]: union, ...rest } = node;
  return { ...rest, if: { type: "object" }, then: choice, else: { [keyword]: union } };
}

/**
 * The properties `branch` requires to hold one value (`required`, and `const` or a one-value
 * `enum`), over everything it applies unconditionally: itself, its `$ref` and its `allOf`.
 */
function pinnedValues(branch: unknown, schemas: Record<string, unknown>): Map<string, Primitive> {
  const required = new Set<string>();
  const pinned = new Map<string, Primitive>();
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (!isRecord(node) || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node.required)) for (const k of node.required) required.add(String(k));
    for (const [k, property] of Object.entries(isRecord(node.properties) ? node.properties : {})) {
      const value = onlyValue(property);
      if (value !== undefined) pinned.set(k, value);
    }
    const ref = typeof node.$ref === "string" ? node.$ref : "";
    if (ref.startsWith(COMPONENTS)) visit(schemas[ref.slice(COMPONENTS.length)]);
    if (Array.isArray(node.allOf)) node.allOf.forEach(visit);
  };
  visit(branch);
  for (const k of pinned.keys()) if (!required.has(k)) pinned.delete(k);
  return pinned;
}

const COMPONENTS = "#/components/schemas/";

type Primitive = string | number | boolean;

/** The one value a property schema allows, when it says so with `const` or `enum`. */
function onlyValue(property: unknown): Primitive | undefined {
  if (!isRecord(property)) return undefined;
  const value =
    "const" in property
      ? property.const
      : Array.isArray(property.enum) && property.enum.length === 1
        ? property.enum[0]
        : undefined;
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? value
    : undefined;
}

function mapValues(
  record: Record<string, unknown>,
  f: (value: unknown) => unknown,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
