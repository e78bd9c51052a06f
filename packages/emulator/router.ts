import { HttpError, type Handler } from "./http.js";

/** Which token a route wants in its Authorization header. */
export type AuthKind = "access" | "refresh" | "none";

/** How the request pipeline treats a route before its handler runs. */
export interface RouteOptions {
  auth: AuthKind;
  /** Skip JSON parsing and body validation: the handler reads the raw bytes (a zip). */
  rawBody?: boolean;
  /** The body is multipart (form-data or mixed): the pipeline parses its parts into `ctx.parts`. */
  multipart?: boolean;
  /** Query parameters the real API reads as comma-separated lists; each item is validated. */
  commaLists?: readonly string[];
  /** Query parameters the real API reads by presence alone, whatever their value. */
  presenceOnly?: readonly string[];
  /** Query parameters the spec marks required that the real API lets clients leave out. */
  optionalQuery?: readonly string[];
}

/** A method and path template with its handler. */
export interface Route {
  method: string;
  template: string;
  operation: string;
  handler: Handler;
  options: RouteOptions;
}

/** The result of matching a request path. */
export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "not-found" };

interface Compiled {
  route: Route;
  segments: { literal: string | null; name: string | null }[];
}

/**
 * A route table where literal segments win over `{param}` segments at the first place two
 * templates differ (`/commands/build_info` beats `/commands/{commandName}`), and routes added
 * first win over later ones for the same template and method (hand-written before generic).
 */
export class Router {
  readonly #routes: Compiled[] = [];
  /** The routes by segment count, in insertion order: a path is only matched against its own. */
  readonly #byLength = new Map<number, Compiled[]>();
  readonly #keys = new Set<string>();

  /** Adds a route unless one with the same method and template is already there; says which. */
  add(route: Route): boolean {
    const key = `${route.method} ${route.template.replace(/\{[^}]+\}/g, "{}")}`;
    if (this.#keys.has(key)) return false;
    this.#keys.add(key);
    const segments = route.template
      .split("/")
      .slice(1)
      .map((s) => {
        const m = /^\{([^}]+)\}$/.exec(s);
        return m ? { literal: null, name: m[1]! } : { literal: s, name: null };
      });
    const compiled = { route, segments };
    this.#routes.push(compiled);
    const same = this.#byLength.get(segments.length);
    if (same) same.push(compiled);
    else this.#byLength.set(segments.length, [compiled]);
    return true;
  }

  /** Every route, in insertion order. */
  routes(): Route[] {
    return this.#routes.map((c) => c.route);
  }

  /** Matches a path below the API base; segments are percent-decoded into params. */
  match(method: string, path: string): RouteMatch {
    const parts = path.split("/").slice(1);
    let best: { compiled: Compiled; score: boolean[] } | undefined;
    const allowed = new Set<string>();
    for (const compiled of this.#byLength.get(parts.length) ?? []) {
      const score = matchSegments(compiled, parts);
      if (!score) continue;
      if (compiled.route.method !== method) {
        allowed.add(compiled.route.method);
        continue;
      }
      if (!best || outranks(score, best.score)) best = { compiled, score };
    }
    if (!best)
      return allowed.size
        ? { kind: "method-not-allowed", allowed: [...allowed] }
        : { kind: "not-found" };
    const params: Record<string, string> = {};
    best.compiled.segments.forEach((s, i) => {
      if (s.name) params[s.name] = decodeSegment(parts[i]!, s.name);
    });
    return { kind: "found", route: best.compiled.route, params };
  }
}

function matchSegments(compiled: Compiled, parts: string[]): boolean[] | undefined {
  if (compiled.segments.length !== parts.length) return undefined;
  const score: boolean[] = [];
  for (let i = 0; i < parts.length; i++) {
    const s = compiled.segments[i]!;
    if (s.literal !== null) {
      if (s.literal !== parts[i]) return undefined;
      score.push(true);
    } else {
      if (parts[i] === "") return undefined;
      score.push(false);
    }
  }
  return score;
}

function outranks(a: boolean[], b: boolean[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]!;
  return false;
}

function decodeSegment(segment: string, name: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(
      400,
      `invalid path parameter '${name}': malformed percent-encoding`,
      "InvalidParameter",
    );
  }
}
