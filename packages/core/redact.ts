import { redactCause } from "./redact-cause.js";

/** What a removed secret is replaced with. */
export const REDACTED = "[REDACTED]";

// Patterns catch secrets we were never told about (a token echoed by a proxy, a header dumped by a
// custom fetch); the known-value list catches secrets that match no pattern (API key pairs). The
// names a value is caught after are those of SECRET_KEYS, in either spelling (`private_key=`,
// `"apiKey":`), written out twice: a RegExp built from one list would stay in every bundle.
const PATTERNS: ReadonlyArray<readonly [RegExp, (match: string, ...groups: string[]) => string]> = [
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, (_m, scheme) => `${scheme} ${REDACTED}`],
  [/\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, () => REDACTED],
  [
    /("?(?:access_?token|refresh_?token|api_?key|private_?key|password|authorization)"?\s*[:=]\s*)((?:Bearer|Basic)\s+[^\s"',;&]+|"[^"]*"|'[^']*'|[^\s,;&}]+)/gi,
    (_m, prefix, value) => `${prefix}${value?.startsWith('"') ? `"${REDACTED}"` : REDACTED}`,
  ],
];

const SECRET_KEYS =
  /^(access_?token|refresh_?token|api_?key|private_?key|password|authorization)$/i;

// Short values would match ordinary words; real keys and tokens are far longer.
const MIN_SECRET_LENGTH = 6;
// Access tokens rotate every 30 minutes; remembering the last few covers errors still in flight.
// The session re-registers its current tokens on every change, so they are never the ones dropped.
const MAX_TOKENS = 16;
// Deeper values are replaced rather than walked: nothing real nests this far.
const MAX_DEPTH = 200;

/**
 * Removes secrets from text and values before they reach an error or a log line. One per client;
 * the session registers every key and token it handles. Secrets live in private fields so that
 * `util.inspect` of a redactor shows nothing.
 */
export class Redactor {
  // The API key pair: kept for the client's life.
  #pinned: string[] = [];
  // Tokens, least recently registered first.
  #tokens: string[] = [];

  /**
   * Remembers a secret value. `pinned` ones (the API key pair) are kept for good; the others (tokens)
   * are kept while they are among the most recently registered.
   */
  add(secret: string | undefined, options?: { pinned?: boolean }): void {
    if (!secret || secret.length < MIN_SECRET_LENGTH || this.#pinned.includes(secret)) return;
    const at = this.#tokens.indexOf(secret);
    if (at !== -1) this.#tokens.splice(at, 1);
    if (options?.pinned) {
      this.#pinned.push(secret);
      return;
    }
    this.#tokens.push(secret);
    if (this.#tokens.length > MAX_TOKENS) this.#tokens.shift();
  }

  /** The text with every known secret and every secret-looking token replaced. */
  text(value: string): string {
    let out = this.#known(value);
    for (const [pattern, replace] of PATTERNS) out = out.replace(pattern, replace);
    return out;
  }

  /** A deep copy of a parsed JSON value (or log fields) with every string and key redacted. */
  value(value: unknown): unknown {
    return this.#copy(value, 0, new Map());
  }

  /** The marker for the value of a key that names a secret (`access_token`, `apiKey`, ...). */
  secretField(key: string): string | undefined {
    return SECRET_KEYS.test(key) ? REDACTED : undefined;
  }

  /** True when the text contains something `text()` would remove. */
  leaks(value: string): boolean {
    return this.text(value) !== value;
  }

  /**
   * The cause itself when everything reachable from it (message, stack, own properties, nested
   * causes and `AggregateError` errors, to any depth) is plain data without a secret; otherwise a
   * copy with the secrets removed and anything opaque left out (a `Request` or `Headers` a custom
   * fetch attached, an object with its own `util.inspect` rendering), so that no rendering of our
   * error (message, stack, `util.inspect`, JSON) can show a secret through its `cause`.
   */
  cause(cause: unknown): unknown {
    return redactCause(cause, this, MAX_DEPTH);
  }

  #copy(value: unknown, depth: number, copies: Map<object, unknown>): unknown {
    if (typeof value === "string") return this.text(value);
    if (value === null || typeof value !== "object") return value;
    if (depth > MAX_DEPTH) return REDACTED;
    // Log fields are not JSON: a shared or circular object is copied once.
    if (copies.has(value)) return copies.get(value);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      copies.set(value, out);
      for (const item of value) out.push(this.#copy(item, depth + 1, copies));
      return out;
    }
    const out: Record<string, unknown> = {};
    copies.set(value, out);
    for (const [key, item] of Object.entries(value)) {
      out[this.text(key)] = this.secretField(key) ?? this.#copy(item, depth + 1, copies);
    }
    return out;
  }

  /** Every occurrence of a known secret replaced; overlapping occurrences become one marker. */
  #known(value: string): string {
    let spans: Array<[number, number]> | undefined;
    for (const list of [this.#pinned, this.#tokens]) {
      for (const secret of list) {
        for (let at = value.indexOf(secret); at !== -1; at = value.indexOf(secret, at + 1)) {
          (spans ??= []).push([at, at + secret.length]);
        }
      }
    }
    if (!spans) return value;
    spans.sort((a, b) => a[0] - b[0]);
    let out = "";
    let from = 0;
    let end = -1;
    for (const [start, stop] of spans) {
      if (start > end) {
        if (end !== -1) out += REDACTED;
        out += value.slice(from, start);
      }
      end = Math.max(end, stop);
      from = end;
    }
    return out + REDACTED + value.slice(from);
  }
}
