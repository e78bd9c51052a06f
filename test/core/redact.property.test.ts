// The redactor's name-then-value pattern, with no secret registered: every value written after a
// secret's name, in every form a secret reaches text in (`name=value`, `"name":"value"`, a URL
// query, `name: value` ending its line or field, a header line), is removed, whole, for every
// shape a real secret has (tokens, JWTs, UUID private keys, 8-letter public keys, passwords, weak
// lower-case ones too), whatever follows it: the prose of an error message (`password: must be
// ...`) loses its first word rather than let `password: letmein was refused` through. fast-check
// with a fixed seed and a bounded number of runs.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { REDACTED, Redactor } from "../../packages/core/redact.js";

const SEED = 0x5eed_0707;
const RUNS = 1000;

const base64url = (min: number, max: number) =>
  fc.noBias(fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`)));
/** Secrets as they come: session tokens, JWTs, the key pair, passwords people choose. */
const secret = fc.oneof(
  fc.noBias(fc.stringMatching(/^[A-Za-z0-9]{24,40}$/)),
  fc
    .tuple(base64url(10, 30), base64url(20, 43))
    .map(([payload, signature]) => `eyJhbGciOiJIUzI1NiJ9.eyJ${payload}.${signature}`),
  fc.noBias(fc.uuid()),
  fc.noBias(fc.stringMatching(/^[a-z]{8}$/)),
  fc.noBias(fc.stringMatching(/^[!-~]{8,24}$/)).filter((s) => !/["'\\,;&}]/.test(s)),
  // Not a word of the surrounding text below, which would show as such.
  fc.noBias(fc.stringMatching(/^[a-z]{4,7}$/)).filter((s) => !/^(error|next|wrong|sent)$/.test(s)),
);
/** The names a secret is written after, in the spellings APIs and logs use. */
const name = fc.constantFrom(
  "password",
  "Password",
  "token",
  "access_token",
  "refreshToken",
  "api_key",
  "apiKey",
  "private_key",
  "private_api_key",
  "privateKey",
  // HTTP headers are hyphenated; OAuth and auth providers' config name a client secret.
  "x-api-key",
  "X-Api-Key",
  "api-key",
  "client_secret",
  "clientSecret",
  "secret",
  "passwd",
  "pwd",
  // AWS's pair, as its config files and App Services' AWS service name it.
  "aws_secret_access_key",
  "secretAccessKey",
  "secret_key",
  // A session's id is its credential: as a cookie, a query parameter, a field.
  "sessionId",
  "session_id",
  "sid",
  "PHPSESSID",
  "connect.sid",
);
/** Where the pair sits: the text a value can be followed by. */
const after = fc.constantFrom(
  "",
  "\n",
  " \n",
  ", next",
  "; next",
  "&x=1",
  "}",
  " is wrong",
  " was sent",
);
const form = fc.constantFrom(
  (n: string, s: string) => `${n}=${s}`,
  (n: string, s: string) => `?${n}=${s}`,
  (n: string, s: string) => `{"${n}":"${s}"}`,
  (n: string, s: string) => `"${n}": "${s}"`,
  (n: string, s: string) => `${n}: '${s}'`,
  (n: string, s: string) => `${n}: ${s}`,
  (n: string, s: string) => `${n} = ${s}`,
  // A JSON body logged inside a JSON string: its quotes escaped.
  (n: string, s: string) => JSON.stringify({ body: JSON.stringify({ [n]: s, x: 1 }) }),
);

/** Fails when any 8-character piece of `secret` (or a shorter secret, whole) is in `text`. */
function leaked(text: string, value: string): string | undefined {
  if (value.length < 8) return new RegExp(`\\b${value}\\b`).test(text) ? value : undefined;
  for (let i = 0; i + 8 <= value.length; i++) {
    if (text.includes(value.slice(i, i + 8))) return value.slice(i, i + 8);
  }
  return undefined;
}

describe("the name-then-value pattern", () => {
  test("no value written after a secret's name shows, whatever its shape and surroundings", () => {
    fc.assert(
      fc.property(name, secret, form, after, (n, s, write, tail) => {
        const text = `error: ${write(n, s)}${tail}`;
        const out = new Redactor().text(text);
        expect(leaked(out, s), `${text} -> ${out}`).toBeUndefined();
        expect(out).toContain(REDACTED);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test.each([
    // Prose after the name loses its first word: a weak password followed by words must not show.
    ["password: must be at least 6 characters", `password: ${REDACTED} be at least 6 characters`],
    ["password: letmein was refused", `password: ${REDACTED} was refused`],
    // A value ends its line or its field: one word alone is a value, even a lower-case one.
    ["password: hunter", `password: ${REDACTED}`],
    ["password: hunter\nnext line", `password: ${REDACTED}\nnext line`],
    ["password: Hunter2 is wrong", `password: ${REDACTED} is wrong`],
    ["api_key: abcdefgh is unknown", `api_key: ${REDACTED} is unknown`],
    ["password=hunter is wrong", `password=${REDACTED} is wrong`],
    ['"password": "must be" x', `"password": "${REDACTED}" x`],
    ['{"password":"p4ss word"}', `{"password":"${REDACTED}"}`],
    // A quote inside a JSON string is escaped: the value ends at the unescaped one.
    ['{"password":"p4\\"ss word","x":1}', `{"password":"${REDACTED}","x":1}`],
    ["GET /x?token=abc123def&page=2", `GET /x?token=${REDACTED}&page=2`],
    ["private_api_key=5f1a0000-0000-4000-8000-000000000000", `private_api_key=${REDACTED}`],
    // A header of any scheme: the credential after the scheme's word goes too.
    ["authorization: token ghp_abc123def456", `authorization: ${REDACTED}`],
    ["Authorization: Digest username=x", `Authorization: ${REDACTED}`],
    ["Authorization: Bearer abc123def456", `Authorization: ${REDACTED}`],
    // A scheme after another name than authorization: each word is marked on its own.
    ["token: Bearer abc123def456 was sent", `token: ${REDACTED} ${REDACTED} was sent`],
    // The rest of the header goes: Digest's later fields, a quoted credential.
    ['authorization: token "ghp_abc123def456"', `authorization: ${REDACTED}`],
    [
      'Authorization: Digest username="x", response="6629fae4", nonce="dcd98b71"',
      `Authorization: ${REDACTED}`,
    ],
    ["Authorization: Digest username=x\nnext line", `Authorization: ${REDACTED}\nnext line`],
    ["Cookie: _ga=1; sid=abc123def456\nnext line", `Cookie: ${REDACTED}\nnext line`],
    // A header's name is hyphenated; a form body's fields are joined by `&`.
    ["x-api-key: abc123def456", `x-api-key: ${REDACTED}`],
    [
      "client_id=app1&client_secret=abc123def456&grant_type=client_credentials",
      `client_id=app1&client_secret=${REDACTED}&grant_type=client_credentials`,
    ],
    // A URL keeps its host, without its userinfo.
    ["GET https://user:p4ss@example.com/x failed", `GET https://${REDACTED}@example.com/x failed`],
    // Prose that only looks like a name or a URL stays.
    ["see https://example.com/a?to=me@example.com", "see https://example.com/a?to=me@example.com"],
    [
      "mail admin@example.com, secrets: 2, secret_name: s1",
      "mail admin@example.com, secrets: 2, secret_name: s1",
    ],
  ])("%s", (given, want) => expect(new Redactor().text(given)).toBe(want));

  test("a header's credential shows nothing, whatever its scheme and however it is written", () => {
    const header = fc.constantFrom("authorization", "Authorization", "Proxy-Authorization");
    const scheme = fc.constantFrom("token", "Digest", "Negotiate", "AWS4-HMAC-SHA256", "Bearer");
    const credential = fc.constantFrom(
      (s: string) => s,
      (s: string) => `"${s}"`,
      (s: string) => `'${s}'`,
      // Digest's fields: the secret in the first one and in a later one.
      (s: string) => `username="${s}", realm="r", nonce="n"`,
      (s: string) => `username="u", realm="r", response="${s}", opaque="o"`,
      (s: string) => `Credential=u/x, SignedHeaders=host, Signature=${s}`,
    );
    fc.assert(
      fc.property(header, scheme, credential, secret, after, (h, sc, write, s, tail) => {
        const text = `error: ${h}: ${sc} ${write(s)}${tail}`;
        const out = new Redactor().text(text);
        expect(leaked(out, s), `${text} -> ${out}`).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test("a URL's userinfo shows nothing: a password, or a token written as the user", () => {
    // Not a word of the URLs around it. A real URL's password is percent-encoded.
    const inUrl = secret.filter((s) => !/[/?#@%]|^(user|admin|cluster|mongodb)$/.test(s));
    const url = fc.constantFrom(
      (s: string) => `https://user1:${s}@example.com/x`,
      (s: string) => `mongodb+srv://admin:${s}@cluster0.ab1cd.mongodb.net/db?retryWrites=true`,
      (s: string) => `mongodb://user1:${s}@h1:27017,h2:27017/db`,
      (s: string) => `https://${s}@github.com/o/r.git`,
    );
    fc.assert(
      fc.property(url, inUrl, after, (write, s, tail) => {
        const text = `connect ${write(s)}${tail}`;
        const out = new Redactor().text(text);
        expect(leaked(out, s), `${text} -> ${out}`).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test("a URL's password shows nothing when it holds a raw `/` (written unencoded)", () => {
    const part = secret.filter((s) => !/[?#@%"]/.test(s));
    const url = fc.constantFrom(
      (s: string) => `https://user1:${s}@example.com/x`,
      (s: string) => `mongodb+srv://admin:${s}@cluster0.ab1cd.mongodb.net/db?retryWrites=true`,
      (s: string) => `{"uri":"mongodb://user1:${s}@h1:27017/db","x":1}`,
    );
    fc.assert(
      fc.property(url, part, part, after, (write, a, b, tail) => {
        const s = `${a}/${b}`;
        const text = `connect ${write(s)}${tail}`;
        const out = new Redactor().text(text);
        expect(leaked(out, a) ?? leaked(out, b), `${text} -> ${out}`).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test("a query or form parameter whose name is percent-encoded loses its value all the same", () => {
    // Any of the name's characters written as `%xx`, either case of hex digit.
    const encoded = fc
      .tuple(name, fc.array(fc.constantFrom(0, 1, 2), { minLength: 20, maxLength: 20 }))
      .filter(([n, how]) => [...n].some((_c, i) => how[i] !== 0))
      .map(([n, how]) =>
        [...n]
          .map((c, i) => {
            const hex = c.charCodeAt(0).toString(16);
            return how[i] === 1 ? `%${hex}` : how[i] === 2 ? `%${hex.toUpperCase()}` : c;
          })
          .join(""),
      );
    const inQuery = secret.filter((s) => !/[&#%]/.test(s));
    const where = fc.constantFrom(
      (n: string, s: string) => `GET /x?${n}=${s}`,
      (n: string, s: string) => `GET /x?page=2&${n}=${s}&y=1`,
      (n: string, s: string) => `body a=1&${n}=${s}`,
      (n: string, s: string) => `https://example.com/cb?${n}=${s}#top`,
    );
    fc.assert(
      fc.property(encoded, inQuery, where, after, (n, s, write, tail) => {
        const text = `sent ${write(n, s)}${tail}`;
        const out = new Redactor().text(text);
        expect(leaked(out, s), `${text} -> ${out}`).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test("no cookie of a Cookie or Set-Cookie header shows, wherever in it the session's is", () => {
    const cookies = fc.constantFrom(
      (s: string) => `Cookie: sid=${s}`,
      (s: string) => `cookie: _ga=GA1.2.3; sid=${s}; theme=dark`,
      (s: string) => `Set-Cookie: __Host-session=${s}; Path=/; Secure; HttpOnly`,
      (s: string) => `{"set-cookie":"sid=${s}; Path=/"}`,
      (s: string) => `{ cookie: 'a=1; sid=${s}' }`,
    );
    fc.assert(
      fc.property(cookies, secret, after, (write, s, tail) => {
        const text = `sent ${write(s)}${tail}`;
        const out = new Redactor().text(text);
        expect(leaked(out, s), `${text} -> ${out}`).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test("an object key naming a token is a secret field, as the text pattern's names are", () => {
    const redactor = new Redactor();
    for (const key of [
      ...["token", "access_token", "refreshToken", "password", "private_key"],
      ...["x-api-key", "api-key", "client_secret", "clientSecret", "secret", "passwd", "pwd"],
      ...["cookie", "Set-Cookie", "secret_key", "secretAccessKey"],
      ...["sessionId", "session_id", "sid", "PHPSESSID"],
      // The official CLI's names for the private key (its profile's field, its flag's).
      ...["private_api_key", "privateApiKey"],
    ])
      expect(redactor.secretField(key), key).toBe(REDACTED);
    for (const key of [
      ...["tokens", "token_type", "name", "secret_name", "from_secret", "value"],
      ...["session", "sessions", "side", "consider", "sidebar"],
    ])
      expect(redactor.secretField(key), key).toBeUndefined();
  });

  // The rule written out: a name of the text pattern, whole, after at most one prefix. The redactor
  // derives it from the text pattern's names; any identifier-like key must get the same answer.
  test("a key is a secret field exactly when it is a name after at most one prefix", () => {
    const rule =
      /^((access|refresh)_?|x-|client_?|set-|(aws_?)?((secret|session)_?)?|php|private_?)(token|(api|private|secret|access)[-_]?key|pass(w(or)?d|phrase)?|pwd|secret|authorization|cookie|sess(ion)?[-_]?id|sid)$/i;
    const piece = fc.constantFrom(
      ...["", "access", "refresh_", "x-", "client_", "set-", "secret", "php", "aws_", "my", "s"],
      ...["private_", "private", "aws_secret_", "awsSession", "session_", "pass", "by"],
      ...["token", "api-key", "privateKey", "secret_key", "passwd", "password", "pwd", "cookie"],
      ...["authorization", "sessid", "session_id", "sid", "id", "key", "name", "s", "_x"],
    );
    const key = fc.oneof(
      fc.tuple(piece, piece, piece).map((parts) => parts.join("")),
      fc.noBias(fc.stringMatching(/^[A-Za-z_-]{1,16}$/)),
    );
    const redactor = new Redactor();
    fc.assert(
      fc.property(key, (k) => {
        expect(redactor.secretField(k) === REDACTED, k).toBe(rule.test(k));
      }),
      { seed: SEED, numRuns: RUNS * 5 },
    );
  });
});

// A config names its secrets: `secret_config` maps a field to the name of the secret holding it,
// and a field may hold a `%%` reference (`%%secrets.name`, `%%values.name`) instead of a value.
// Neither is a secret, and hiding them hides the configuration the user asked to see (`api`).
describe("a secret's name or a reference is not a secret", () => {
  const secretName = fc.noBias(fc.stringMatching(/^[A-Za-z][\w-]{2,30}$/));
  const reference = fc
    .tuple(fc.constantFrom("%%secrets.", "%%values.", "%%environment.values."), secretName)
    .map(([prefix, n]) => prefix + n);

  test("secret_config's names and `%%` references stay; a value under the same key goes", () => {
    fc.assert(
      fc.property(name, secretName, reference, secret, (key, n, ref, s) => {
        const redactor = new Redactor();
        const config = { name: "google", secret_config: { [key]: n }, config: { [key]: ref } };
        expect(redactor.value(config)).toBe(config);
        // As text a reference stays too (a name under secret_config is not told apart there).
        const text = JSON.stringify({ config: { [key]: ref } });
        expect(redactor.text(text)).toBe(text);
        expect(redactor.text(`${key}=${ref}`)).toBe(`${key}=${ref}`);
        const real = { config: { [key]: s } };
        // A field is known by its whole name.
        if (redactor.secretField(key)) {
          expect(redactor.value(real)).toEqual({ config: { [key]: REDACTED } });
        }
        expect(leaked(redactor.text(JSON.stringify(real)), s)).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test.each([
    // A name under secret_config keeps nothing secret-looking: its strings are redacted as text.
    [
      { secret_config: { clientSecret: "Bearer abc123def456" } },
      { secret_config: { clientSecret: `Bearer ${REDACTED}` } },
    ],
    // A `%%` that only starts a value is no reference.
    [{ clientSecret: "%%secrets.x y" }, { clientSecret: REDACTED }],
    [{ clientSecret: "%%" }, { clientSecret: REDACTED }],
    // A secret_config that is not an object holds no names.
    [
      { secret_config: "abc123def456", password: "x" },
      { secret_config: "abc123def456", password: REDACTED },
    ],
  ])("%j", (given, want) => expect(new Redactor().value(given)).toEqual(want));
});
