import { MAX_JSON_DEPTH, pointerSegment } from "./json-position.js";

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

// A copy of `value` whose objects list their keys in sorted order (arrays keep theirs); deeper
// than a config file may nest, a `RangeError` saying so (a push would refuse such a file).
// (Line comments: not part of the package's API, so not in its declarations.)
export function sortKeys(value: unknown, level = 1): unknown {
  if (value === null || typeof value !== "object") return value;
  if (level > MAX_JSON_DEPTH) throw new RangeError(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((item) => sortKeys(item, level + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareKeys)) {
    const item = (value as Record<string, unknown>)[key];
    // JSON has no undefined: leave such keys out here, as JSON.stringify would.
    if (item !== undefined) out[key] = sortKeys(item, level + 1);
  }
  return out;
}

// The pointer of a container past `MAX_JSON_DEPTH` levels in `value`, if any; iterative.
export function tooDeepPointer(value: unknown): string | undefined {
  interface Place {
    value: unknown;
    key: string;
    parent: Place | undefined;
    level: number;
  }
  const stack: Place[] = [{ value, key: "", parent: undefined, level: 1 }];
  for (let place = stack.pop(); place; place = stack.pop()) {
    if (place.value === null || typeof place.value !== "object") continue;
    if (place.level > MAX_JSON_DEPTH) {
      const segments: string[] = [];
      for (let at: Place | undefined = place; at?.parent; at = at.parent) {
        segments.push(pointerSegment(at.key));
      }
      return `/${segments.reverse().join("/")}`;
    }
    for (const [key, child] of Object.entries(place.value).reverse()) {
      stack.push({ value: child, key, parent: place, level: place.level + 1 });
    }
  }
  return undefined;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
