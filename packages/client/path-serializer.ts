import { defaultPathSerializer } from "openapi-fetch";

// Template -> literal pieces and parameter names, alternating; null when the template uses a
// style (label, matrix, explode) that only openapi-fetch's own serializer handles.
const compiled = new Map<string, { pieces: string[]; names: string[] } | null>();
const MAX_TEMPLATES = 2000;

function compile(template: string): { pieces: string[]; names: string[] } | null {
  const pieces: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{([^{}]+)\}/g)) {
    const name = match[1]!;
    if (/^[.;]|\*$/.test(name)) return null;
    pieces.push(template.slice(last, match.index));
    names.push(name);
    last = match.index + match[0].length;
  }
  pieces.push(template.slice(last));
  return { pieces, names };
}

/**
 * openapi-fetch's default path serialization (simple style: each value URI-encoded), with the
 * template parsed once instead of by a regular expression on every call. Anything unusual (a
 * label or matrix style, an array or object value, a missing value) goes to the default.
 */
export function cachedPathSerializer(template: string, params: Record<string, unknown>): string {
  let shape = compiled.get(template);
  if (shape === undefined) {
    shape = compile(template);
    if (compiled.size < MAX_TEMPLATES) compiled.set(template, shape);
  }
  if (shape === null) return defaultPathSerializer(template, params);
  let out = shape.pieces[0]!;
  for (let i = 0; i < shape.names.length; i++) {
    const value = params[shape.names[i]!];
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
      return defaultPathSerializer(template, params);
    }
    out += encodeURIComponent(value) + shape.pieces[i + 1]!;
  }
  return out;
}
