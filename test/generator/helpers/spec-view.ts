import type { OpenApiDocument } from "../../../spec/json.js";
import { isObject } from "../../../spec/json.js";
import { walkSchemas } from "../../../spec/walk.js";

/**
 * The document as one side of the wire sees it, per OpenAPI 3: in requests (`write`) a required
 * `readOnly` property is not required, in responses (`read`) a required `writeOnly` one is not.
 * Done everywhere at once on a copy, with none of the generator's code (which rewrites references
 * to per-view component copies instead), so it is an independent check of that.
 */
export function specView(doc: OpenApiDocument, view: "read" | "write"): OpenApiDocument {
  const copy = structuredClone(doc);
  const key = view === "write" ? "readOnly" : "writeOnly";
  const other = view === "write" ? "writeOnly" : "readOnly";
  walkSchemas(copy, (schema) => {
    const { required, properties } = schema;
    if (!Array.isArray(required) || !isObject(properties)) return;
    schema.required = required.filter((name) => {
      const p = typeof name === "string" ? properties[name] : undefined;
      return !(isObject(p) && p[key] === true && p[other] !== true);
    });
  });
  return copy;
}
