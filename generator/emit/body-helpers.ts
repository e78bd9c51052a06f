import { StructureKind, type FunctionDeclarationStructure } from "ts-morph";
import type { OperationModel } from "../model/types.js";
import { jsDoc } from "./jsdoc.js";

/**
 * Encoders for multipart request bodies, emitted (unexported) into the operation files that need
 * them, since generated files import only each other and openapi-fetch, whose default serializer
 * writes JSON. They follow OpenAPI's default multipart encoding: one part per property, named by
 * it; bytes as `application/octet-stream`, strings as `text/plain`, anything else as JSON.
 */
export function bodyHelpers(ops: readonly OperationModel[]): FunctionDeclarationStructure[] {
  const kinds = new Set(ops.map((op) => op.body?.kind));
  const helpers: FunctionDeclarationStructure[] = [];
  if (kinds.has("multipart-mixed")) helpers.push(boundary, multipart);
  if (kinds.has("multipart-form")) helpers.push(formData);
  return helpers;
}

/** Loops over a body object's properties, skipping undefined ones as JSON would. */
const eachProperty = (statements: string) =>
  `for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === undefined) continue;
    ${statements}
  }`;

const boundary: FunctionDeclarationStructure = {
  kind: StructureKind.Function,
  name: "multipartBoundary",
  docs: [jsDoc(["A fresh multipart boundary, long and random enough never to occur in a part."])!],
  returnType: "string",
  statements: [
    `return "----appservices-admin-" + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);`,
  ],
};

const multipart: FunctionDeclarationStructure = {
  kind: StructureKind.Function,
  name: "multipartBody",
  docs: [
    jsDoc([
      "Encodes an object as a `multipart/*` body with the given boundary, one part per property.",
    ])!,
  ],
  parameters: [
    { name: "body", type: "unknown" },
    { name: "boundary", type: "string" },
  ],
  returnType: "Blob",
  statements: [
    "const parts: (string | Blob | Uint8Array<ArrayBuffer>)[] = [];",
    eachProperty(`const bytes = value instanceof Blob || value instanceof Uint8Array;
      const type = bytes ? "application/octet-stream" : typeof value === "string" ? "text/plain" : "application/json";
      parts.push(\`--\${boundary}\\r\\nContent-Disposition: form-data; name="\${name}"\\r\\nContent-Type: \${type}\\r\\n\\r\\n\`);
      // A copy gives the ArrayBuffer-backed view Blob accepts under every lib setting.
      parts.push(value instanceof Uint8Array ? new Uint8Array(value) : value instanceof Blob ? value : typeof value === "string" ? value : JSON.stringify(value));
      parts.push("\\r\\n");`),
    "parts.push(`--${boundary}--\\r\\n`);",
    "return new Blob(parts);",
  ],
};

const formData: FunctionDeclarationStructure = {
  kind: StructureKind.Function,
  name: "formDataBody",
  docs: [jsDoc(["Encodes an object as `multipart/form-data` (fetch writes the boundary)."])!],
  parameters: [{ name: "body", type: "unknown" }],
  returnType: "FormData",
  statements: [
    "const form = new FormData();",
    eachProperty(`if (value instanceof Blob) form.append(name, value);
      else if (value instanceof Uint8Array) form.append(name, new Blob([new Uint8Array(value)]));
      else if (typeof value === "string") form.append(name, value);
      else form.append(name, new Blob([JSON.stringify(value)], { type: "application/json" }));`),
    "return form;",
  ],
};
