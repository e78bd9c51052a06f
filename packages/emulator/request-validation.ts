import { invalidParameter } from "./http.js";
import type { JsonSchema, OperationSchema, ParameterSchema } from "./operation-schemas.js";
import type { RouteOptions } from "./router.js";
import type { SchemaRegistry } from "./schema-registry.js";

/** What validation reads from a request. */
export interface RequestParts {
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when none was sent. */
  json: unknown;
  /** Whether any body bytes were sent. */
  hasBody: boolean;
}

/**
 * Validates path and query parameters and the JSON body of a request against its operation's
 * schemas; the first violation becomes a 400 InvalidParameter naming the field
 * (`query parameter 'limit'`, `body.config.name`).
 */
export function validateRequest(
  registry: SchemaRegistry,
  id: string,
  op: OperationSchema,
  parts: RequestParts,
  options: RouteOptions,
): void {
  const params = op.parameters ?? [];
  checkParameters(
    registry,
    `${id}:path`,
    params.filter((p) => p.in === "path"),
    { ...parts.params },
    "path parameter",
  );
  const query = params
    .filter((p) => p.in === "query" && !options.presenceOnly?.includes(p.name))
    .map((p) => (options.optionalQuery?.includes(p.name) ? { ...p, required: false } : p));
  checkParameters(
    registry,
    `${id}:query`,
    query.map((p) => listed(p, options)),
    queryValues(parts.query, query, options),
    "query parameter",
  );
  for (const group of op.exactlyOneOf ?? []) {
    const given = group.filter((name) => parts.query.has(name) || parts.params[name] !== undefined);
    if (given.length !== 1)
      throw invalidParameter(
        "query",
        `give exactly one of ${group.join(", ")}${given.length ? ` (got ${given.join(" and ")})` : ""}`,
      );
  }
  if (options.rawBody || options.multipart || !op.requestBody) return;
  const { required, mediaType, schema } = op.requestBody;
  if (!parts.hasBody) {
    if (required)
      throw invalidParameter("request body", `required (${mediaType ?? "application/json"})`);
    return;
  }
  if (schema && isJson(mediaType)) {
    const problem = registry.check(`${id}:body`, schema)(parts.json);
    if (problem) throw invalidParameter(bodyField(problem.path), problem.message);
  }
}

function checkParameters(
  registry: SchemaRegistry,
  key: string,
  params: ParameterSchema[],
  values: Record<string, unknown>,
  kind: string,
): void {
  if (!params.length) return;
  const schema: JsonSchema = {
    type: "object",
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? {}])),
    required: params.filter((p) => p.required || p.in === "path").map((p) => p.name),
  };
  const problem = registry.check(key, schema, true)(values);
  if (!problem) return;
  const [, name, ...rest] = problem.path.split("/");
  throw invalidParameter(
    `${kind} '${name}'${rest.length ? `[${rest.join("][")}]` : ""}`,
    problem.message,
  );
}

/** A comma-list parameter declared as a scalar is checked item by item. */
function listed(p: ParameterSchema, options: RouteOptions): ParameterSchema {
  const scalar = p.schema?.type !== "array";
  return options.commaLists?.includes(p.name) && scalar
    ? { ...p, schema: { type: "array", items: p.schema ?? {} } }
    : p;
}

function queryValues(
  query: URLSearchParams,
  params: ParameterSchema[],
  options: RouteOptions,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const p of params) {
    const all = query.getAll(p.name);
    if (!all.length) continue;
    const comma =
      options.commaLists?.includes(p.name) || (p.schema?.type === "array" && p.explode === false);
    // Like the real (Go) server, a repeated scalar parameter counts by its first value only.
    if (comma) values[p.name] = all[0]!.split(",");
    else values[p.name] = p.schema?.type === "array" ? all : all[0];
  }
  return values;
}

function bodyField(pointer: string): string {
  const parts = pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  return parts.reduce(
    (out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : `${out}.${part}`),
    "body",
  );
}

/** JSON media types (`application/json`, `application/problem+json`, ...). */
export function isJson(mediaType: string | undefined): boolean {
  return mediaType === undefined || mediaType === "application/json" || /\+json$/.test(mediaType);
}
