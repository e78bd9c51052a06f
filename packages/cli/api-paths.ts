import { operations, type OperationInfo } from "appservices-admin/types";
import { UsageError } from "./exit-codes.js";

/** A request path matched to a known operation, with the values its template variables took. */
export interface MatchedPath {
  operation: OperationInfo;
  /** Template variable -> the segment given; `{name}` when the user left a placeholder. */
  values: Record<string, string>;
}

/**
 * The operation `method` + `path` names. The path may be a full URL or carry a query; its
 * segments match a template's literal segments exactly and its `{variables}` by any non-empty
 * segment (a literal `{groupId}` stays a placeholder for the caller to fill). When two templates
 * match, the one with more literal segments wins (`/assets/asset` over `/assets/{id}`). No match:
 * a usage error with the closest known path, or the methods the path does take.
 */
export function matchOperation(method: string, path: string): MatchedPath {
  const segments = splitPath(path);
  const candidates = operations
    .map((operation) => ({ operation, values: matchTemplate(operation.path, segments) }))
    .filter((c): c is MatchedPath => c.values !== undefined)
    .sort((a, b) => literalCount(b.operation.path) - literalCount(a.operation.path));
  const best = candidates.find((c) => c.operation.method === method);
  if (best) return best;
  if (candidates.length > 0) {
    const template = candidates[0]!.operation.path;
    const methods = [
      ...new Set(
        candidates.filter((c) => c.operation.path === template).map((c) => c.operation.method),
      ),
    ];
    throw new UsageError(
      `${method} is not an operation of ${template}; it takes ${methods.join(", ")}`,
    );
  }
  const suggestion = closestTemplate(method, segments);
  throw new UsageError(
    `no known operation ${method} /${segments.join("/")}` +
      (suggestion ? `; did you mean ${suggestion.method} ${suggestion.path}?` : "") +
      " (appservices-admin api --list shows them all)",
  );
}

/** The path's segments: the base URL and query removed, empty segments dropped. */
export function splitPath(path: string): string[] {
  const withoutQuery = path.split("?")[0]!;
  const afterBase = withoutQuery
    .replace(/^[a-z]+:\/\/[^/]+/i, "")
    .replace(/^.*\/api\/admin\/v3\.0/, "");
  return afterBase.split("/").filter((s) => s !== "");
}

function matchTemplate(
  template: string,
  segments: readonly string[],
): Record<string, string> | undefined {
  const parts = splitPath(template);
  if (parts.length !== segments.length) return undefined;
  const values: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const given = segments[i]!;
    const variable = /^\{(.+)\}$/.exec(part)?.[1];
    if (variable !== undefined) values[variable] = given;
    else if (part !== given) return undefined;
  }
  return values;
}

function literalCount(template: string): number {
  return splitPath(template).filter((p) => !p.startsWith("{")).length;
}

/**
 * The known operation nearest to what was typed: edit distance over the path with every segment
 * that looks like a value (an ObjectId, a client_app_id, a placeholder) read as a variable, the
 * same method preferred. Nothing when even the nearest is far (more than a third of its length).
 */
function closestTemplate(method: string, segments: readonly string[]): OperationInfo | undefined {
  const shape = (parts: readonly string[]) =>
    `/${parts.map((p) => (/^\{.+\}$|^[0-9a-f]{24}$|^[\w]+-[a-z]{5}$/i.test(p) ? "{}" : p)).join("/")}`;
  const typed = shape(segments);
  let best: { operation: OperationInfo; cost: number } | undefined;
  for (const operation of operations) {
    const cost =
      editDistance(typed, shape(splitPath(operation.path))) + (operation.method === method ? 0 : 1);
    if (!best || cost < best.cost) best = { operation, cost };
  }
  return best && best.cost <= Math.max(2, typed.length / 3) ? best.operation : undefined;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length]!;
}
