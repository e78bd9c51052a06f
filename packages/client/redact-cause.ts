import type { Redactor } from "./redact.js";

// Node's `util.inspect` hook, named through the global symbol registry so that this module needs
// no `node:util` (the SDK runs in browsers too). An object with its own rendering can show state
// no walk of its properties sees.
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** Data a walk can see through: primitives, arrays, plain objects and errors. */
function kindOf(value: object): "error" | "array" | "plain" | "opaque" {
  if (value instanceof Error) return "error";
  if (Array.isArray(value)) return "array";
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? "plain" : "opaque";
}

/** An error's message and stack as strings, whatever their getters do. */
function textsOf(error: Error): [message: string, stack: string] {
  try {
    return [String(error.message), String(error.stack ?? "")];
  } catch {
    return ["", ""];
  }
}

/**
 * True when `root` and everything reachable from it (message, stack and every own property, to
 * any depth: nested causes, `AggregateError` errors, plain objects and arrays) is data the
 * redactor has nothing to remove from, with no accessor, function, custom `util.inspect`
 * rendering or opaque object (a `Request`, `Headers`, `Map`...) on the way.
 */
export function isPlainCause(root: unknown, redactor: Redactor, maxDepth: number): boolean {
  const seen = new Set<object>();
  const plain = (value: unknown, depth: number): boolean => {
    if (typeof value === "string") return !redactor.leaks(value);
    if (typeof value === "symbol") return !redactor.leaks(value.description ?? "");
    if (typeof value === "function") return false;
    if (value === null || typeof value !== "object" || seen.has(value)) return true;
    const kind = kindOf(value);
    if (depth > maxDepth || kind === "opaque" || INSPECT in value) return false;
    seen.add(value);
    if (kind === "error" && !textsOf(value as Error).every((text) => plain(text, depth))) {
      return false;
    }
    for (const key of Reflect.ownKeys(value)) {
      if (!plain(key, depth)) return false;
      const field = Object.getOwnPropertyDescriptor(value, key)!;
      if ("value" in field ? !plain(field.value, depth + 1) : kind !== "error") return false;
    }
    return true;
  };
  return plain(root, 0);
}

/**
 * A copy of `root` with every string redacted, the values of secret-named keys replaced, and
 * anything a walk cannot see through left out (functions, accessors, opaque objects, whatever lies
 * deeper than `maxDepth`). Errors stay errors (an `AggregateError` stays one, with its `errors`),
 * keeping name, message, stack, `code`, `cause` and their other data properties.
 */
export function copyCause(root: unknown, redactor: Redactor, maxDepth: number): unknown {
  const copies = new Map<object, unknown>();
  const copy = (value: unknown, depth: number): unknown => {
    if (typeof value === "string") return redactor.text(value);
    if (typeof value === "symbol") return redactor.text(String(value));
    if (typeof value === "function") return undefined;
    if (value === null || typeof value !== "object") return value;
    if (copies.has(value)) return copies.get(value);
    const kind = kindOf(value);
    if (depth > maxDepth || kind === "opaque") return undefined;
    if (kind === "array") {
      const out: unknown[] = [];
      copies.set(value, out);
      for (const item of value as unknown[]) out.push(copy(item, depth + 1));
      return out;
    }
    let out: object;
    if (kind === "error") {
      const [message, stack] = textsOf(value as Error);
      out = value instanceof AggregateError ? new AggregateError([]) : new Error();
      Object.defineProperty(out, "message", { value: redactor.text(message), ...HIDDEN });
      Object.defineProperty(out, "stack", { value: redactor.text(stack), ...HIDDEN });
    } else {
      out = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
    }
    copies.set(value, out);
    for (const key of Reflect.ownKeys(value)) {
      if (kind === "error" && (key === "message" || key === "stack")) continue;
      const field = Object.getOwnPropertyDescriptor(value, key)!;
      if (!("value" in field)) continue;
      const name = typeof key === "string" ? redactor.text(key) : key;
      const kept =
        (typeof key === "string" && redactor.secretField(key)) || copy(field.value, depth + 1);
      if (kept === undefined && field.value !== undefined) continue;
      Object.defineProperty(out, name, { ...HIDDEN, value: kept, enumerable: field.enumerable });
    }
    return out;
  };
  const out = copy(root, 0);
  // A thrown non-error that cannot be walked (a Request, a Map...) is described, not kept.
  return out === undefined ? redactor.text(Object.prototype.toString.call(root)) : out;
}

const HIDDEN = { enumerable: false, writable: true, configurable: true } as const;
