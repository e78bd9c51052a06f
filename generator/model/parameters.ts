import { isObject, type JsonObject, type OpenApiDocument } from "../../spec/json.js";
import { childPointer, fromPointer } from "../../spec/pointer.js";
import type { OperationSite } from "../../spec/walk.js";
import { GeneratorError } from "../errors.js";
import { resolveComponent } from "./resolve.js";
import type { ParameterModel } from "./types.js";

const COMPONENT = "#/components/parameters/";

/**
 * The path and query parameters of an operation: path-item parameters overridden by the
 * operation's own (by name and location, as OpenAPI specifies), references resolved, path
 * parameters in template order then query parameters by name. Refuses what the flat-parameter
 * calling convention cannot express: header/cookie parameters, `content` instead of `schema`, a
 * template variable nobody declares, a declared path parameter missing from the template, and one
 * name used in two locations.
 */
export function operationParameters(
  doc: OpenApiDocument,
  operation: JsonObject,
  site: OperationSite,
  file?: string,
): ParameterModel[] {
  const byKey = new Map<string, ParameterModel>();
  const sources: [unknown, string][] = [
    [
      site.pathItem.parameters,
      childPointer(site.pointer.slice(0, site.pointer.lastIndexOf("/")), "parameters"),
    ],
    [operation.parameters, childPointer(site.pointer, "parameters")],
  ];
  for (const [list, listPointer] of sources) {
    if (list === undefined) continue;
    if (!Array.isArray(list))
      throw new GeneratorError("parameters must be an array", { file, pointer: listPointer });
    list.forEach((raw, index) => {
      const param = toParameter(doc, raw, childPointer(listPointer, index), file);
      byKey.set(`${param.in}:${param.name}`, param);
    });
  }
  const params = [...byKey.values()];
  const template = [...site.path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
  for (const name of template) {
    if (!params.some((p) => p.in === "path" && p.name === name)) {
      throw new GeneratorError(
        `path template variable {${name}} of ${site.path} has no declared path parameter`,
        {
          file,
          pointer: site.pointer,
        },
      );
    }
  }
  for (const p of params) {
    if (p.in === "path" && !template.includes(p.name)) {
      throw new GeneratorError(
        `path parameter "${p.name}" is not in the path template ${site.path}`,
        {
          file,
          pointer: p.pointer,
        },
      );
    }
    const twin = params.find((q) => q !== p && q.name === p.name);
    if (twin && p.in === "path") {
      throw new GeneratorError(
        `parameter name clash in ${site.method.toUpperCase()} ${site.path}: "${p.name}" is both a path ` +
          `(${p.pointer}) and a query parameter (${twin.pointer}); flat parameters need distinct names`,
        { file, pointer: site.pointer },
      );
    }
  }
  const path = params
    .filter((p) => p.in === "path")
    .sort((a, b) => template.indexOf(a.name) - template.indexOf(b.name));
  const query = params
    .filter((p) => p.in === "query")
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...path, ...query];
}

function toParameter(
  doc: OpenApiDocument,
  raw: unknown,
  pointer: string,
  file?: string,
): ParameterModel {
  const { node, pointer: at } = resolveComponent(doc, raw, pointer, "parameters", file);
  const where = { file, pointer: at };
  if (typeof node.name !== "string" || node.name === "")
    throw new GeneratorError("parameter without a name", where);
  if (node.in !== "path" && node.in !== "query") {
    throw new GeneratorError(
      `parameter "${node.name}" is in ${JSON.stringify(node.in)}: only path and query parameters are supported`,
      where,
    );
  }
  if (!isObject(node.schema)) {
    throw new GeneratorError(
      `parameter "${node.name}" has no schema (parameters with \`content\` are not supported)`,
      where,
    );
  }
  return {
    name: node.name,
    in: node.in,
    // Path parameters are always required, whatever the spec says (OpenAPI 3 requires `true`).
    required: node.in === "path" || node.required === true,
    deprecated: node.deprecated === true,
    ...(typeof node.description === "string" ? { description: node.description } : {}),
    schema: node.schema,
    ...(typeof node.style === "string" ? { style: node.style } : {}),
    ...(typeof node.explode === "boolean" ? { explode: node.explode } : {}),
    pointer: at,
    ...(at.startsWith(COMPONENT) ? { component: fromPointer(at)[2]! } : {}),
  };
}
