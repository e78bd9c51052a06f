import { isObject, type JsonObject, type OpenApiDocument } from "../../../spec/json.js";
import { childPointer, getAt, isLocalRef } from "../../../spec/pointer.js";
import { eachOperation } from "../../../spec/walk.js";

/** A parameter as the spec declares it: the schema is a pointer into the spec document. */
export interface SpecParameter {
  name: string;
  in: string;
  required: boolean;
  schemaPointer: string;
  schema: JsonObject;
}

/** What the repaired spec says about one operation, read straight from the document. */
export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  parameters: SpecParameter[];
  /** Media type -> pointer to its schema (undefined when the media type has none). */
  requestBody?: { required: boolean; content: Record<string, string | undefined> };
  /** Status -> media type -> pointer to its schema, as for the request body. */
  responses: Record<string, Record<string, string | undefined>>;
  /** The operation's `x-exactly-one-of` groups, as written. */
  exactlyOneOf?: unknown;
}

/**
 * Every operation of an OpenAPI document by operationId, read with OpenAPI's own rules and none
 * of the generator's code: path-item parameters overridden by the operation's (same name and
 * location), `$ref`ed Parameter, Request Body and Response objects followed, path parameters
 * required. Independent on purpose: it is what the generator's output is checked against.
 */
export function specOperations(doc: OpenApiDocument): Map<string, SpecOperation> {
  const out = new Map<string, SpecOperation>();
  eachOperation(doc, (operation, site) => {
    const byKey = new Map<string, SpecParameter>();
    const itemPointer = site.pointer.slice(0, site.pointer.lastIndexOf("/"));
    for (const [list, at] of [
      [site.pathItem.parameters, childPointer(itemPointer, "parameters")],
      [operation.parameters, childPointer(site.pointer, "parameters")],
    ] as const) {
      (Array.isArray(list) ? list : []).forEach((_, i) => {
        const { node, pointer } = follow(doc, childPointer(at, i));
        const name = String(node.name);
        byKey.set(`${String(node.in)} ${name}`, {
          name,
          in: String(node.in),
          required: node.in === "path" || node.required === true,
          schemaPointer: childPointer(pointer, "schema"),
          schema: follow(doc, childPointer(pointer, "schema")).node,
        });
      });
    }
    const entry: SpecOperation = {
      operationId: String(operation.operationId),
      method: site.method.toUpperCase(),
      path: site.path,
      parameters: [...byKey.values()],
      responses: {},
      ...(operation["x-exactly-one-of"] !== undefined
        ? { exactlyOneOf: operation["x-exactly-one-of"] }
        : {}),
    };
    if (operation.requestBody !== undefined) {
      const { node, pointer } = follow(doc, childPointer(site.pointer, "requestBody"));
      entry.requestBody = { required: node.required === true, content: contentOf(node, pointer) };
    }
    const responses = isObject(operation.responses) ? operation.responses : {};
    for (const status of Object.keys(responses)) {
      const { node, pointer } = follow(doc, childPointer(site.pointer, "responses", status));
      entry.responses[status] = contentOf(node, pointer);
    }
    out.set(entry.operationId, entry);
  });
  return out;
}

/** A Request Body or Response object's media types, each with the pointer to its schema. */
function contentOf(node: JsonObject, pointer: string): Record<string, string | undefined> {
  const content = isObject(node.content) ? node.content : {};
  return Object.fromEntries(
    Object.entries(content).map(([type, media]) => [
      type,
      isObject(media) && media.schema !== undefined
        ? childPointer(pointer, "content", type, "schema")
        : undefined,
    ]),
  );
}

/** The object at a pointer, `$ref`s followed, with the pointer where it really is. */
function follow(doc: OpenApiDocument, pointer: string): { node: JsonObject; pointer: string } {
  let at = pointer;
  for (let hops = 0; hops < 10; hops++) {
    const node = getAt(doc, at);
    if (!isObject(node)) throw new Error(`no object at ${at} (reached from ${pointer})`);
    if (!isLocalRef(node.$ref)) return { node, pointer: at };
    at = node.$ref;
  }
  throw new Error(`$ref cycle from ${pointer}`);
}
