import { defaultPathSerializer } from "openapi-fetch";
import { AdminPathParameterError } from "./errors.js";
import type { Redactor } from "./redact.js";

/** One `{name}` of a template: its name and, when not the plain simple style, the raw text. */
interface Hole {
  name: string;
  /** `{.name}`, `{;name}` or `{name*}`: serialized by openapi-fetch's own serializer. */
  styled: string | undefined;
}

/** A template split once: literal pieces and holes, alternating (`pieces.length = holes.length + 1`). */
interface Shape {
  pieces: string[];
  holes: Hole[];
}

const compiled = new Map<string, Shape>();
const MAX_TEMPLATES = 2000;

function compile(template: string): Shape {
  const pieces: string[] = [];
  const holes: Hole[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{([^{}]+)\}/g)) {
    const inner = match[1]!;
    const styled = /^[.;]|\*$/.test(inner) ? match[0] : undefined;
    holes.push({ name: inner.replace(/^[.;]/, "").replace(/\*$/, ""), styled });
    pieces.push(template.slice(last, match.index));
    last = match.index + match[0].length;
  }
  pieces.push(template.slice(last));
  return { pieces, holes };
}

/**
 * openapi-fetch's path serialization (each value URI-encoded; label, matrix and explode styles by
 * openapi-fetch itself) with the template parsed once, and with every value checked first: a
 * missing value, one that cannot be sent as text, or one that would change the path's shape (a
 * segment `""`, `"."` or `".."`, which the URL parser merges or resolves away, so that
 * `DELETE .../values/..` would delete `.../apps/A/`) throws `AdminPathParameterError` naming the
 * parameter, before any request exists. Every request of the client passes through here: namespace
 * calls, `call` and `raw`.
 */
export function createPathSerializer(
  baseUrl: string,
  redactor: Redactor,
): (template: string, params: Record<string, unknown>) => string {
  return (template, params) => {
    let shape = compiled.get(template);
    if (shape === undefined) {
      shape = compile(template);
      if (compiled.size < MAX_TEMPLATES) compiled.set(template, shape);
    }
    const { pieces, holes } = shape;
    let out = pieces[0]!;
    let suspect = false;
    for (let i = 0; i < holes.length; i++) {
      const text = serialize(holes[i]!, params[holes[i]!.name]);
      if (typeof text !== "string") {
        throw refuse(baseUrl, template, shape, params, i, text.problem, redactor);
      }
      // Only these can make a segment empty or a dot segment, or add a segment, query or fragment.
      if (text === "" || text === "." || text === ".." || /[/?#]/.test(text)) suspect = true;
      out += text + pieces[i + 1]!;
    }
    if (suspect) {
      const culprit = reshaped(shape, params);
      if (culprit !== undefined) {
        throw refuse(baseUrl, template, shape, params, culprit, "", redactor);
      }
    }
    return out;
  };
}

/** A value's text in the path, or why it has none. */
function serialize(hole: Hole, value: unknown): string | { problem: string } {
  if (value === undefined || value === null) return { problem: "is missing" };
  if (typeof value === "function" || typeof value === "symbol") {
    return { problem: `is a ${typeof value}, not a string` };
  }
  try {
    return hole.styled === undefined && typeof value !== "object"
      ? encodeURIComponent(value as string)
      : defaultPathSerializer(hole.styled ?? `{${hole.name}}`, { [hole.name]: value });
  } catch {
    // encodeURIComponent refuses a lone UTF-16 surrogate: no URL can carry it.
    return { problem: "is not well-formed Unicode (it holds a lone surrogate)" };
  }
}

/**
 * The index of the first hole that changes the path's shape: its text holds `/`, `?` or `#`, or
 * its segment (with whatever else fills it) is empty, `.` or `..`. Undefined when none does.
 */
function reshaped(shape: Shape, params: Record<string, unknown>): number | undefined {
  let segment = "";
  let first: number | undefined; // the first hole in the current segment
  const closes = () => first !== undefined && /^(?:|\.|\.\.)$/.test(segment);
  for (let i = 0; i <= shape.holes.length; i++) {
    const parts = shape.pieces[i]!.split("/");
    for (let p = 0; p < parts.length; p++) {
      if (p > 0) {
        if (closes()) return first;
        segment = "";
        first = undefined;
      }
      segment += parts[p];
    }
    if (i === shape.holes.length) break;
    const text = serialize(shape.holes[i]!, params[shape.holes[i]!.name]) as string;
    if (/[/?#]/.test(text)) return i;
    segment += text;
    first ??= i;
  }
  return closes() ? first : undefined;
}

function refuse(
  baseUrl: string,
  template: string,
  shape: Shape,
  params: Record<string, unknown>,
  index: number,
  problem: string,
  redactor: Redactor,
): AdminPathParameterError {
  // What would have gone on the wire: every hole filled as far as it can be (a missing one stays
  // `{name}`, as openapi-fetch left it), then resolved by the URL parser as fetch would.
  let filled = shape.pieces[0]!;
  shape.holes.forEach((hole, i) => {
    const text = serialize(hole, params[hole.name]);
    filled += (typeof text === "string" ? text : `{${hole.name}}`) + shape.pieces[i + 1]!;
  });
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  let path = new URL(filled, baseUrl).pathname;
  if (basePath && path.startsWith(basePath)) path = path.slice(basePath.length) || "/";
  const name = shape.holes[index]!.name;
  const value = params[name];
  const reason =
    problem ||
    `is ${typeof value === "string" ? JSON.stringify(value) : `a ${typeof value}`}, which would ` +
      `change the request's path (it would go to ${path})`;
  return new AdminPathParameterError({
    parameter: name,
    problem: redactor.text(reason),
    template: template.startsWith(baseUrl) ? template.slice(baseUrl.length) : template,
    path: redactor.text(path),
  });
}
