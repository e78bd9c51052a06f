import { dialectOf, isObject, type JsonObject, type OpenApiDocument } from "../../spec/json.js";
import { childPointer } from "../../spec/pointer.js";
import type { ApiModel, OperationModel } from "../model/types.js";
import { headerText } from "./header.js";
import { toJsonSchema } from "./json-schema.js";

/**
 * `operation-schemas.json`: for every operation its parameters, request body and responses (each
 * with schema and example) as JSON Schema 2020-12, plus every component schema they reference;
 * what the emulator validates and synthesises with, and what conformance tests check requests
 * against, since the installed package ships no spec.
 */
export function operationSchemas(model: ApiModel, doc: OpenApiDocument, file?: string): JsonObject {
  const dialect = dialectOf(doc);
  const convert = (schema: unknown, pointer: string) =>
    toJsonSchema(schema, dialect, pointer, file);
  const components =
    isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const schemas = Object.fromEntries(
    model.schemas.map((s) => [
      s.name,
      convert(components[s.name], childPointer("#/components/schemas", s.name)),
    ]),
  );
  const operations = [...model.operations].sort((a, b) => (a.operationId < b.operationId ? -1 : 1));
  return {
    $comment: headerText(model.specSha256),
    specSha256: model.specSha256,
    openapi: model.openapi,
    components: { schemas },
    operations: Object.fromEntries(
      operations.map((op) => [op.operationId, operationEntry(op, convert)]),
    ),
  };
}

function operationEntry(
  op: OperationModel,
  convert: (schema: unknown, pointer: string) => unknown,
): JsonObject {
  const entry: JsonObject = {
    method: op.method,
    path: op.path,
    namespace: op.namespace,
    name: op.name,
    parameters: op.parameters.map((p) => ({
      name: p.name,
      in: p.in,
      required: p.required,
      ...(p.style ? { style: p.style } : {}),
      ...(p.explode !== undefined ? { explode: p.explode } : {}),
      schema: convert(p.schema, childPointer(p.pointer, "schema")),
    })),
  };
  if (op.body) {
    entry.requestBody = {
      required: op.body.required,
      mediaType: op.body.mediaType,
      ...(op.body.schema
        ? { schema: convert(op.body.schema, childPointer(op.body.pointer, "schema")) }
        : {}),
    };
  }
  entry.responses = Object.fromEntries(
    op.responses.map((r) => [
      r.status,
      {
        ...(r.mediaType ? { mediaType: r.mediaType } : {}),
        ...(r.schema
          ? {
              schema: convert(r.schema, childPointer(r.pointer, "content", r.mediaType!, "schema")),
            }
          : {}),
        ...(r.example !== undefined ? { example: r.example } : {}),
      },
    ]),
  );
  return entry;
}
