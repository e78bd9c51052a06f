/**
 * The structure every consumer of a spec (repairs, generator, drift) walks: the document, paths,
 * path items, operations, parameters, bodies, responses, media types, components and the
 * containers of schemas. A value of the wrong kind there (`paths: "string"`, `components: [1]`)
 * is otherwise skipped by the tolerant walkers, and the generator writes an empty SDK. Checked
 * before repair, so it accepts what the repairs fix (property schemas written as strings,
 * `required: true`, `type: null`, `items` lists, `$ref` with siblings) and refuses only what no
 * version of the upstream history has. The official OpenAPI JSON Schemas cannot be used here:
 * they reject exactly those historical defects. The repaired document is checked again (with its
 * refs) before anything is generated or compared; redocly's `struct` rule is the last gate in regen.
 */
import { SpecError } from "./errors.js";
import { HTTP_METHODS, isObject, type OpenApiDocument } from "./json.js";
import { childPointer, getAt, isLocalRef } from "./pointer.js";
import { SUBSCHEMA_LISTS, SUBSCHEMA_MAPS, SUBSCHEMA_SINGLES } from "./schema-keywords.js";
import { entries, fail, Found, listOf, need, optional, type ShapeProblem } from "./shape-rules.js";
import { walkSchemas } from "./walk.js";

/**
 * Where a schema may be `true`/`false`. Elsewhere a boolean schema, valid JSON Schema as it is,
 * makes openapi-typescript crash without saying where, and no upstream version has one.
 */
const BOOLEAN_ALLOWED = new Set([
  "additionalProperties",
  "unevaluatedProperties",
  "additionalItems",
  "unevaluatedItems",
]);
const COMPONENT_SECTIONS = [
  "schemas",
  "responses",
  "parameters",
  "examples",
  "requestBodies",
  "headers",
  "securitySchemes",
  "links",
  "callbacks",
  "pathItems",
];

/**
 * The first structural problem of `doc`, or undefined. Also a problem: a document that declares
 * no operation at all, since an SDK generated from it would be empty.
 */
export function findShapeProblem(doc: OpenApiDocument): ShapeProblem | undefined {
  try {
    checkDocument(doc);
    return undefined;
  } catch (error) {
    if (error instanceof Found) return error.problem;
    throw error;
  }
}

/** A path whose braces all pair up as `{name}` (not empty, not nested, not spanning a `/`). */
const TEMPLATE = /^[^{}]*(?:\{[^{}/]+\}[^{}]*)*$/;

function checkDocument(doc: OpenApiDocument): void {
  optional(doc.info, "mapping", "#/info");
  for (const key of ["tags", "servers", "security"]) listOf(doc[key], "mapping", `#/${key}`);
  if (doc.paths === undefined) fail("#/paths", "the document has no paths, so no operations");
  need(doc.paths, "mapping", "#/paths");
  let operations = 0;
  for (const [path, item] of Object.entries(doc.paths as object)) {
    const at = childPointer("#/paths", path);
    if (!path.startsWith("/")) fail(at, `the path ${JSON.stringify(path)} does not start with /`);
    // A stray brace is no template: the client would send it literally, to a URL that is not there.
    if (!TEMPLATE.test(path))
      fail(at, `the path ${JSON.stringify(path)} has a { or } outside a {name} template`);
    operations += checkPathItem(item, at);
  }
  if (operations === 0) fail("#/paths", "the document declares no operations");
  optional(doc.webhooks, "mapping", "#/webhooks");
  optional(doc.components, "mapping", "#/components");
  const components = (doc.components ?? {}) as Record<string, unknown>;
  for (const section of COMPONENT_SECTIONS) {
    const at = childPointer("#/components", section);
    optional(components[section], "mapping", at);
    for (const [name, value] of Object.entries(components[section] ?? {}))
      need(value, "mapping", childPointer(at, name));
  }
  entries(components.parameters, "#/components/parameters", checkParameter);
  entries(components.headers, "#/components/headers", checkParameter);
  entries(components.requestBodies, "#/components/requestBodies", checkContent);
  entries(components.responses, "#/components/responses", checkResponse);
  walkSchemas(doc, (schema, site) => {
    for (const keyword of SUBSCHEMA_MAPS) {
      const at = childPointer(site.pointer, keyword);
      optional(schema[keyword], "mapping", at);
      // Property schemas written as strings (`_id: string`) are a known defect a repair fixes.
      const kind = keyword === "properties" ? "mapping or string" : "mapping";
      for (const [name, value] of Object.entries(schema[keyword] ?? {}))
        need(value, kind, childPointer(at, name));
    }
    for (const keyword of SUBSCHEMA_LISTS)
      listOf(schema[keyword], "mapping", childPointer(site.pointer, keyword));
    for (const keyword of SUBSCHEMA_SINGLES) {
      const at = childPointer(site.pointer, keyword);
      // `items` as a list is the pre-2020 tuple form, which a repair rewrites.
      if (keyword === "items" && Array.isArray(schema.items)) listOf(schema.items, "mapping", at);
      else
        optional(
          schema[keyword],
          BOOLEAN_ALLOWED.has(keyword) ? "mapping or boolean" : "mapping",
          at,
        );
    }
    optional(schema.enum, "list", childPointer(site.pointer, "enum"));
  });
}

