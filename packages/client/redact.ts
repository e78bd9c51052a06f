import { inspect } from "node:util";

/** What a removed secret is replaced with. */
export const REDACTED = "[REDACTED]";

// Patterns catch secrets we were never told about (a token echoed by a proxy, a header dumped by a
// custom fetch); the known-value list catches secrets that match no pattern (API key pairs).
const PATTERNS: ReadonlyArray<readonly [RegExp, (match: string, ...groups: string[]) => string]> = [
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, (_m, scheme) => `${scheme} ${REDACTED}`],
  [/\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, () => REDACTED],
  [
    /("?(?:access_token|refresh_token|accessToken|refreshToken|apiKey|privateKey|password|authorization)"?\s*[:=]\s*)((?:Bearer|Basic)\s+[^\s"',;&]+|"[^"]*"|'[^']*'|[^\s,;&}]+)/gi,
    (_m, prefix, value) => `${prefix}${value?.startsWith('"') ? `"${REDACTED}"` : REDACTED}`,
  ],
];

// Short values would match ordinary words; real keys and tokens are far longer.
const MIN_SECRET_LENGTH = 6;
// Access tokens rotate every 30 minutes; remembering the last few covers errors still in flight.
const MAX_SECRETS = 16;

/**
 * Removes secrets from text and values before they reach an error or a log line. One per client;
 * the session registers every key and token it handles. Secrets live in a private field so that
 * `util.inspect` of a redactor shows nothing.
 */
export class Redactor {
  #secrets: string[] = [];

  /** Remembers a secret value (an API key, an access or refresh token). */
  add(secret: string | undefined): void {
    if (!secret || secret.length < MIN_SECRET_LENGTH || this.#secrets.includes(secret)) return;
    this.#secrets.push(secret);
    if (this.#secrets.length > MAX_SECRETS) this.#secrets.splice(2, 1); // keep the API key pair
  }

  /** The text with every known secret and every secret-looking token replaced. */
  text(value: string): string {
    let out = value;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    for (const [pattern, replace] of PATTERNS) out = out.replace(pattern, replace);
    return out;
  }

  /** A deep copy of a parsed JSON value with every string redacted. */
  value(value: unknown, depth = 0): unknown {
    if (typeof value === "string") return this.text(value);
    if (value === null || typeof value !== "object" || depth > 20) return value;
    if (Array.isArray(value)) return value.map((item) => this.value(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEYS.test(key) ? REDACTED : this.value(item, depth + 1);
    }
    return out;
  }

  /** True when the text contains something `text()` would remove. */
  leaks(value: string): boolean {
    return this.text(value) !== value;
  }

  /**
   * The cause itself when nothing reachable from it (message, stack, properties, nested causes,
   * as `util.inspect` would show them) holds a secret; otherwise a plain Error copy with the
   * secrets removed, so a custom fetch that attaches its request or headers to its error cannot
   * leak the Authorization header through our error's `cause`.
   */
  cause(cause: unknown): unknown {
    if (cause === undefined || cause === null) return cause;
    const shown = inspect(cause, { depth: 6, showHidden: false, breakLength: Infinity });
    if (!this.leaks(shown)) return cause;
    if (!(cause instanceof Error)) return this.text(shown);
    const copy = new Error(this.text(cause.message));
    copy.name = cause.name;
    copy.stack = this.text(cause.stack ?? "");
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") Object.assign(copy, { code });
    if (cause.cause !== undefined) {
      Object.defineProperty(copy, "cause", {
        value: this.cause(cause.cause),
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }
}

const SECRET_KEYS =
  /^(access_?token|refresh_?token|api_?key|private_?key|password|authorization)$/i;
