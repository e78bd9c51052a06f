import type { ValidateFunction } from "ajv";

type Schema = Record<string, unknown> | boolean;

/** What the sampler needs: component schemas for `$ref`s and a validator to pick union branches. */
export interface SampleContext {
  components: Record<string, Schema>;
  /** Other sections of the document's `components` (the request/response views). */
  sections?: Record<string, Record<string, Schema>>;
  /** Compiles a schema of the operation-schemas document (its `$ref`s resolve there). */
  compile: (schema: Schema) => ValidateFunction;
  /** The string used where any string will do (chosen to exercise encoding). */
  text: string;
}

/**
 * A value valid against a JSON Schema 2020-12 (as in operation-schemas.json), built from its
 * keywords: const, first enum value, every declared property down to a depth, one array item,
 * bounds respected; for a union, the first branch whose sample validates against the whole schema.
 * `format: binary` gives bytes. The caller validates the result; this only has to be right
 * for the schemas of this API.
 */
export function sample(schema: Schema, ctx: SampleContext, depth = 0): unknown {
  if (schema === true || schema === false) return ctx.text;
  const s = schema;
  if (typeof s.$ref === "string") {
    const [, section, escaped] = /^#\/components\/([^/]+)\/(.+)$/.exec(s.$ref) ?? [];
    const name = decodeURIComponent(escaped ?? "")
      .replace(/~1/g, "/")
      .replace(/~0/g, "~");
    const table = section === "schemas" ? ctx.components : ctx.sections?.[section!];
    const { $ref: _ref, ...siblings } = s;
    const target = sample(table![name]!, ctx, depth + 1);
    return Object.keys(siblings).some((k) => k === "properties" || k === "allOf")
      ? merge(target, sample(siblings, ctx, depth))
      : target;
  }
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum.find((v) => v !== null) ?? null;
  if (Array.isArray(s.allOf)) {
    const { allOf, ...rest } = s;
    // A member that only adds `required` or a description constrains the others, it is no value itself.
    const members = [rest, ...(allOf as Schema[])].filter(
      (m) => typeOf(m) !== undefined || isComposite(m),
    );
    return members.reduce(
      (acc: unknown, member) => merge(acc, sample(member, ctx, depth)),
      undefined,
    );
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const branches = s[key];
    if (!Array.isArray(branches)) continue;
    const { [key]: _union, ...rest } = s;
    const validate = ctx.compile(s);
    for (const branch of branches) {
      const candidate = merge(sample(rest, ctx, depth), sample(branch as Schema, ctx, depth));
      if (validate(candidate)) return candidate;
    }
    return sample(branches[0] as Schema, ctx, depth);
  }
  switch (typeOf(s)) {
    case "object": {
      const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
      const properties = (s.properties ?? {}) as Record<string, Schema>;
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties)) {
        // Deep down only what is required or cheap, so recursive schemas end.
        if (depth < 4 || required.has(name) || !isComposite(property))
          out[name] = sample(property, ctx, depth + 1);
      }
      for (const name of required) if (!(name in out)) out[name] = ctx.text;
      return out;
    }
    case "array": {
      const count = Math.max(typeof s.minItems === "number" ? s.minItems : 0, depth < 4 ? 1 : 0);
      return Array.from({ length: count }, () =>
        sample((s.items ?? true) as Schema, ctx, depth + 1),
      );
    }
    case "integer":
      return typeof s.minimum === "number" ? Math.ceil(s.minimum) : 7;
    case "number":
      return typeof s.minimum === "number" ? s.minimum : 2.5;
    case "boolean":
      return true;
    case "null":
      return null;
    case "string":
      if (s.format === "binary") return new Uint8Array([0, 1, 2, 200, 255, 13, 10, 45, 45]);
      if (typeof s.minLength === "number" && s.minLength > ctx.text.length)
        return ctx.text.padEnd(s.minLength, "x");
      return ctx.text;
    default:
      return ctx.text;
  }
}

/** The JSON type a schema describes, from `type` or from the keywords only one type has. */
function typeOf(schema: Schema): string | undefined {
  if (typeof schema === "boolean") return undefined;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (typeof type === "string") return type;
  if (schema.properties || schema.required || schema.additionalProperties) return "object";
  return schema.items ? "array" : undefined;
}

/** True for schemas that may nest further (objects, arrays, references, unions). */
function isComposite(schema: Schema): boolean {
  if (typeof schema === "boolean") return false;
  if ("const" in schema || Array.isArray(schema.enum)) return false;
  const type = typeOf(schema);
  return (
    type === "object" ||
    type === "array" ||
    ["$ref", "allOf", "oneOf", "anyOf"].some((k) => k in schema)
  );
}

/** Deep merge for allOf members: objects merge by key, anything else is replaced. */
function merge(a: unknown, b: unknown): unknown {
  if (isPlain(a) && isPlain(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
    return out;
  }
  return b === undefined ? a : b;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}