/** Checks a path item and returns how many operations it declares. */
function checkPathItem(item: unknown, at: string): number {
  need(item, "mapping", at);
  const pathItem = item as Record<string, unknown>;
  if (refOnly(pathItem, at)) return 1;
  listOf(pathItem.parameters, "mapping", childPointer(at, "parameters"), checkParameter);
  let operations = 0;
  for (const method of HTTP_METHODS) {
    if (pathItem[method] === undefined) continue;
    const op = childPointer(at, method);
    need(pathItem[method], "mapping", op);
    const operation = pathItem[method] as Record<string, unknown>;
    listOf(operation.tags, "string", childPointer(op, "tags"));
    optional(operation.operationId, "string", childPointer(op, "operationId"));
    listOf(operation.parameters, "mapping", childPointer(op, "parameters"), checkParameter);
    if (operation.requestBody !== undefined) {
      need(operation.requestBody, "mapping", childPointer(op, "requestBody"));
      checkContent(operation.requestBody as object, childPointer(op, "requestBody"));
    }
    optional(operation.responses, "mapping", childPointer(op, "responses"));
    entries(operation.responses, childPointer(op, "responses"), checkResponse);
    operations++;
  }
  return operations;
}

function checkParameter(param: object, at: string): void {
  const p = param as Record<string, unknown>;
  if (refOnly(p, at)) return;
  optional(p.name, "string", childPointer(at, "name"));
  optional(p.in, "string", childPointer(at, "in"));
  optional(p.schema, "mapping", childPointer(at, "schema"));
  checkContent(p, at);
}

function checkResponse(response: object, at: string): void {
  const r = response as Record<string, unknown>;
  if (refOnly(r, at)) return;
  checkContent(r, at);
  optional(r.headers, "mapping", childPointer(at, "headers"));
  entries(r.headers, childPointer(at, "headers"), checkParameter);
}

/** `content`: a mapping of media types to Media Type Objects holding a schema. */
function checkContent(holder: object, at: string): void {
  const content = (holder as Record<string, unknown>).content;
  optional(content, "mapping", childPointer(at, "content"));
  entries(content, childPointer(at, "content"), (media, mediaAt) => {
    const { schema, $ref } = media as { schema?: unknown; $ref?: unknown };
    optional($ref, "string", childPointer(mediaAt, "$ref"));
    optional(schema, "mapping", childPointer(mediaAt, "schema"));
  });
}

/** True (after checking `$ref` is a string) when the object is a reference. */
function refOnly(value: Record<string, unknown>, at: string): boolean {
  if (value.$ref === undefined) return false;
  need(value.$ref, "string", childPointer(at, "$ref"));
  return true;
}

/** Keys whose values are literal data, not OpenAPI objects, so a `$ref` inside them is just a key. */
const LITERAL_KEYS = new Set(["example", "default", "enum", "const"]);

/**
 * Checks a repaired document: its structure again (repairs hoist the schemas nested in namespaces,
 * which only then get checked, and must not have broken anything), then that every local `$ref`
 * resolves (one repair retargets known dangling refs, so this waits for the repairs). Throws a
 * SpecError (`bad-shape`, `bad-ref`) with the pointer in the repaired document. A dangling ref
 * would otherwise read as a missing schema: `unknown` in the SDK, "removed" in a drift report.
 */
export function assertRepairedShape(doc: OpenApiDocument, file: string): void {
  const problem = findShapeProblem(doc);
  if (problem) {
    const { pointer, message } = problem;
    throw new SpecError("bad-shape", `${message} (in the repaired document)`, { file, pointer });
  }
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, childPointer(pointer, i)));
    else if (isObject(node)) {
      // Literal data may hold any key; everywhere else a `$ref` that is not a string would reach
      // openapi-typescript, which fails without saying where.
      if (node.$ref !== undefined && typeof node.$ref !== "string")
        throw new SpecError("bad-shape", "$ref must be a string (in the repaired document)", {
          file,
          pointer: childPointer(pointer, "$ref"),
        });
      // `#` is the whole document: openapi-typescript fails on it without saying where.
      if (node.$ref === "#")
        throw new SpecError("bad-ref", "$ref # names the whole document, not a component", {
          file,
          pointer: childPointer(pointer, "$ref"),
        });
      if (isLocalRef(node.$ref) && getAt(doc, node.$ref) === undefined)
        throw new SpecError("bad-ref", `$ref ${node.$ref} does not resolve`, {
          file,
          pointer: childPointer(pointer, "$ref"),
        });
      for (const [key, value] of Object.entries(node))
        if (!LITERAL_KEYS.has(key)) visit(value, childPointer(pointer, key));
    }
  };
  visit(doc, "#");
}
