/** The Admin API v3.0 base URL since 2024. */
export const DEFAULT_BASE_URL = "https://services.cloud.mongodb.com/api/admin/v3.0";
/** Per-attempt timeout when the client is given none. */
export const DEFAULT_TIMEOUT_MS = 60_000;

// setTimeout fires at once (after a warning) for any delay above this, so a longer timeout
// would time every request out instead of none.
const MAX_TIMER_MS = 2 ** 31 - 1;

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
  const userInfo = !!url && !!(url.username || url.password);
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
        `fragment (API keys go in \`credentials\`), such as "${DEFAULT_BASE_URL}"; got ` +
        (userInfo ? "a URL with a user name or password" : show(value)),
    );
  }
  const base = value.replace(/\/+$/, "");
  return url!.pathname.replace(/\/+$/, "") ? base : base + ADMIN_PATH;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === "object" && v !== null;
const isFunction = (v: unknown) => typeof v === "function";
const optional = (v: unknown, type: string) => v === undefined || typeof v === type;
const filled = (v: unknown) => typeof v === "string" && v !== "";

// Option name, what it must be, the test, and the fields that describe a wrong object.
const SHAPES: ReadonlyArray<[string, string, (v: Loose) => boolean, string[]?]> = [
  ["fetch", "a function", isFunction],
  ["onSessionChange", "a function", isFunction],
  ["random", "a function", isFunction],
  ["userAgent", "a string or a function", (v) => typeof v === "string" || isFunction(v)],
  [
    "credentials",
    "{ publicKey, privateKey }, two non-empty strings (an API key pair)",
    (v) => isObject(v) && filled(v["publicKey"]) && filled(v["privateKey"]),
    ["publicKey", "privateKey"],
  ],
  [
    "session",
    "{ accessToken?, refreshToken? }, strings",
    (v) =>
      isObject(v) && optional(v["accessToken"], "string") && optional(v["refreshToken"], "string"),
    ["accessToken", "refreshToken"],
  ],
  [
    "logger",
    "an object with optional debug and warn functions",
    (v) => isObject(v) && optional(v["debug"], "function") && optional(v["warn"], "function"),
    ["debug", "warn"],
  ],
  [
    "clock",
    "{ now, sleep } functions, with setTimer and clearTimer both or neither",
    (v) =>
      isObject(v) &&
      isFunction(v["now"]) &&
      isFunction(v["sleep"]) &&
      (v["setTimer"] === undefined) === (v["clearTimer"] === undefined) &&
      optional(v["setTimer"], "function") &&
      optional(v["clearTimer"], "function"),
    ["now", "sleep", "setTimer", "clearTimer"],
  ],
];

/**
 * Checks the options that must be functions or objects of a given shape, before anything is
 * sent: a `TypeError` naming the first wrong one. Values are never echoed (a wrong `credentials`
 * holds a key): a wrong object is described by the types of its fields.
 */
export function checkShapes(options: Loose): void {
  for (const [name, what, valid, keys] of SHAPES) {
    const value = options[name];
    if (value === undefined || valid(value as Loose)) continue;
    const got =
      keys && isObject(value)
        ? `{ ${keys.map((key) => `${key}: ${kind(value[key])}`).join(", ")} }`
        : kind(value);
    throw new TypeError(`${name} must be ${what}; got ${got}`);
  }
}

/** A per-call `signal`: undefined or an AbortSignal (any realm's: judged by its shape). */
export function checkSignal(value: unknown, name: string): AbortSignal | undefined {
  const signal = value as AbortSignal | undefined;
  if (
    signal !== undefined &&
    (typeof signal?.aborted !== "boolean" || typeof signal.addEventListener !== "function")
  ) {
    throw new TypeError(`${name} must be an AbortSignal; got ${kind(value)}`);
  }
  return signal;
}

// What a value is, without showing it.
function kind(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  const type = Array.isArray(value) ? "array" : typeof value;
  return `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
}

/**
 * A per-attempt timeout: `0` or `Infinity` (none) or a positive number of milliseconds that a
 * timer can hold; `fallback` when undefined.
 */
export function checkTimeoutMs(value: unknown, name: string, fallback: number): number {
  return checkNumber(
    value,
    name,
    fallback,
    (n) => n === Infinity || (n >= 0 && n <= MAX_TIMER_MS),
    `0 or Infinity (no timeout) or milliseconds up to ${MAX_TIMER_MS}`,
  );
}

/** A retry budget: `false` (none) or a whole number of retries; `fallback` when undefined. */
export function checkRetries(value: unknown, name: string, fallback: number): number {
  if (value === false) return 0;
  const valid = (n: number) => Number.isSafeInteger(n) && n >= 0;
  return checkNumber(value, name, fallback, valid, "false or a non-negative integer");
}

/** A call's `timeoutMs` and `retries`, checked; the client's where the call sets none. */
export function callLimits(
  call: { timeoutMs?: unknown; retries?: unknown; signal?: unknown } | undefined,
  client: { timeoutMs: number; retries: number },
): { timeoutMs: number; retries: number } {
  checkSignal(call?.signal, "call option signal");
  return {
    timeoutMs: checkTimeoutMs(call?.timeoutMs, "call option timeoutMs", client.timeoutMs),
    retries: checkRetries(call?.retries, "call option retries", client.retries),
  };
}

function checkNumber(
  value: unknown,
  name: string,
  fallback: number,
  valid: (n: number) => boolean,
  what: string,
): number {
  if (value === undefined) return fallback;
  if (typeof value === "number" && valid(value)) return value;
  const Type = typeof value === "number" ? RangeError : TypeError;
  throw new Type(`${name} must be ${what}; got ${show(value)}`);
}

function show(value: unknown): string {
  return typeof value === "string"
    ? JSON.stringify(value.slice(0, 200))
    : `${String(value)} (${typeof value})`;
}
