import { REFERENCE, redactCause } from "./redact-cause.js";

/** What a removed secret is replaced with. */
export const REDACTED = "[REDACTED]";

// Patterns catch secrets we were never told about (a token echoed by a proxy, a header dumped by a
// custom fetch); the known-value list catches secrets that match no pattern (API key pairs). The
// names a value is caught after are those of a secret field (`secretField`), in either spelling
// (`private_key=`, `"apiKey":`).
// An unquoted `authorization` or `cookie` header loses the rest of its line: a credential can be
// quoted (`token "ghp_…"`) or spread over fields (Digest's `response=`, a second cookie). A value
// after `name: ` is taken whatever follows it: `password: must be …` loses a word of prose, as
// `password: letmein was refused` must not show. A `%%` reference (`%%secrets.name`, see
// `REFERENCE`) is a name, not a value, and stays; other text starting `%%` is a value. A URL
// loses its userinfo, a password or a token (not one the CLI masked already, `//***@`), up to its
// last `@` when it has a password: one written unencoded may hold a `/`. A query or form
// parameter whose name is percent-encoded (`pass%77ord=`) is decoded to be judged, as a server
// would read it. `pass` is a name in any word (`user_pass=`), `bypass=` too.
// A Secret's `value` is not caught: its `{name, value}` is a Value's too. Who sends one
// (`createSecret`, the CLI's `api`) registers it instead.
const NAMED =
  /((?:token|(?:api|private|secret|access)[-_]?key|pass(?:w(?:or)?d|phrase)?|pwd|secret|authorization|cookie|s(?:ess(?:ion)?[-_]?)?id)\\?"?\s*[:=]\s*)(\\?"(?:\\.|[^"\\])*"|'[^']*'|[^\s,;&}]+)/gi;
// A reference is judged inside its quotes, as JSON (or JSON within JSON) or YAML write it.
const named = (_m: string, prefix: string, value: string) =>
  REFERENCE.test(value.replace(/^(\\?["']?)([^]*)\1$/, "$2"))
    ? prefix + value
    : `${prefix}${value[0] === '"' ? `"${REDACTED}"` : REDACTED}`;
// A parameter whose name is percent-encoded, tried at each `%` of a text (sticky): a pattern
// starting at the name would be tried at every character, and even one starting at `%` scans
// the whole text, as much work as all the patterns above. The name's head is the text before.
// A name without `=` matches too: every `%` of its run would read it again (a text of `%41`s took
// seconds), so the next one tried is past it.
const ENCODED = /%[\da-f]{2}[\w.%-]*(?:=[^\s&#]*)?/iy;
const encoded = (match: string, at: number, text: string) => {
  const eq = match.indexOf("=") + 1;
  const pair =
    `${/[\w.%-]*$/.exec(text.slice(at > 99 ? at - 99 : 0, at))![0]}${match.slice(0, eq)}x`.replace(
      /%([\da-f]{2})/gi,
      (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)),
    );
  return pair.replace(NAMED, "") === pair ? match : match.slice(0, eq) + REDACTED;
};
const PATTERNS: ReadonlyArray<readonly [RegExp, (match: string, ...groups: string[]) => string]> = [
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, (_m, scheme) => `${scheme} ${REDACTED}`],
  [/\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, () => REDACTED],
  [/(\b(?:authorization|cookie)"?\s*[:=]\s*)[^\s"'][^\r\n]*/gi, (_m, prefix) => prefix + REDACTED],
  // A password's `/`s are looked through for at most 256 characters: unbounded, every `//` of a
  // text read on to the end of it (120 KB of `//a:` took 7 s).
  [/\/\/(?!\*)(?:[^\s/?#"]*:[^\s?#"]{0,256}|[^\s/?#]+)@/g, () => `//${REDACTED}@`],
  [NAMED, named],
];

// A key names a secret when, as `key=x`, the names above take all of it after one of these
// prefixes (`access_token`, `x-api-key`, `set-cookie`, `PHPSESSID`, `private_api_key`, and AWS's
// `aws_secret_access_key`, `aws_session_token`, `aws_secret_key`).
const KEY_PREFIX =
  /^((access|refresh)_?|x-|client_?|set-|(aws_?)?((secret|session)_?)?|php|private_?)$/i;

// How a secret reaches text besides as itself: quoted in JSON by JavaScript, or by the server's Go,
// which also writes `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes (and, before Go 1.22, `\b`
// and `\f` as `\u0008` and `\u000c`: a server or proxy built with an older Go still does); and
// any of these quoted once more, as a JSON text logged inside a JSON string.
const quoted = (text: string) => JSON.stringify(text).slice(1, -1);
const goQuoted = (text: string) =>
  quoted(text).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
// Escapes read in pairs, so that the `b` of an escaped backslash and a `b` is no `\b`.
const oldGoQuoted = (text: string) =>
  goQuoted(text).replace(/\\[\\bf]/g, (pair) =>
    pair === "\\b" ? "\\u0008" : pair === "\\f" ? "\\u000c" : pair,
  );
const QUOTERS = [quoted, goQuoted, oldGoQuoted];
// A value too short to look for inside other text, as a whole JSON string: quoted once (`"abc"`)
// and twice (`\"abc\"`), in each quoting.
const wholeStrings = (secret: string) => [
  ...new Set(
    QUOTERS.flatMap((quote) => {
      const once = quote(secret);
      return [`"${once}"`, ...QUOTERS.map((again) => `\\"${again(once)}\\"`)];
    }),
  ),
];
const spellings = (secret: string) =>
  new Set(
    [secret, ...QUOTERS.map((quote) => quote(secret))].flatMap((once, i) =>
      i ? [once, ...QUOTERS.map((quote) => quote(once))] : [once],
    ),
  );

// For each prefix of `secret`, the length of its longest proper prefix that is also its suffix
// (Knuth, Morris and Pratt's table).
const borders = (secret: string): Uint32Array => {
  const longest = new Uint32Array(secret.length);
  for (let i = 1, k = 0; i < secret.length; i++) {
    while (k && secret.charCodeAt(i) !== secret.charCodeAt(k)) k = longest[k - 1]!;
    if (secret.charCodeAt(i) === secret.charCodeAt(k)) k++;
    longest[i] = k;
  }
  return longest;
};

// Adds to `runs` the start and end of each run of overlapping or touching occurrences of `secret`
// in `text`, in order.
// `indexOf` compares a secret that repeats a short period (`abab…`) again at nearly every position
// of a text that nearly repeats it too: a 64 KB one in 1 MB took 8 s, a 4 KB one 0.6 s. Such a
// secret in a text where that could cost more than a few milliseconds is looked for with Knuth,
// Morris and Pratt's search instead, which reads each character once or twice. Other secrets are
// found by `indexOf`, which is faster there, and then the occurrence one period on is read from
// the period's characters alone: found by `indexOf`, each read the whole secret again, its length
// for every period (a 4 KB secret in 1 MB of `ab`s took 2.6 s). An occurrence overlapping the last
// found one that is not a period's multiple on starts more than half the secret on (Fine and
// Wilf's theorem): the search goes on from there.
const occurrences = (text: string, secret: string, runs: number[]) => {
  const { length } = secret;
  if (text.length < length) return;
  let longest: Uint32Array | undefined;
  let period = 0;
  if (text.length * length > 1 << 24) {
    longest = borders(secret);
    period = length - longest[length - 1]!;
  }
  if (period && period * 2 <= length) {
    for (let i = 0, k = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      while (k && code !== secret.charCodeAt(k)) k = longest![k - 1]!;
      if (code === secret.charCodeAt(k)) k++;
      if (k < length) continue;
      if (runs.length && runs[runs.length - 1]! > i - length) runs[runs.length - 1] = i + 1;
      else runs.push(i + 1 - length, i + 1);
      k = longest![k - 1]!;
    }
    return;
  }
  let at = text.indexOf(secret);
  if (at < 0) return;
  period ||= length - borders(secret)[length - 1]!;
  const tail = secret.slice(length - period);
  while (at >= 0) {
    let end = at + length;
    while (text.startsWith(tail, end)) end += period;
    runs.push(at, end);
    at = text.indexOf(secret, end - length + Math.max(period, length - period) + 1);
  }
};

// `form` made the most recent of `list`, which keeps the last `max`.
const recent = (list: string[], form: string, max: number) => {
  const at = list.indexOf(form);
  if (at >= 0) list.splice(at, 1);
  if (list.push(form) > max) list.shift();
};

/** What removes secrets from text and values before they reach an error or a log line. */
export interface Redaction {
  /**
   * Remembers a secret value. `pinned` ones (the API key pair) are kept for good; the others (tokens)
   * are kept while they are among the most recently registered. A value under 6 characters is
   * known only when pinned, and then only as a whole JSON string or a whole text.
   */
  add(secret: string | undefined, options?: { pinned?: boolean }): void;
  /** The text with every known secret and every secret-looking token replaced. */
  text(value: string): string;
  /**
   * A parsed JSON value (or log fields) with every string and key redacted: the value itself when
   * it holds no secret, else a copy (as `cause` makes one).
   */
  value(value: unknown): unknown;
  /** The marker for the value of a key that names a secret (`access_token`, `apiKey`, ...). */
  secretField(key: string): string | undefined;
  /**
   * The cause itself when everything reachable from it (message, stack, own properties, nested
   * causes and `AggregateError` errors, to any depth) is plain data without a secret; otherwise a
   * copy with the secrets removed and anything opaque left out (a `Request` or `Headers` a custom
   * fetch attached, an object with its own `util.inspect` rendering), so that no rendering of our
   * error (message, stack, `util.inspect`, JSON) can show a secret through its `cause`.
   */
  cause(cause: unknown): unknown;
}

/** The client's redactor: a `Redaction` that also knows the secret values the client sends. */
export interface ClientRedaction extends Redaction {
  /**
   * Knows a secret value the client sends while the call that sends it runs, until the returned
   * function is called, then while it is among the 64 most recently sent (a value that JSON
   * escapes takes a place for each of its spellings). A value under 6 characters is known only
   * as a whole JSON string or a whole text, never inside other text.
   */
  hold(secret: string): () => void;
}

/**
 * A redactor (see `Redaction`); one per client, the session registers every key and token it
 * handles. The secrets live in the closure, so that `util.inspect` of a redactor shows nothing.
 * The client uses this directly, a closure rather than the `Redactor` class: a class's
 * `this.#field` reads are most of its bytes in every consumer's bundle.
 */
export function createRedactor(): ClientRedaction {
  // The API key pair: kept for the client's life.
  const pinned: string[] = [];
  // Tokens, least recently registered first.
  const tokens: string[] = [];
  // Secret values the client sends: while their calls run (once per call, so a value two calls
  // send stays until both end), then among the most recently sent.
  const held: string[] = [];
  const sent: string[] = [];
  // The same for values too short to look for anywhere (see `hold`), as whole JSON strings, and
  // the pinned ones (see `add`).
  const heldShort: string[] = [];
  const sentShort: string[] = [];
  const pinnedShort: string[] = [];

  // Every occurrence of a known secret replaced: each character of one is marked, and each run of
  // marked characters (overlapping or touching occurrences) becomes one marker. A character is
  // marked once per secret: overlapping occurrences (`aaaa` in a run of `a`s) would mark a run
  // again for each, the secret's length times the text's. A short sent value is marked only as a
  // whole JSON string (its quotes kept).
  const known = (value: string): string => {
    if (
      value.length < 6 &&
      [pinnedShort, heldShort, sentShort].some((list) => list.includes(JSON.stringify(value)))
    )
      return REDACTED;
    let marked: Uint8Array | undefined;
    const mark = (from: number, to: number) => {
      marked ??= new Uint8Array(value.length);
      for (let i = from; i < to;) marked[i++] = 1;
    };
    const runs: number[] = [];
    for (const list of [pinned, tokens, held, sent, pinnedShort, heldShort, sentShort]) {
      const short = list === pinnedShort || list === heldShort || list === sentShort;
      for (const form of list) {
        // Inside a short form's quotes: `\"` when quoted twice.
        const inset = short ? (form[0] === "\\" ? 2 : 1) : 0;
        occurrences(value, form, runs);
        for (let r = 0; r < runs.length; r += 2) mark(runs[r]! + inset, runs[r + 1]! - inset);
        if (runs.length) runs.length = 0;
      }
    }
    return marked
      ? value.replace(/[^]/g, (char, i: number) =>
          marked![i] ? (marked![i - 1] ? "" : REDACTED) : char,
        )
      : value;
  };

  // The cause's walk, for values too: they are plain data, which it copies where they hold a secret.
  const walk = (value: unknown) => redactCause(value, redactor);
  const redactor: ClientRedaction = {
    add(secret, options) {
      if (!secret) return;
      // Short values would match ordinary words; real keys and tokens are far longer. A pinned
      // one is a value a program sends (the CLI's secret values and passwords, from its command
      // line or stdin): known as a whole JSON string or text, as `hold` knows a short sent value.
      if (secret.length < 6) {
        if (options?.pinned) {
          for (const form of wholeStrings(secret)) {
            if (!pinnedShort.includes(form)) pinnedShort.push(form);
          }
        }
        return;
      }
      for (const form of spellings(secret)) {
        if (pinned.includes(form)) continue;
        if (options?.pinned) pinned.push(form);
        // Access tokens rotate every 30 minutes; the last 16 cover errors still in flight. The
        // session re-registers its current tokens on every change: never the ones dropped.
        else recent(tokens, form, 16);
      }
    },
    hold(secret) {
      // A value under 6 characters would be found inside ordinary words and ids (`abc` in every
      // `abcdef`), and each such find would hide them: it is looked for only where a JSON text
      // holds it as a whole string, quoted once or twice (an echoed request body's `"value":"abc"`,
      // a logged one), and as a whole text (a parsed body's string). An API answer may hold the
      // same whole string by chance (`"name":"abc"`); hiding that is the lesser harm.
      const short = secret.length < 6;
      const [holding, kept] = short ? [heldShort, sentShort] : [held, sent];
      const forms = !secret ? [] : short ? wholeStrings(secret) : [...spellings(secret)];
      holding.push(...forms);
      return () => {
        for (const form of forms) {
          holding.splice(holding.indexOf(form), 1);
          // Each known value is one more scan of every text redacted, 0.1 µs for an error's 300
          // characters: kept for good, 1,000 sent values made each redaction 120 µs instead of 2
          // (10,000: 1.9 ms), on every error and log line. An echo comes from the call that sent
          // the value, whose error is redacted while it is held; the last 64 (at most 9 µs) cover
          // one read back later, as a log line. A short value has at least two forms (quoted once
          // and twice): 128 of them are as many values.
          recent(kept, form, short ? 128 : 64);
        }
      };
    },
    text(value) {
      let out = known(value);
      for (const [pattern, replace] of PATTERNS) out = out.replace(pattern, replace);
      // The text is read as it was and the result built in pieces: rewriting it at each removal
      // made V8 flatten it for the next search, the text's length for every encoded name.
      let done = "";
      let from = 0;
      for (let at = out.indexOf("%"), next; at >= 0; at = out.indexOf("%", next)) {
        ENCODED.lastIndex = at;
        const found = ENCODED.exec(out)?.[0];
        const eq = found?.indexOf("=") ?? 0;
        next = at + (eq < 0 ? found!.length : eq || 1);
        const kept = eq > 0 ? encoded(found!, at, out) : found;
        if (kept !== found) {
          done += out.slice(from, at) + kept;
          next = from = at + found!.length;
        }
      }
      return done + out.slice(from);
    },
    value: walk,
    secretField: (key) => (KEY_PREFIX.test(`${key}=x`.replace(NAMED, "")) ? REDACTED : undefined),
    cause: walk,
  };
  return redactor;
}

/**
 * Removes secrets from text and values before they reach an error or a log line (see
 * `Redaction`), for code of one's own; the clients make theirs with `createRedactor`.
 */
export class Redactor implements Redaction {
  readonly #redactor = createRedactor();

  /** Remembers a secret value: `pinned` ones for good, tokens while among the most recent. */
  add(secret: string | undefined, options?: { pinned?: boolean }): void {
    this.#redactor.add(secret, options);
  }

  /** The text with every known secret and every secret-looking token replaced. */
  text(value: string): string {
    return this.#redactor.text(value);
  }

  /** A parsed JSON value (or log fields) with every string and key redacted: itself when it holds no secret, else a copy. */
  value(value: unknown): unknown {
    return this.#redactor.value(value);
  }

  /** The marker for the value of a key that names a secret (`access_token`, `apiKey`, ...). */
  secretField(key: string): string | undefined {
    return this.#redactor.secretField(key);
  }

  /** True when the text contains something `text()` would remove. */
  leaks(value: string): boolean {
    return this.text(value) !== value;
  }

  /** The cause itself when it holds no secret; otherwise a redacted copy (see `Redaction`). */
  cause(cause: unknown): unknown {
    return this.#redactor.cause(cause);
  }
}
