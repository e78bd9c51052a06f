import {
  HTTP_METHODS,
  isObject,
  type JsonObject,
  type OpenApiDocument,
} from "../../../spec/json.js";
import type { RefResolver } from "./resolve.js";

/** One effective parameter of an operation (path-item and operation levels merged, refs followed). */
export interface ParameterModel {
  in: string;
  name: string;
  /** `in:name`, the identity parameters are matched by (header names case-insensitively). */
  key: string;
  required: boolean;
  schema: unknown;
  /** Effective serialization: style, explode, allowReserved and `content` media type. */
  serialization: string;
  /** False for a path parameter the template uses but the spec never declares (D20). */
  declared: boolean;
}

/** A request or response body: media type -> schema (raw, refs unresolved). */
export type ContentModel = ReadonlyMap<string, unknown>;

/** One operation, reduced to what the rules compare. */
export interface OperationModel {
  /** Upper case. */
  method: string;
  path: string;
  /** `GET /groups/{}/apps`: method and template with parameter names blanked. */
  key: string;
  /** Names in the path template, in order. */
  templateNames: string[];
  operationId: string | null;
  tags: string[];
  deprecated: boolean;
  parameters: ReadonlyMap<string, ParameterModel>;
  requestBody?: { required: boolean; content: ContentModel };
  /** Status code (as written, `200`, `2XX`, `default`) -> content. */
  responses: ReadonlyMap<string, ContentModel>;
  /** The operation object and its path item, for documentation and fallback comparisons. */
  raw: JsonObject;
  pathItem: JsonObject;
}

const TEMPLATE = /\{([^}]*)\}/g;

/** `/a/{x}/b/{y}` -> `/a/{}/b/{}`: how paths are matched, so a renamed parameter is not a new path. */
export function normalizePath(path: string): string {
  return path.replace(TEMPLATE, "{}");
}

/** Every operation of a document, in document order. */
export function readOperations(doc: OpenApiDocument, resolver: RefResolver): OperationModel[] {
  const out: OperationModel[] = [];
  if (!isObject(doc.paths)) return out;
  for (const [path, value] of Object.entries(doc.paths)) {
    const pathItem = resolver.deref(value);
    if (!pathItem) continue;
    for (const method of HTTP_METHODS) {
      const op = pathItem[method];
      if (isObject(op)) out.push(readOperation(path, method.toUpperCase(), op, pathItem, resolver));
    }
  }
  return out;
}

function readOperation(
  path: string,
  method: string,
  op: JsonObject,
  pathItem: JsonObject,
  resolver: RefResolver,
): OperationModel {
  const templateNames = [...path.matchAll(TEMPLATE)].map((m) => m[1]!);
  const parameters = new Map<string, ParameterModel>();
  for (const list of [pathItem.parameters, op.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const param = readParameter(resolver.deref(item), resolver);
      if (param) parameters.set(param.key, param);
    }
  }
  for (const name of templateNames) {
    const key = `path:${name}`;
    if (!parameters.has(key)) {
      parameters.set(key, {
        in: "path",
        name,
        key,
        required: true,
        schema: { type: "string" },
        serialization: "style=simple, explode=false",
        declared: false,
      });
    }
  }
  const body = resolver.deref(op.requestBody);
  const responses = new Map<string, ContentModel>();
  if (isObject(op.responses)) {
    for (const [status, response] of Object.entries(op.responses)) {
      responses.set(String(status), readContent(resolver.deref(response)));
    }
  }
  return {
    method,
    path,
    key: `${method} ${normalizePath(path)}`,
    templateNames,
    operationId: typeof op.operationId === "string" ? op.operationId : null,
    tags: Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === "string") : [],
    deprecated: op.deprecated === true,
    parameters,
    requestBody: body
      ? { required: body.required === true, content: readContent(body) }
      : undefined,
    responses,
    raw: op,
    pathItem,
  };
}

function readParameter(
  param: JsonObject | undefined,
  resolver: RefResolver,
): ParameterModel | undefined {
  if (!param || typeof param.name !== "string" || typeof param.in !== "string") return undefined;
  const where = param.in;
  const name = where === "header" ? param.name.toLowerCase() : param.name;
  const content = readContent(param);
  const [mediaType, contentSchema] = [...content][0] ?? [];
  let schema = mediaType !== undefined ? contentSchema : param.schema;
  // D27: `default` written on the parameter instead of its schema still is the default.
  const resolved = resolver.deref(schema);
  if (param.default !== undefined && (resolved === undefined || resolved.default === undefined)) {
    schema = { allOf: [schema ?? {}], default: param.default };
  }
  const style =
    typeof param.style === "string"
      ? param.style
      : where === "query" || where === "cookie"
        ? "form"
        : "simple";
  const explode = typeof param.explode === "boolean" ? param.explode : style === "form";
  const serialization =
    mediaType !== undefined
      ? `content ${mediaType}`
      : `style=${style}, explode=${explode}${param.allowReserved === true ? ", allowReserved" : ""}`;
  return {
    in: where,
    name: param.name,
    key: `${where}:${name}`,
    required: where === "path" || param.required === true,
    schema: schema ?? {},
    serialization,
    declared: true,
  };
}

function readContent(holder: JsonObject | undefined): ContentModel {
  const content = new Map<string, unknown>();
  if (holder && isObject(holder.content)) {
    for (const [mediaType, media] of Object.entries(holder.content)) {
      content.set(mediaType, isObject(media) && media.schema !== undefined ? media.schema : {});
    }
  }
  return content;
}
