import { FILE_KINDS } from "../../packages/config/file-kinds.js";
import { reachable } from "../../packages/config/schema-validators.js";
import { SUBSCHEMA_LISTS, SUBSCHEMA_MAPS, SUBSCHEMA_SINGLES } from "../../spec/schema-keywords.js";

/**
 * The named schemas the config package's file kinds reach (`FILE_KINDS`, through `$ref`s): the
 * only ones the SDK's copy is read for. The rest (request and response bodies config never
 * validates) were two thirds of the file, a share of the SDK's install size.
 */
export function configSchemas(schemas: Record<string, unknown>): Record<string, unknown> {
  const roots = FILE_KINDS.map((kind) =>
    typeof kind.schema === "string" ? { $ref: `#/components/schemas/${kind.schema}` } : kind.schema,
  );
  return reachable(roots, schemas);
}

/**
 * JSON Schema keywords that only annotate (they never change what validates): the SDK's copy of
 * `generated/operation-schemas.json` serves config's validation alone, so it goes without them.
 * The emulator's copy, which serves examples, keeps everything.
 */
const ANNOTATIONS = new Set(["description", "title", "example", "examples", "$comment"]);

/**
 * A map of named schemas (a `components.schemas`) without annotation keywords, walking only
 * schema positions: a property named `description` or an `enum` value holding one is kept.
 */
export function withoutAnnotations(schemas: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, strip(s)]));
}

function strip(schema: unknown): unknown {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (SUBSCHEMA_MAPS.includes(key) && value !== null && typeof value === "object") {
      out[key] = withoutAnnotations(value as Record<string, unknown>);
    } else if (
      (SUBSCHEMA_LISTS.includes(key) || SUBSCHEMA_SINGLES.includes(key)) &&
      Array.isArray(value)
    ) {
      out[key] = value.map(strip); // `items` may be a list in old drafts
    } else if (SUBSCHEMA_SINGLES.includes(key)) {
      out[key] = strip(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}
