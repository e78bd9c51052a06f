/**
 * The one way config files are printed: keys sorted, two-space indent, a trailing newline.
 * Printing the same value twice gives the same bytes, so a second pull of an unchanged app
 * rewrites no file and a diff in git shows only what changed. (Keys that look like array indexes
 * come first in numeric order, as JavaScript objects keep them; the order is still fixed.)
 *
 * @example
 * stableJson({ b: 1, a: [true] }); // '{\n  "a": [\n    true\n  ],\n  "b": 1\n}\n'
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + "\n";
}

/**
 * A compact form with sorted keys, for comparing two parsed values: equal strings mean equal
 * JSON, whatever the key order or layout of the files they came from.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "undefined";
}

/** A copy of `value` whose objects list their keys in sorted order (arrays keep theirs). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareKeys)) {
    const item = (value as Record<string, unknown>)[key];
    // JSON has no undefined: leave such keys out here, as JSON.stringify would.
    if (item !== undefined) out[key] = sortKeys(item);
  }
  return out;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
