import { AdminPathParameterError } from "../core/errors.js";
import { below } from "./context.js";
import type { Redaction } from "../core/redact.js";

/** A template split once: literal pieces around the parameter names, alternating. */
interface Shape {
  pieces: string[];
  names: string[];
}

// null: a label, matrix or explode style (`{.name}`, `{;name}`, `{name*}`), which no template of
// this API uses; `fallback` (openapi-fetch's own serializer, for `raw`) handles those unchecked.
const shapes = new Map<string, Shape | null>();
const MAX_TEMPLATES = 2000;

function shapeOf(template: string): Shape | null {
  let shape = shapes.get(template);
  if (shape === undefined) {
    const parts = template.split(/\{([^{}]+)\}/);
    const names = parts.filter((_, i) => i % 2);
    shape = names.some((name) => /^[.;]|\*$/.test(name))
      ? null
      : { pieces: parts.filter((_, i) => i % 2 === 0), names };
    if (shapes.size < MAX_TEMPLATES) shapes.set(template, shape);
  }
  return shape;
}

/** Fills a path template (`/groups/{groupId}/apps`) with its parameters. */
export type PathSerializer = (template: string, params: Record<string, unknown>) => string;

/**
 * openapi-fetch's path serialization (each value URI-encoded) with the template parsed once, and
 * with every value checked first: a missing value, one that is not a string, number or boolean or
 * cannot be sent as text, or one that would change the path's shape (a
 * segment `""`, `"."` or `".."`, which the URL parser merges or resolves away, so that
 * `DELETE .../values/..` would delete `.../apps/A/`) throws `AdminPathParameterError` naming the
 * parameter, before any request exists. Every request of the client passes through here: namespace
 * calls, `call` and `raw`.
 */
export function createPathSerializer(
  baseUrl: string,
  redactor: Redaction,
  fallback?: PathSerializer,
): PathSerializer {
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const refuse = (template: string, parameter: string, problem: string, path: string) =>
    new AdminPathParameterError({
      parameter,
      problem: redactor.text(problem),
      template: template.startsWith(baseUrl) ? template.slice(baseUrl.length) : template,
      path: redactor.text(path),
    });

  return (template, params) => {
    const shape = shapeOf(template);
    if (!shape) {
      if (fallback) return fallback(template, params);
      throw refuse(
        template,
        template.match(/\{([.;][^{}]*|[^{}]*\*)\}/)![1]!,
        "has a label, matrix or explode style, which no operation of this API uses",
        template,
      );
    }
    const { pieces, names } = shape;
    let out = pieces[0]!;
    // The first parameter refused and why ("" for one that would change the path's shape).
    let at = 0;
    let problem: string | undefined;
    let suspect = false;
    for (let i = 0; i < names.length; i++) {
      let text = serialize(params[names[i]!]);
      if (typeof text !== "string") {
        if (problem === undefined) [at, problem] = [i, text.problem];
        // Filled in as openapi-fetch leaves a missing value, to show where the request would go.
        text = `{${names[i]}}`;
      }
      suspect ||= text === "" || text === "." || text === "..";
      out += text + pieces[i + 1]!;
    }
    if (suspect && problem === undefined) {
      // Encoded values hold no `/`: the filled URL's segments line up with the template's.
      const want = template.split("/");
      const got = out.split("/");
      const s = want.findIndex((piece, s) => piece.includes("{") && /^\.{0,2}$/.test(got[s]!));
      if (s !== -1) [at, problem] = [want.slice(0, s).join("/").split("{").length - 1, ""];
    }
    if (problem === undefined) return out;
    // What would have gone on the wire, resolved by the URL parser as fetch would.
    const path = below(new URL(out, baseUrl), basePath);
    const name = names[at]!;
    throw refuse(
      template,
      name,
      problem ||
        `is ${JSON.stringify(params[name])}, which would change the request's path (it would go to ${path})`,
      path,
    );
  };
}

/** A value's text in the path (URI-encoded), or why it has none. */
function serialize(value: unknown): string | { problem: string } {
  if (value === undefined || value === null) return { problem: "is missing" };
  const type = typeof value;
  if (type !== "string" && type !== "number" && type !== "boolean" && type !== "bigint") {
    return { problem: `is a${type === "object" ? "n" : ""} ${type}, not a string` };
  }
  try {
    return encodeURIComponent(value as string);
  } catch {
    // encodeURIComponent refuses a lone UTF-16 surrogate: no URL can carry it.
    return { problem: "is not well-formed Unicode (it holds a lone surrogate)" };
  }
}
