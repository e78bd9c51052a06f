/**
 * The mutable form of a schema view while it is built, and how `allOf` combines two of them.
 */

/** A view under construction (see `SchemaView` in schema-view.ts). */
export interface Draft {
  types?: Set<string>;
  explicitNullable?: boolean;
  nullable: boolean;
  enumValues?: Set<string>;
  properties: Map<string, unknown>;
  required: Set<string>;
  items?: unknown;
  additional?: unknown;
  variants?: unknown[];
  constraints: Map<string, string>;
  refName?: string;
}

/** allOf semantics: both must hold. With `outer` false, `b` is a member of `a`'s allOf. */
export function merge(a: Draft, b: Draft, outer = true): Draft {
  const out: Draft = {
    ...a,
    properties: new Map(a.properties),
    required: new Set([...a.required, ...b.required]),
    constraints: new Map([...b.constraints, ...a.constraints]),
  };
  out.types = a.types && b.types ? intersect(a.types, b.types) : (a.types ?? b.types);
  if (a.enumValues && b.enumValues) {
    out.enumValues = new Set([...a.enumValues].filter((v) => b.enumValues!.has(v)));
  } else out.enumValues = a.enumValues ?? b.enumValues;
  for (const [name, prop] of b.properties) {
    const mine = out.properties.get(name);
    out.properties.set(name, mine === undefined ? prop : { allOf: [mine, prop] });
  }
  out.items = both(a.items, b.items);
  out.additional = both(a.additional, b.additional);
  out.variants = a.variants ?? b.variants;
  if (outer) {
    const either = a.explicitNullable === true || b.explicitNullable === true;
    out.explicitNullable = either ? true : (a.explicitNullable ?? b.explicitNullable);
    out.nullable = a.nullable || b.nullable;
  }
  out.refName = a.refName ?? (outer ? b.refName : undefined);
  return out;
}

function both(a: unknown, b: unknown): unknown {
  return a !== undefined && b !== undefined ? { allOf: [a, b] } : (a ?? b);
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const t of a) {
    if (b.has(t)) out.add(t);
    else if (t === "integer" && b.has("number")) out.add("integer");
    else if (t === "number" && b.has("integer")) out.add("integer");
  }
  return out;
}

export function empty(): Draft {
  return { nullable: false, properties: new Map(), required: new Set(), constraints: new Map() };
}
