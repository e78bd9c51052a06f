import { isObject } from "./json.js";

/** Escapes one JSON pointer segment (RFC 6901). */
export function escapeSegment(segment: string | number): string {
  const text = String(segment);
  // Pointers are built for every node of every walk; most segments need no escaping.
  if (!text.includes("~") && !text.includes("/")) return text;
  return text.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Builds a `#/a/b` pointer from raw segments. */
export function toPointer(segments: readonly (string | number)[]): string {
  return "#" + segments.map((s) => "/" + escapeSegment(s)).join("");
}

/** Splits a `#/a/b` (or `/a/b`) pointer into raw segments. */
export function fromPointer(pointer: string): string[] {
  const body = pointer.startsWith("#") ? pointer.slice(1) : pointer;
  if (body === "") return [];
  return body
    .slice(1)
    .split("/")
    .map((s) => decodeSegment(s).replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * Undoes the fragment's percent-encoding. A malformed escape (`%zz`) is kept as written: the
 * pointer then names nothing, which callers report with the `$ref` that holds it.
 */
function decodeSegment(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Appends segments to a pointer. */
export function childPointer(pointer: string, ...segments: (string | number)[]): string {
  let out = pointer;
  for (const segment of segments) out += "/" + escapeSegment(segment);
  return out;
}

/** The value at a pointer, or undefined when any step is missing. */
export function getAt(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const segment of fromPointer(pointer)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** True when `ref` is a reference inside the same document (`#/...`). */
export function isLocalRef(ref: unknown): ref is string {
  return typeof ref === "string" && ref.startsWith("#");
}
