import { isObject, type JsonObject } from "../../spec/json.js";
import { childPointer } from "../../spec/pointer.js";
import { SUBSCHEMA_LISTS, SUBSCHEMA_MAPS, SUBSCHEMA_SINGLES } from "../../spec/schema-keywords.js";
import { GeneratorError } from "../errors.js";

const MAPS = new Set(SUBSCHEMA_MAPS);
const LISTS = new Set(SUBSCHEMA_LISTS);
const SINGLES = new Set(SUBSCHEMA_SINGLES);

/**
 * An OpenAPI Schema Object as JSON Schema 2020-12, for validators such as ajv: in a 3.0 document
 * `nullable: true` becomes a type array (or `null` in the enum, or an `anyOf` with `{type: "null"}`
 * where there is no type) and boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers.
 * 3.1 schemas are already 2020-12. Every `$ref` must stay within `#/components/schemas/`, which the
 * output keeps under the same pointer; anything else is refused at its pointer.
 */
export function toJsonSchema(
  schema: unknown,
  dialect: "3.0" | "3.1",
  pointer: string,
  file?: string,
): unknown {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    const at = childPointer(pointer, key);
    if (
      key === "$ref" &&
      (typeof value !== "string" || !value.startsWith("#/components/schemas/"))
    ) {
      throw new GeneratorError(
        `schema $ref ${JSON.stringify(value)} does not point into #/components/schemas/`,
        { file, pointer: at },
      );
    }
    if (MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          toJsonSchema(v, dialect, childPointer(at, k), file),
        ]),
      );
    } else if (LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((v, i) => toJsonSchema(v, dialect, childPointer(at, i), file));
    } else if (SINGLES.has(key)) {
      out[key] = toJsonSchema(value, dialect, at, file);
    } else {
      out[key] = value;
    }
  }
  return dialect === "3.0" ? from30(out) : out;
}

/** The 3.0-only keywords rewritten into their 2020-12 meaning. */
function from30(schema: JsonObject): JsonObject {
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof schema[flag] !== "boolean") continue;
    if (schema[flag] === true && typeof schema[bound] === "number") {
      schema[flag] = schema[bound];
      delete schema[bound];
    } else delete schema[flag];
  }
  if (!("nullable" in schema)) return schema;
  const { nullable, ...rest } = schema;
  if (nullable !== true) return rest;
  if (Array.isArray(rest.enum) && !rest.enum.includes(null)) rest.enum = [...rest.enum, null];
  if (typeof rest.type === "string") return { ...rest, type: [rest.type, "null"] };
  if (Array.isArray(rest.type))
    return rest.type.includes("null") ? rest : { ...rest, type: [...rest.type, "null"] };
  return { anyOf: [rest, { type: "null" }] };
}
