/**
 * path-params-undeclared (D20)
 *
 * What is wrong: template names with no declared path parameter (37 versions): the three of
 * `…/services/{serviceId}/commands/build_info` (000-034), `{ipId}` of
 * `…/security/access_list/{ipId}` (025, 030-034), `{groupId}`/`{appId}` of
 * `POST …/multi_data_sources` (134-135). Generated clients then have no way to pass them, and
 * redocly reports `path-parameters-defined`.
 *
 * Evidence: DEFECTS.md D20; upstream later declares them all, with the shared components.
 *
 * Repair: for each operation missing a template name, the path item gains the declaration: a
 * `$ref` to the component parameter declaring that name `in: path` when there is one, else
 * `{name, in: path, required: true, schema: {type: string}}`.
 * Touches: `#/paths/<path>/parameters`.
 */
import { HTTP_METHODS, isObject, type JsonObject, type OpenApiDocument } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { deref, templateNames } from "./shared.js";

export const pathParamsUndeclared: Repair = {
  id: "path-params-undeclared",
  defects: ["D20"],
  title: "Template names with no declared path parameter get one",
  inPinned: false,
  apply(doc, ctx) {
    if (!isObject(doc.paths)) return;
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!isObject(item)) continue;
      const shared = declared(doc, item.parameters);
      const missing = new Set<string>();
      for (const m of HTTP_METHODS) {
        const op = item[m];
        if (!isObject(op)) continue;
        const own = declared(doc, op.parameters);
        for (const name of templateNames(path))
          if (!shared.has(name) && !own.has(name)) missing.add(name);
      }
      if (missing.size === 0) continue;
      const list = Array.isArray(item.parameters) ? item.parameters : [];
      for (const name of missing) list.push(declaration(doc, name));
      item.parameters = list;
      ctx.fixed(
        childPointer("#/paths", path, "parameters"),
        `declared path parameters ${[...missing].join(", ")}`,
      );
    }
  },
};

function declared(doc: OpenApiDocument, list: unknown): Set<string> {
  const names = new Set<string>();
  if (!Array.isArray(list)) return names;
  for (const p of list) {
    const param = deref(doc, p);
    if (isObject(param) && param.in === "path" && typeof param.name === "string")
      names.add(param.name);
  }
  return names;
}

function declaration(doc: OpenApiDocument, name: string): JsonObject {
  const components =
    isObject(doc.components) && isObject(doc.components.parameters)
      ? doc.components.parameters
      : {};
  for (const [key, p] of Object.entries(components)) {
    if (isObject(p) && p.in === "path" && p.name === name)
      return { $ref: `#/components/parameters/${key}` };
  }
  return { name, in: "path", required: true, schema: { type: "string" } };
}
