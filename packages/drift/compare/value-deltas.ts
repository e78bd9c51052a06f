import type { SchemaView } from "../model/schema-view.js";
import type { SchemaDelta } from "./schema-delta.js";

/**
 * Enum differences at one schema: values added or removed, or the schema becoming (or ceasing to
 * be) an enum. `const` already reads as a one-value enum.
 */
export function enumDeltas(ov: SchemaView, nv: SchemaView): SchemaDelta[] {
  const before = ov.enumValues;
  const after = nv.enumValues;
  if (before && after) {
    const added = [...after].filter((v) => !before.has(v)).sort();
    const removed = [...before].filter((v) => !after.has(v)).sort();
    return [
      ...(added.length > 0
        ? [{ kind: "enum-values-added" as const, path: [], values: added }]
        : []),
      ...(removed.length > 0
        ? [{ kind: "enum-values-removed" as const, path: [], values: removed }]
        : []),
    ];
  }
  if (after) return [{ kind: "became-enum", path: [], values: [...after].sort() }];
  if (before) return [{ kind: "enum-dropped", path: [], values: [...before].sort() }];
  return [];
}

/** Validation keywords (format, bounds, pattern, default…) that differ, in keyword order. */
export function constraintDeltas(ov: SchemaView, nv: SchemaView): SchemaDelta[] {
  const keywords = [...new Set([...ov.constraints.keys(), ...nv.constraints.keys()])].sort();
  return keywords.flatMap((keyword): SchemaDelta[] => {
    const from = ov.constraints.get(keyword);
    const to = nv.constraints.get(keyword);
    if (from === to) return [];
    return [
      {
        kind: "constraint-changed",
        path: [],
        values: [keyword],
        from: from ?? "absent",
        to: to ?? "absent",
      },
    ];
  });
}
