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

/** The base URL without trailing slashes; a `TypeError` naming the option when it is unusable. */
export function checkBaseUrl(value: unknown): string {
  let url: URL | undefined;
  try {
    url = new URL(value as string);
  } catch {
    // reported below
  }
  // A query or fragment would swallow the request paths appended to the base URL as text; a user
  // name or password is never echoed (the API key pair belongs in `credentials`).
  const userInfo = !!url && !!(url.username || url.password);
  if (
    typeof value !== "string" ||
    !/^https?:$/.test(url?.protocol ?? "") ||
    userInfo ||
    url!.search ||
    url!.hash
  ) {
    throw new TypeError(
      `baseUrl must be an absolute http(s) URL with no user name, password, query or fragment ` +
        `(API keys go in \`credentials\`), such as "${DEFAULT_BASE_URL}"; got ` +
        (userInfo ? "a URL with a user name or password" : show(value)),
    );
  }
  return value.replace(/\/+$/, "");
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
  call: { timeoutMs?: unknown; retries?: unknown } | undefined,
  client: { timeoutMs: number; retries: number },
): { timeoutMs: number; retries: number } {
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
