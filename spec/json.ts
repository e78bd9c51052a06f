/** A parsed JSON/YAML mapping. Specs are untrusted input, so every value is `unknown` until checked. */
export type JsonObject = { [key: string]: unknown };

/** A parsed OpenAPI document (3.0 or 3.1), not yet trusted to follow the schema. */
export type OpenApiDocument = JsonObject & { openapi: string };

/** True for a plain mapping (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The HTTP methods an OpenAPI path item may hold, lower-case as in the spec. */
export const HTTP_METHODS = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** "3.0" or "3.1", from the document's `openapi` field. */
export function dialectOf(doc: OpenApiDocument): "3.0" | "3.1" {
  return String(doc.openapi).startsWith("3.1") ? "3.1" : "3.0";
}
