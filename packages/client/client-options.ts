import { DEFAULT_BASE_URL } from "../core/base-url.js";
// A longer timeout would time every request out instead of none.
import { MAX_TIMER_MS } from "../core/clock.js";

export { DEFAULT_BASE_URL };
/** Per-attempt timeout when the client is given none. */
export const DEFAULT_TIMEOUT_MS = 60_000;

// The checks below run before anything is sent: a typo in an option must fail where it was made,
// naming the option, rather than as a bare "Invalid URL" or by silently turning timeouts or
// retries off. Terse on purpose: this module is part of every consumer's bundle.

/** The Admin API's path below a host; the official CLI appends it to its host-only base URL. */
const ADMIN_PATH = "/api/admin/v3.0";

/**
 * The base URL without trailing slashes; a `TypeError` naming the option when it is unusable. A
 * host-only URL (`https://realm.mongodb.com`, the official CLI's `--realm-url` form) gets
 * `/api/admin/v3.0` appended, as the CLI does: nothing of the Admin API is served at a host's root.
 */
export function checkBaseUrl(value: unknown): string {
  let url: URL | undefined;
  try {
    url = new URL(value as string);
  } catch {
    // reported below
  }
  // A query or fragment would swallow the request paths appended to the base URL as text; a user
  // name or password is never echoed (the API key pair belongs in `credentials`). Whitespace the
  // URL parser would quietly trim or encode is a typo, not a path.
  const userInfo = !!(url?.username || url?.password);
  if (
    typeof value !== "string" ||
    !/^https?:$/.test(url?.protocol ?? "") ||
    userInfo ||
    url!.search ||
    url!.hash ||
    /\s/.test(value)
  ) {
    throw new TypeError(
      `baseUrl must be an absolute http(s) URL with no whitespace, user name, password, query or ` +
        `fragment; got ` +
        (userInfo ? "a URL with a user name or password" : show(value)),
    );
  }
  const base = value.replace(/\/+$/, "");
  return /[^/]/.test(url!.pathname) ? base : base + ADMIN_PATH;
}

/**
 * A header fetch would refuse (a name that is no token; a value with a line break, a NUL or a
 * character above U+00FF, or no text at all) as a `TypeError` saying where it came from. fetch
 * refuses the same, but on every request, as a failed connection, quoting the value (a key of the
 * caller's is not the redactor's to know); a line break never reaches the wire either way.
 */
export function checkHeader(where: string, name: string, value: unknown): void {
  if (
    typeof value !== "string" ||
    !/^[\w!#$%&'*+.^`|~-]+$/.test(name) ||
    /[\0\r\n]|[^\0-\xff]/.test(value)
  ) {
    throw new TypeError(
      `${where} ${JSON.stringify(name)} cannot be sent: a header needs a token for a name and text without line breaks, NUL or characters above U+00FF`,
    );
  }
}

type Loose = Record<string, unknown>;

// What the options that are not numbers must be: a type, or an object whose fields have the types
// given ("?": may be absent; a required string may not be empty).
const SHAPES: Readonly<Record<string, string | Readonly<Record<string, string>>>> = {
  fetch: "function",
  onSessionChange: "function",
  random: "function",
  credentials: { publicKey: "string", privateKey: "string" },
  session: { accessToken: "string?", refreshToken: "string?" },
  logger: { debug: "function?", warn: "function?" },
  clock: { now: "function", sleep: "function", setTimer: "function?", clearTimer: "function?" },
};

const fits = (value: unknown, type: string) =>
  type.endsWith("?")
    ? value === undefined || typeof value === type.slice(0, -1)
    : typeof value === type && value !== "";

/**
 * Checks the options that must be functions or objects of a given shape, before anything is
 * sent: a `TypeError` naming the first wrong one. Values are never echoed (a wrong `credentials`
 * holds a key): a wrong object is described by the types of its fields.
 */
export function checkShapes(options: Loose): void {
  for (const [name, shape] of Object.entries(SHAPES)) {
    const value = options[name];
    const object = typeof value === "object" && value !== null ? (value as Loose) : undefined;
    const fields = typeof shape === "string" ? undefined : Object.entries(shape);
    if (
      value === undefined ||
      (fields ? object && fields.every(([k, t]) => fits(object[k], t)) : typeof value === shape)
    ) {
      continue;
    }
    const list = (show: (key: string, type: string) => string) =>
      `{ ${fields!.map(([key, type]) => show(key, type)).join(", ")} }`;
    throw new TypeError(
      `${name} must be ${fields ? list((k, t) => `${k}: ${t}`) : `a ${shape}`}; got ` +
        (fields && object ? list((k) => `${k}: ${kind(object[k])}`) : kind(value)),
    );
  }
}

// What a value is, without showing it.
function kind(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  // An unset CI secret arrives as "": "a string" would read as if it were fine.
  if (value === "") return "an empty string";
  const type = Array.isArray(value) ? "array" : typeof value;
  return `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
}

/**
 * A per-attempt timeout (`0` or `Infinity`: none; else milliseconds a timer can hold) or a retry
 * budget (`false`: none; else a whole number of retries), checked: `fallback` when undefined, a
 * `RangeError` (a number out of range) or `TypeError` naming the option (a call's, with `call`) else.
 */
export function checkLimit(
  value: unknown,
  name: "timeoutMs" | "retries",
  fallback: number,
  call?: boolean,
): number {
  if (value === undefined) return fallback;
  const timeout = name === "timeoutMs";
  if (value === false && !timeout) return 0;
  const number = typeof value === "number";
  if (
    number &&
    (timeout
      ? value === Infinity || (value >= 0 && value <= MAX_TIMER_MS)
      : Number.isSafeInteger(value) && value >= 0)
  ) {
    return value;
  }
  throw new (number ? RangeError : TypeError)(
    `${call ? "call option " : ""}${name} must be ${timeout ? `0 or Infinity (no timeout) or milliseconds up to ${MAX_TIMER_MS}` : "false or a non-negative integer"}; got ${show(value)}`,
  );
}

/**
 * A call's `timeoutMs` and `retries`, checked; the client's where the call sets none. A call that
 * sets neither and no signal (`iterateLogs` passes all three undefined on every page) gets the
 * client's own object: nothing to check again. A `signal` must be an AbortSignal (any realm's:
 * judged by its shape).
 */
export function callLimits(
  call: { timeoutMs?: unknown; retries?: unknown; signal?: unknown } | undefined,
  client: { timeoutMs: number; retries: number },
): { timeoutMs: number; retries: number } {
  if (call?.timeoutMs === undefined && call?.retries === undefined && call?.signal === undefined)
    return client;
  const signal = call.signal as AbortSignal | undefined;
  if (
    signal !== undefined &&
    (typeof signal?.aborted !== "boolean" || typeof signal.addEventListener !== "function")
  ) {
    throw new TypeError(`call option signal must be an AbortSignal; got ${kind(signal)}`);
  }
  return {
    timeoutMs: checkLimit(call.timeoutMs, "timeoutMs", client.timeoutMs, true),
    retries: checkLimit(call.retries, "retries", client.retries, true),
  };
}

function show(value: unknown): string {
  return typeof value === "string"
    ? JSON.stringify(value.slice(0, 200))
    : `${String(value)} (${typeof value})`;
}
