import { docsChanged } from "../model/canonical.js";
import type { OperationModel } from "../model/operations.js";
import type { SpecModel } from "../model/spec-model.js";
import { isObject } from "../../../spec/json.js";
import { componentsOf, sameRaw } from "./raw.js";
import { listValues } from "../compare/describe.js";
import { q, rule, type Rule } from "./rule.js";

/** Rule ids whose findings only document: the Markdown report collapses them into one line. */
export const DOCUMENTATION_RULES: ReadonlySet<string> = new Set([
  "operation-documentation-changed",
  "schema-documentation-changed",
  "spec-documentation-changed",
]);

/** Parameters keyed by location and name (or ref), so reordering them moves no documentation. */
function keyed(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  const out: Record<string, unknown> = {};
  list.forEach((p, i) => {
    const key = isObject(p)
      ? typeof p.$ref === "string"
        ? p.$ref
        : `${String(p.in)}:${String(p.name)}`
      : String(i);
    out[key] = p;
  });
  return out;
}

const documented = new WeakMap<OperationModel, unknown>();
function opDocumented(op: OperationModel): unknown {
  let value = documented.get(op);
  if (value === undefined) {
    value = {
      operation: { ...op.raw, parameters: keyed(op.raw.parameters) },
      parameters: keyed(op.pathItem.parameters),
    };
    documented.set(op, value);
  }
  return value;
}

function schemaNode(spec: SpecModel, name: string): unknown {
  const schemas = componentsOf(spec).schemas;
  return isObject(schemas) ? schemas[name] : undefined;
}

/**
 * The documented parts of the document outside operations and schemas, one entry per named item
 * (`info`, `tags/apps`, `components/parameters/GroupId`), so that an item present on one side
 * only (a removed tag or shared parameter) is not mistaken for a documentation change.
 */
function specParts(spec: SpecModel): Map<string, unknown> {
  const parts = new Map<string, unknown>([
    ["info", spec.doc.info],
    ["externalDocs", spec.doc.externalDocs],
  ]);
  if (Array.isArray(spec.doc.tags)) {
    for (const tag of spec.doc.tags) if (isObject(tag)) parts.set(`tags/${String(tag.name)}`, tag);
  }
  if (Array.isArray(spec.doc.servers)) {
    for (const server of spec.doc.servers)
      if (isObject(server)) parts.set(`servers/${String(server.url)}`, server);
  }
  for (const [kind, map] of Object.entries(componentsOf(spec))) {
    if (kind === "schemas" || !isObject(map)) continue;
    for (const [name, node] of Object.entries(map)) parts.set(`components/${kind}/${name}`, node);
  }
  return parts;
}

/** Documentation-only changes: descriptions, summaries, titles, examples, `x-` extensions. */
export const documentationRules: readonly Rule[] = [
  rule(
    "operation-documentation-changed",
    "non-breaking",
    "Only the documentation of an operation changed (descriptions, summaries, examples).",
    (ctx) =>
      ctx.facts
        .filter(
          (f) => !sameRaw(f) && docsChanged(opDocumented(f.pair.old), opDocumented(f.pair.new)),
        )
        .map((f) => ({ operation: f.ref, detail: "documentation changed" })),
  ),
  rule(
    "schema-documentation-changed",
    "non-breaking",
    "Only the documentation of a component schema changed.",
    (ctx) =>
      ctx.new.schemaNames
        .filter((s) => ctx.old.schemaNames.includes(s))
        .filter((s) => docsChanged(schemaNode(ctx.old, s), schemaNode(ctx.new, s)))
        .map((s) => ({
          schema: s,
          location: `schema ${s}`,
          detail: `documentation of schema ${q(s)} changed`,
        })),
  ),
  rule(
    "spec-documentation-changed",
    "non-breaking",
    "Documentation outside operations and schemas changed (info, tags, shared parameters and responses).",
    (ctx) => {
      const before = specParts(ctx.old);
      const after = specParts(ctx.new);
      const changed = [...before.keys()]
        .filter((k) => after.has(k) && docsChanged(before.get(k), after.get(k)))
        .sort();
      if (changed.length === 0) return [];
      const groups = [
        ...new Set(
          changed.map((k) =>
            k
              .split("/")
              .slice(0, k.startsWith("components/") ? 2 : 1)
              .join("/"),
          ),
        ),
      ];
      return [
        { location: groups.join(", "), detail: `documentation changed: ${listValues(changed)}` },
      ];
    },
  ),
];
