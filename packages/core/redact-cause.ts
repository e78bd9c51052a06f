import type { Redaction } from "./redact.js";

// Node's `util.inspect` hook, named through the global symbol registry so that this module needs
// no `node:util` (the SDK runs in browsers too). An object with its own rendering can show state
// that no walk of its properties sees.
const INSPECT = Symbol.for("nodejs.util.inspect.custom");
const HIDDEN = { enumerable: false, writable: true, configurable: true } as const;
// An error's own texts, copied first whether own properties or inherited.
const TEXTS: readonly PropertyKey[] = ["name", "message", "stack"];

// The App Services expansions (docs: "Expression Variables", and Values & Secrets): a field holding
// one names where its value comes from; any other `%%` text in a secret's place may be the secret.
// `%%secrets`, `%%values` and `%%environment` alone name no one value.
export const REFERENCE =
  /^%%(?:(?:secrets|values|environment)(?:\.[\w-]+)+|(?:user|request|args|root|prevRoot|this|prev|partition)(?:\.[\w-]+)*|true|false)$/;

/**
 * `root` itself when everything reachable from it (message, stack and every own property, to any
 * depth: nested causes, `AggregateError` errors, plain objects and arrays) is data without a
 * secret. Otherwise a copy with every string redacted, the values of secret-named keys replaced
 * (not a `%%` reference (`REFERENCE`), nor a field of a `secret_config`: both name a secret),
 * and left out whatever a walk cannot see through: functions, accessors, opaque objects (a
 * `Request`, `Headers`, `Map`...), objects with their own `util.inspect` rendering, and anything
 * deeper than 200 levels. Errors stay errors (an `AggregateError` stays one, with its `errors`),
 * keeping name, message, stack, `code`, `cause` and their other data properties.
 */
export function redactCause(root: unknown, redactor: Redaction): unknown {
  const copies = new Map<object, unknown>();
  let changed = false;
  // `names`: the object is a `secret_config`, whose fields hold the names of secrets, not values.
  const copy = (value: unknown, depth: number, names?: boolean): unknown => {
    // A symbol (a key, or a value) is its description.
    const symbol = typeof value === "symbol";
    if (symbol || typeof value === "string") {
      const before = symbol ? (value.description ?? "") : (value as string);
      const text = redactor.text(before);
      if (text === before) return value;
      changed = true;
      return symbol ? Symbol(text) : text;
    }
    if (value === null || (typeof value !== "object" && typeof value !== "function")) return value;
    // Every copy is an object: a value met again is its copy.
    const seen = copies.get(value);
    if (seen) return seen;
    const error = value instanceof Error;
    const array = Array.isArray(value);
    const proto: unknown = Object.getPrototypeOf(value);
    if (
      // Deeper values are left out rather than walked: nothing real nests this far.
      depth > 200 ||
      typeof value === "function" ||
      !(error || array || proto === Object.prototype || proto === null)
    ) {
      changed = true;
      return undefined;
    }
    // Its own rendering may show what no walk sees: the copy renders the default way.
    if (INSPECT in value) changed = true;
    const out: Record<PropertyKey, unknown> = error
      ? value instanceof AggregateError
        ? new AggregateError([])
        : new Error()
      : array
        ? []
        : Object.create(proto as object | null);
    copies.set(value, out);
    if (error) {
      for (const key of TEXTS) {
        let text = "";
        try {
          text = String((value as unknown as Record<PropertyKey, unknown>)[key] ?? "");
        } catch {
          changed = true;
        }
        Object.defineProperty(out, key, { ...HIDDEN, value: copy(text, depth) });
      }
    }
    for (const key of Reflect.ownKeys(value)) {
      // Set above, or (an array's length) kept by the copy itself.
      if (error ? TEXTS.includes(key) : array && key === "length") continue;
      const field = Object.getOwnPropertyDescriptor(value, key)!;
      const name = copy(key, depth) as PropertyKey;
      if (!("value" in field)) {
        changed = true;
        continue;
      }
      // A `%%secrets.name` reference names a secret too.
      const secret =
        typeof key === "string" &&
        !names &&
        !(typeof field.value === "string" && REFERENCE.test(field.value)) &&
        redactor.secretField(key);
      changed ||= !!secret;
      const item = secret || copy(field.value, depth + 1, key === "secret_config");
      if (item === undefined && field.value !== undefined) continue;
      Object.defineProperty(out, name, { ...HIDDEN, value: item, enumerable: field.enumerable });
    }
    return out;
  };
  const out = copy(root, 0);
  if (!changed) return root;
  // A thrown non-error that cannot be walked (a Request, a Map...) is described, not kept.
  return out === undefined ? redactor.text(Object.prototype.toString.call(root)) : out;
}
