/**
 * hoist-nested-schemas (D4)
 *
 * What is wrong: from version 105 on, `components/schemas/Logs` is not a schema but a namespace of
 * 28 schemas, one of which (`Logs/Parts`) is itself a namespace of 8. About 110 `$ref`s point into
 * it, e.g. `#/components/schemas/AppLog/oneOf/0/$ref` -> `#/components/schemas/Logs/API` and
 * `#/components/schemas/Logs/API/allOf/0/$ref` -> `#/components/schemas/Logs/Parts/BaseLog`.
 * OpenAPI has no schema namespaces: redocly reports ~29 struct errors, openapi-typescript emits
 * `Logs: unknown` (so `AppLog` loses every member) and @hey-api/openapi-ts crashes.
 *
 * Evidence: DEFECTS.md D4 (versions 105-146).
 *
 * Repair: every namespace is hoisted recursively to top-level schemas named by joining the path
 * (`Logs/Parts/BaseLog` -> `LogsPartsBaseLog`, `Logs/API` -> `LogsAPI`), placed where the namespace
 * was, and every `$ref` in the document into a namespace is rewritten.
 * Touches: `#/components/schemas/<namespace>` and every `$ref` into it.
 */
import { SpecError } from "../errors.js";
import { isObject, type JsonObject } from "../json.js";
import { childPointer, escapeSegment } from "../pointer.js";
import type { Repair } from "../repair.js";
import { SCHEMA_KEYWORDS } from "../schema-keywords.js";

const PREFIX = "#/components/schemas/";

/** A mapping with entries, none of them a schema keyword or extension, all of them mappings. */
export function isNamespace(node: unknown): node is JsonObject {
  if (!isObject(node)) return false;
  const keys = Object.keys(node);
  return (
    keys.length > 0 &&
    keys.every((k) => !SCHEMA_KEYWORDS.has(k) && !k.startsWith("x-") && isObject(node[k]))
  );
}

export const hoistNestedSchemas: Repair = {
  id: "hoist-nested-schemas",
  defects: ["D4"],
  title: "Hoist nested schema namespaces (components/schemas/Logs/*) to top-level schemas",
  inPinned: true,
  apply(doc, ctx) {
    const components = doc.components;
    if (!isObject(components) || !isObject(components.schemas)) return;
    const schemas = components.schemas;
    if (!Object.values(schemas).some(isNamespace)) return;

    const hoisted: JsonObject = {};
    const renamed = new Map<string, string>(); // old ref path (after PREFIX) -> new name
    const flatten = (node: JsonObject, path: string[]): void => {
      for (const [key, value] of Object.entries(node)) {
        const childPath = [...path, key];
        if (isNamespace(value)) {
          flatten(value, childPath);
          continue;
        }
        const name = childPath.join("");
        if (name in hoisted) {
          throw new SpecError(
            "repair-failed",
            `hoisting "${childPath.join("/")}" would collide with an existing schema "${name}"`,
            { pointer: PREFIX + childPath.map(escapeSegment).join("/") },
          );
        }
        hoisted[name] = value;
        if (path.length > 0) renamed.set(childPath.map(escapeSegment).join("/"), name);
      }
    };
    // Flatten the whole map at once so a top-level name can never shadow a hoisted one.
    flatten(schemas, []);
    for (const [from, to] of renamed) {
      ctx.fixed(PREFIX + from, `hoisted to ${PREFIX}${to}`);
    }
    // Rewrite refs before moving anything, so reported pointers are those of the input.
    rewriteRefs(doc, "#", (ref, pointer) => {
      if (!ref.startsWith(PREFIX)) return ref;
      const rest = ref.slice(PREFIX.length);
      // Longest match first: `Logs/Parts/BaseLog/properties/x` maps via `Logs/Parts/BaseLog`.
      const parts = rest.split("/");
      for (let n = parts.length; n > 1; n--) {
        const target = renamed.get(parts.slice(0, n).join("/"));
        if (target) {
          const next = [PREFIX + target, ...parts.slice(n)].join("/");
          ctx.fixed(pointer, `$ref ${ref} -> ${next}`);
          return next;
        }
      }
      return ref;
    });
    for (const key of Object.keys(schemas)) delete schemas[key];
    Object.assign(schemas, hoisted);
  },
};

/** Rewrites every `$ref` string in a document tree through `map`. */
export function rewriteRefs(
  node: unknown,
  pointer: string,
  map: (ref: string, pointer: string) => string,
): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => rewriteRefs(item, childPointer(pointer, i), map));
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    const at = childPointer(pointer, key);
    if (key === "$ref" && typeof value === "string") node.$ref = map(value, at);
    else rewriteRefs(value, at, map);
  }
}
