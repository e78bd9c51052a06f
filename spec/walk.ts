import { HTTP_METHODS, isObject, type JsonObject, type OpenApiDocument } from "./json.js";
import { childPointer } from "./pointer.js";
import { SUBSCHEMA_LISTS, SUBSCHEMA_MAPS, SUBSCHEMA_SINGLES } from "./schema-keywords.js";

/** Where a schema sits: its pointer, and the object and key that hold it. */
export interface SchemaSite {
  pointer: string;
  /** The object or array the schema is a value of. */
  parent: JsonObject | unknown[];
  /** The key (or index) under `parent`. */
  key: string | number;
  /** The keyword that led here from the enclosing schema (`properties`, `items`, …), if any. */
  via?: string;
  /** The enclosing schema, when this one is nested in another. */
  owner?: JsonObject;
}

export type SchemaVisitor = (schema: JsonObject, site: SchemaSite) => void;

/**
 * Visits every Schema Object of a document, pre-order, with its JSON pointer: component schemas,
 * parameter/header/media-type schemas in components, paths and webhooks, and every schema nested in
 * those. It never follows `$ref` and skips values that are not objects, so it is safe on malformed
 * specs; a visitor may repair the node it is given (children are read after the visit).
 */
export function walkSchemas(doc: OpenApiDocument, visit: SchemaVisitor): void {
  const components = isObject(doc.components) ? doc.components : undefined;
  const root = "#/components";
  if (components) {
    eachEntry(components.schemas, childPointer(root, "schemas"), (schema, site) =>
      walkSchema(schema, site, visit),
    );
    eachEntry(components.parameters, childPointer(root, "parameters"), (p, site) =>
      walkParameter(p, site.pointer, visit),
    );
    eachEntry(components.headers, childPointer(root, "headers"), (h, site) =>
      walkParameter(h, site.pointer, visit),
    );
    eachEntry(components.requestBodies, childPointer(root, "requestBodies"), (b, site) =>
      walkContent(b, site.pointer, visit),
    );
    eachEntry(components.responses, childPointer(root, "responses"), (r, site) =>
      walkResponse(r, site.pointer, visit),
    );
  }
  for (const [section, items] of [
    ["paths", doc.paths],
    ["webhooks", doc.webhooks],
  ] as const) {
    eachEntry(items, `#/${section}`, (item, site) => walkPathItem(item, site.pointer, visit));
  }
}

/** Visits a schema and everything nested in it. */
export function walkSchema(schema: JsonObject, site: SchemaSite, visit: SchemaVisitor): void {
  visit(schema, site);
  // A visitor may have replaced the node; continue with what is there now.
  const current = Array.isArray(site.parent)
    ? site.parent[site.key as number]
    : site.parent[site.key];
  if (!isObject(current)) return;
  // Pointers are built only for the keywords present: most schemas have two or three of the
  // fifteen, and this walk runs over every schema several times per load.
  for (const keyword of SUBSCHEMA_MAPS) {
    if (current[keyword] === undefined) continue;
    eachEntry(current[keyword], childPointer(site.pointer, keyword), (child, childSite) =>
      walkSchema(child, { ...childSite, via: keyword, owner: current }, visit),
    );
  }
  for (const keyword of SUBSCHEMA_LISTS) {
    if (current[keyword] === undefined) continue;
    eachItem(current[keyword], childPointer(site.pointer, keyword), (child, childSite) =>
      walkSchema(child, { ...childSite, via: keyword, owner: current }, visit),
    );
  }
  for (const keyword of SUBSCHEMA_SINGLES) {
    const child = current[keyword];
    if (child === undefined) continue;
    const pointer = childPointer(site.pointer, keyword);
    if (isObject(child)) {
      walkSchema(
        child,
        { pointer, parent: current, key: keyword, via: keyword, owner: current },
        visit,
      );
    } else if (keyword === "items") {
      eachItem(child, pointer, (c, s) =>
        walkSchema(c, { ...s, via: keyword, owner: current }, visit),
      );
    }
  }
}

function walkPathItem(item: JsonObject, pointer: string, visit: SchemaVisitor): void {
  eachItem(item.parameters, childPointer(pointer, "parameters"), (p, site) =>
    walkParameter(p, site.pointer, visit),
  );
  for (const method of HTTP_METHODS) {
    const op = item[method];
    if (!isObject(op)) continue;
    const opPointer = childPointer(pointer, method);
    eachItem(op.parameters, childPointer(opPointer, "parameters"), (p, site) =>
      walkParameter(p, site.pointer, visit),
    );
    if (isObject(op.requestBody)) {
      walkContent(op.requestBody, childPointer(opPointer, "requestBody"), visit);
    }
    eachEntry(op.responses, childPointer(opPointer, "responses"), (r, site) =>
      walkResponse(r, site.pointer, visit),
    );
  }
}

function walkParameter(param: JsonObject, pointer: string, visit: SchemaVisitor): void {
  if (isObject(param.schema)) {
    const site = { pointer: childPointer(pointer, "schema"), parent: param, key: "schema" };
    walkSchema(param.schema, site, visit);
  }
  walkContent(param, pointer, visit);
}

function walkResponse(response: JsonObject, pointer: string, visit: SchemaVisitor): void {
  walkContent(response, pointer, visit);
  eachEntry(response.headers, childPointer(pointer, "headers"), (h, site) =>
    walkParameter(h, site.pointer, visit),
  );
}

function walkContent(holder: JsonObject, pointer: string, visit: SchemaVisitor): void {
  eachEntry(holder.content, childPointer(pointer, "content"), (media, site) => {
    if (isObject(media.schema)) {
      const schemaSite = {
        pointer: childPointer(site.pointer, "schema"),
        parent: media,
        key: "schema",
      };
      walkSchema(media.schema, schemaSite, visit);
    }
  });
}

/** Calls `fn` for each object-valued entry of a mapping. */
export function eachEntry(
  map: unknown,
  pointer: string,
  fn: (value: JsonObject, site: SchemaSite) => void,
): void {
  if (!isObject(map)) return;
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (isObject(value)) fn(value, { pointer: childPointer(pointer, key), parent: map, key });
  }
}

/** Calls `fn` for each object-valued item of an array. */
export function eachItem(
  list: unknown,
  pointer: string,
  fn: (value: JsonObject, site: SchemaSite) => void,
): void {
  if (!Array.isArray(list)) return;
  list.forEach((value, index) => {
    if (isObject(value))
      fn(value, { pointer: childPointer(pointer, index), parent: list, key: index });
  });
}

/** One operation of a path item, with where it is. */
export interface OperationSite {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  pointer: string;
  pathItem: JsonObject;
}

/** Calls `fn` for every operation under `paths`, in document order. */
export function eachOperation(
  doc: OpenApiDocument,
  fn: (operation: JsonObject, site: OperationSite) => void,
): void {
  eachEntry(doc.paths, "#/paths", (pathItem, site) => {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (isObject(operation)) {
        const pointer = childPointer(site.pointer, method);
        fn(operation, { path: String(site.key), method, pointer, pathItem });
      }
    }
  });
}
