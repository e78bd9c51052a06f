import { AdminPathParameterError } from "../core/errors.js";
import { basePathOf, below } from "./context.js";
import type { Redaction } from "../core/redact.js";

/** Fills a path template (`/groups/{groupId}/apps`) with its parameters. */
export type PathSerializer = (template: string, params: Record<string, unknown>) => string;

/**
 * openapi-fetch's path serialization (each value URI-encoded, in one pass over the template, as
 * openapi-fetch's own), with every value checked: a missing value, one that is not a string, number or boolean or
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
  const basePath = basePathOf(baseUrl);
  const refuse = (template: string, parameter: string, problem: string, path: string) =>
    new AdminPathParameterError({
      parameter,
      problem: redactor.text(problem),
      template: template.startsWith(baseUrl) ? template.slice(baseUrl.length) : template,
      path: redactor.text(path),
    });

  return (template, params) => {
    const style = /\{([.;][^{}]*|[^{}]*\*)\}/.exec(template);
    if (style) {
      if (fallback) return fallback(template, params);
      throw refuse(
        template,
        style[1]!,
        "has a label, matrix or explode style (raw calls only)",
        template,
      );
    }
    // The first parameter refused and why ("" for one that would change the path's shape).
    let name: string | undefined;
    let problem: string | undefined;
    let suspect = false;
    const out = template.replace(/\{([^{}]+)\}/g, (whole, parameter: string) => {
      // The value's text in the path (URI-encoded), or why it has none.
      const value = params[parameter];
      const type = typeof value;
      let why: string | undefined;
      if (value === undefined || value === null) why = "is missing";
      else if (type !== "string" && type !== "number" && type !== "boolean" && type !== "bigint")
        why = `is a${type === "object" ? "n" : ""} ${type}, not a string`;
      else {
        try {
          const text = encodeURIComponent(value as string);
          suspect ||= text === "" || text === "." || text === "..";
          return text;
        } catch {
          // encodeURIComponent refuses a lone UTF-16 surrogate: no URL can carry it.
          why = "is not well-formed Unicode (it holds a lone surrogate)";
        }
      }
      if (problem === undefined) [name, problem] = [parameter, why];
      // Left as openapi-fetch leaves a missing value, to show where the request would go.
      return whole;
    });
    if (suspect && problem === undefined) {
      // Encoded values hold no `/`: the filled URL's segments line up with the template's.
      const got = out.split("/");
      const segment = template
        .split("/")
        .find((piece, s) => piece.includes("{") && /^\.{0,2}$/.test(got[s]!));
      if (segment) [name, problem] = [/\{([^{}]+)\}/.exec(segment)![1], ""];
    }
    if (problem === undefined) return out;
    // What would have gone on the wire, resolved by the URL parser as fetch would.
    const path = below(new URL(out, baseUrl), basePath);
    throw refuse(
      template,
      name!,
      problem ||
        `is ${JSON.stringify(params[name!])}, which would change the request's path (it would go to ${path})`,
      path,
    );
  };
}
