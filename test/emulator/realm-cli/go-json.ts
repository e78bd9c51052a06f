/**
 * Go's `encoding/json` as the official CLI sees it: decoding into a struct keeps only the struct's
 * fields and fills the rest with zero values (a missing slice or map is `nil`, here `undefined`),
 * and encoding honours `omitempty`. The realm-cli tests compare decoded structs with `cmp.Equal`,
 * which tells a nil slice from an empty one; decoding into the same shapes keeps that distinction.
 */

/** A field's Go type, as far as JSON is concerned. */
export type Shape =
  | "string"
  | "int"
  | "bool"
  | "any"
  | { array: Shape }
  | { map: Shape }
  | { struct: Record<string, Shape | Omit> };

/** A struct field tagged `omitempty`. */
export interface Omit {
  omitempty: Shape;
}

/** Marks a struct field `omitempty`. */
export const omit = (shape: Shape): Omit => ({ omitempty: shape });

/** The reason a body does not decode into the struct the CLI expects, with its JSON pointer. */
export class DecodeError extends Error {
  override name = "DecodeError";
}

const fieldShape = (field: Shape | Omit): Shape =>
  typeof field === "object" && "omitempty" in field ? field.omitempty : field;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The zero value of a shape: `""`, `0`, `false`, nil (`undefined`) or a struct of zeros. */
export function zero(shape: Shape): unknown {
  if (shape === "string") return "";
  if (shape === "int") return 0;
  if (shape === "bool") return false;
  if (typeof shape === "object" && "struct" in shape) return decode(shape, {});
  return undefined;
}

/** Decodes parsed JSON into a shape as `json.Unmarshal` would; a type mismatch throws. */
export function decode(shape: Shape, value: unknown, at = ""): unknown {
  // A missing field keeps its zero value, and so does `null` for anything but an interface.
  if (value === undefined || value === null) return zero(shape);
  const fail = (want: string): never => {
    throw new DecodeError(`${at || "/"}: expected ${want}, got ${JSON.stringify(value)}`);
  };
  if (shape === "any") return value;
  if (shape === "string") return typeof value === "string" ? value : fail("a string");
  if (shape === "bool") return typeof value === "boolean" ? value : fail("a boolean");
  if (shape === "int") return Number.isInteger(value) ? value : fail("an integer");
  if ("array" in shape) {
    if (!Array.isArray(value)) return fail("an array");
    return value.map((item, i) => decode(shape.array, item, `${at}/${i}`));
  }
  if (!isObject(value)) return fail("an object");
  if ("map" in shape) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, decode(shape.map, v, `${at}/${k}`)]),
    );
  }
  return Object.fromEntries(
    Object.entries(shape.struct).map(([k, field]) => [
      k,
      decode(fieldShape(field), value[k], `${at}/${k}`),
    ]),
  );
}

const isEmpty = (shape: Shape, value: unknown): boolean => {
  if (value === undefined || value === null)
    return typeof shape !== "object" || !("struct" in shape);
  if (shape === "string") return value === "";
  if (shape === "int") return value === 0;
  if (shape === "bool") return value === false;
  if (typeof shape === "object" && "array" in shape) return (value as unknown[]).length === 0;
  if (typeof shape === "object" && "map" in shape) return Object.keys(value).length === 0;
  return false; // a struct is never empty to encoding/json, even when tagged omitempty
};

/** Encodes a value of a shape as `json.Marshal` would (before stringifying). */
export function encode(shape: Shape, value: unknown): unknown {
  if (typeof shape !== "object") return value ?? zero(shape) ?? null;
  if ("array" in shape) {
    return value == null ? null : (value as unknown[]).map((item) => encode(shape.array, item));
  }
  if ("map" in shape) {
    if (value == null) return null;
    const entries = Object.entries(value as Record<string, unknown>);
    return Object.fromEntries(entries.map(([k, v]) => [k, encode(shape.map, v)]));
  }
  const struct = (value ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, field] of Object.entries(shape.struct)) {
    const inner = fieldShape(field);
    if (field !== inner && isEmpty(inner, struct[k])) continue;
    out[k] = encode(inner, struct[k]);
  }
  return out;
}
