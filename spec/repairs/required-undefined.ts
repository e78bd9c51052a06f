/**
 * required-undefined (D9)
 *
 * What is wrong: `required` names properties the schema never defines, even counting its `allOf`
 * members and, for an `allOf` member, its siblings. Both generators silently drop such names.
 * - `#/components/schemas/BaseCustomResolver/required` lists `_id` and `function_id` (127-146,
 *   pinned): only `CustomResolver` (allOf: [BaseCustomResolver, {properties: {_id, function_id}}])
 *   defines them; `CustomResolverConstructor`, the create body, must not require them.
 * - `#/components/schemas/DatabaseTrigger/allOf/1/properties/config/required` lists `project`
 *   (067-112), which no schema defines until 113.
 * (The hosting upload's `meta.required: [meta, file]` is the third case; hosting-upload-multipart
 * moves it to the body, where both names are defined.)
 *
 * Evidence: DEFECTS.md D9.
 *
 * Repair: an undefined name is removed; where a component schema that composes this one (`allOf`
 * with a `$ref` to it) defines the property in a sibling member, the name is added to that
 * member's `required`, so the composed schema keeps the requirement.
 * Touches: each `…/required` with undefined names, and the sibling members it moves them to.
 */
import { isObject, type JsonObject, type OpenApiDocument } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { walkSchemas } from "../walk.js";
import { deref } from "./shared.js";

export const requiredUndefined: Repair = {
  id: "required-undefined",
  defects: ["D9"],
  title: "`required` names that no property defines move to the composing schema or are dropped",
  inPinned: true,
  apply(doc, ctx) {
    walkSchemas(doc, (schema, site) => {
      const required = schema.required;
      if (!Array.isArray(required)) return;
      const defined = definedNames(doc, schema, new Set());
      if (defined === "open") return;
      if (site.via === "allOf" && site.owner) {
        for (const member of site.owner.allOf as unknown[]) {
          const names =
            member === schema ? new Set<string>() : definedNames(doc, member, new Set());
          if (names === "open") return;
          names.forEach((n) => defined.add(n));
        }
      }
      const missing = required.filter((n): n is string => typeof n === "string" && !defined.has(n));
      if (missing.length === 0) return;
      const at = childPointer(site.pointer, "required");
      const kept = required.filter((n) => !missing.includes(n as string));
      if (kept.length > 0) schema.required = kept;
      else delete schema.required;
      const name = /^#\/components\/schemas\/([^/]+)$/.exec(site.pointer)?.[1];
      for (const n of missing) {
        const movedTo = name ? requireInComposers(doc, name, n) : [];
        ctx.fixed(
          at,
          movedTo.length
            ? `"${n}" moved to ${movedTo.join(", ")}`
            : `"${n}" is not a property: removed`,
        );
      }
    });
  },
};

/** Property names a schema defines through `properties`, `$ref` and `allOf`; "open" when it cannot tell. */
function definedNames(
  doc: OpenApiDocument,
  node: unknown,
  seen: Set<unknown>,
): Set<string> | "open" {
  if (!isObject(node) || seen.has(node)) return new Set();
  seen.add(node);
  if (node.oneOf || node.anyOf || node.additionalProperties || node.patternProperties)
    return "open";
  const target = node.$ref === undefined ? undefined : deref(doc, node);
  // A ref we cannot follow could define anything: do not judge.
  if (node.$ref !== undefined && (!isObject(target) || target === node)) return "open";
  const names = new Set(isObject(node.properties) ? Object.keys(node.properties) : []);
  const parts = [...(Array.isArray(node.allOf) ? node.allOf : []), ...(target ? [target] : [])];
  for (const part of parts) {
    const inner = definedNames(doc, part, seen);
    if (inner === "open") return "open";
    inner.forEach((n) => names.add(n));
  }
  return names;
}

/** Adds `prop` to `required` of each allOf sibling that defines it next to a `$ref` to `name`. */
function requireInComposers(doc: OpenApiDocument, name: string, prop: string): string[] {
  const schemas = (doc.components as JsonObject).schemas as JsonObject;
  const ref = `#/components/schemas/${name}`;
  const moved: string[] = [];
  for (const [composer, value] of Object.entries(schemas)) {
    if (!isObject(value) || !Array.isArray(value.allOf)) continue;
    if (!value.allOf.some((m) => isObject(m) && m.$ref === ref)) continue;
    value.allOf.forEach((member: unknown, i) => {
      if (!isObject(member) || !isObject(member.properties) || !(prop in member.properties)) return;
      const list = Array.isArray(member.required) ? member.required : [];
      if (!list.includes(prop)) list.push(prop);
      member.required = list;
      moved.push(`#/components/schemas/${composer}/allOf/${i}/required`);
    });
  }
  return moved;
}
