import { dialectOf, isObject, type JsonObject, type OpenApiDocument } from "../../spec/json.js";
import { childPointer } from "../../spec/pointer.js";
import type { ApiModel, OperationModel } from "../model/types.js";
import { headerText } from "./header.js";
import { toJsonSchema } from "./json-schema.js";
import { schemaInView, VIEW_SECTION } from "./schema-view.js";
import type { SchemaView } from "../model/read-write.js";

/**
 * `operation-schemas.json`: for every operation its parameters, request body and responses (each
 * with schema and example) as JSON Schema 2020-12, plus every component schema they reference;
 * what the emulator validates and synthesises with, and what conformance tests check requests
 * against, since the installed package ships no spec. Request schemas are the write view and
 * response schemas the read view of what the spec says (see schema-view.ts).
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
  const differs = { read: new Set(model.views.read), write: new Set(model.views.write) };
  const inView = (view: SchemaView) => (schema: unknown, pointer: string) =>
    schemaInView(convert(schema, pointer), view, differs[view]);
  // The request and response views of the components that differ in them (see schema-view.ts).
  const views = Object.fromEntries(
    (["write", "read"] as const)
      .filter((view) => model.views[view].length > 0)
      .map((view) => [
        VIEW_SECTION[view],
        Object.fromEntries(
          model.views[view].map((name) => [
            name,
            inView(view)(components[name], childPointer("#/components/schemas", name)),
          ]),
        ),
      ]),
  );
  const operations = [...model.operations].sort((a, b) => (a.operationId < b.operationId ? -1 : 1));
  return {
    $comment: headerText(),
    openapi: model.openapi,
    components: { schemas, ...views },
    operations: Object.fromEntries(
      operations.map((op) => [op.operationId, operationEntry(op, inView("write"), inView("read"))]),
    ),
  };
}

function operationEntry(
  op: OperationModel,
  request: (schema: unknown, pointer: string) => unknown,
  response: (schema: unknown, pointer: string) => unknown,
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
      schema: request(p.schema, childPointer(p.pointer, "schema")),
    })),
    // Exactly one parameter of each group must be given (x-exactly-one-of).
    ...(op.exactlyOneOf ? { exactlyOneOf: op.exactlyOneOf } : {}),
  };
  if (op.body) {
    entry.requestBody = {
      required: op.body.required,
      mediaType: op.body.mediaType,
      ...(op.body.schema
        ? { schema: request(op.body.schema, childPointer(op.body.pointer, "schema")) }
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
              schema: response(
                r.schema,
                childPointer(r.pointer, "content", r.mediaType!, "schema"),
              ),
            }
          : {}),
        ...(r.example !== undefined ? { example: r.example } : {}),
      },
    ]),
  );
  return entry;
}
