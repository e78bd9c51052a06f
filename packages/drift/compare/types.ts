import type { SchemaView } from "../model/schema-view.js";

/** How the set of allowed (non-null) types moved from old to new. */
export interface TypeRelation {
  kind: "same" | "widened" | "narrowed" | "changed";
  /** Whether some value type is allowed by both, so comparing deeper still makes sense. */
  overlap: boolean;
}

/** True when `types` admits every value of type `t` (an integer is a number). */
function covers(types: ReadonlySet<string>, t: string): boolean {
  return types.has(t) || (t === "integer" && types.has("number"));
}

/**
 * Relates two type sets, `undefined` meaning unconstrained: unconstrained to a type is a
 * narrowing, the reverse a widening; integer -> number widens.
 */
export function typeRelation(
  before: ReadonlySet<string> | undefined,
  after: ReadonlySet<string> | undefined,
): TypeRelation {
  if (before === undefined && after === undefined) return { kind: "same", overlap: true };
  if (before === undefined) return { kind: "narrowed", overlap: true };
  if (after === undefined) return { kind: "widened", overlap: true };
  const kept = [...before].every((t) => covers(after, t));
  const within = [...after].every((t) => covers(before, t));
  const overlap =
    [...before].some((t) => covers(after, t)) || [...after].some((t) => covers(before, t));
  if (kept && within) return { kind: "same", overlap };
  if (kept) return { kind: "widened", overlap };
  if (within) return { kind: "narrowed", overlap };
  return { kind: "changed", overlap };
}

/** `string`, `integer | string`, `any` — how a view's type reads in a detail line. */
export function typeText(view: SchemaView): string {
  if (view.types === undefined) return "any";
  const names = [...view.types].sort();
  if (view.nullable) names.push("null");
  return names.length === 0 ? "never" : names.join(" | ");
}
