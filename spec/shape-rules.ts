/**
 * The primitive checks of validate-shape.ts: a value must be of a kind (mapping, list, string, …),
 * and the first one that is not stops the check with its JSON pointer.
 */
import { isObject } from "./json.js";
import { childPointer } from "./pointer.js";

/** Where the document first departs from the OpenAPI structure, and how. */
export interface ShapeProblem {
  pointer: string;
  message: string;
}

/** What a value must be. */
export type Kind = "mapping" | "list" | "string" | "mapping or boolean" | "mapping or string";

/** Thrown inside a check to stop at the first problem. */
export class Found extends Error {
  constructor(readonly problem: ShapeProblem) {
    super(problem.message);
  }
}

/** Calls `check` on every value of a mapping, each of which must itself be a mapping. */
export function entries(
  map: unknown,
  at: string,
  check: (value: object, at: string) => void,
): void {
  if (!isObject(map)) return;
  for (const [key, value] of Object.entries(map)) {
    need(value, "mapping", childPointer(at, key));
    check(value as object, childPointer(at, key));
  }
}

/** An optional list whose items are of `kind` (and pass `check`). */
export function listOf(
  value: unknown,
  kind: Kind,
  at: string,
  check?: (value: object, at: string) => void,
): void {
  optional(value, "list", at);
  (value as unknown[] | undefined)?.forEach((item, index) => {
    need(item, kind, childPointer(at, index));
    check?.(item as object, childPointer(at, index));
  });
}

/** Like {@link need}, for a value that may be absent. */
export function optional(value: unknown, kind: Kind, at: string): void {
  if (value !== undefined) need(value, kind, at);
}

/** Stops the check at `at` unless `value` is of `kind`. */
export function need(value: unknown, kind: Kind, at: string): void {
  const ok =
    kind === "list"
      ? Array.isArray(value)
      : kind === "string"
        ? typeof value === "string"
        : isObject(value) ||
          (kind === "mapping or boolean" && typeof value === "boolean") ||
          (kind === "mapping or string" && typeof value === "string");
  if (!ok) fail(at, `must be a ${kind}, not ${describe(value)}`);
}

/** Stops the check with a problem at `pointer`. */
export function fail(pointer: string, message: string): never {
  throw new Found({ pointer, message });
}

/** A short description of a value of the wrong kind, for the message. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (isObject(value)) return "a mapping";
  const text = JSON.stringify(value) ?? String(value);
  return `a ${typeof value} (${text.length > 40 ? `${text.slice(0, 37)}...` : text})`;
}
