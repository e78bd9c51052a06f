// What the redactor let through before: `%%` text in a secret's place that is no App Services
// expansion, a known secret as Go's JSON encoder (the server's) or JSON within JSON spells it,
// `pass=` fields, AWS's key names as object keys; and what the secret values a client sends cost
// (bounded, never while their call runs). Then the cost of 1 MB adversarial texts, which must stay
// linear. fast-check with a fixed seed and a bounded number of runs.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createRedactor, REDACTED, Redactor } from "../../packages/core/redact.js";
import { cpuBudget } from "../helpers/work-budget.js";

const SEED = 0x5eed_3636;
const RUNS = 500;

describe("a `%%` text in a secret's place is kept only when it is an App Services expansion", () => {
  // From the App Services docs (Expression Variables; Values & Secrets).
  const references = [
    "%%secrets.googleClientSecret",
    "%%values.apiKey",
    "%%values.api-key_2",
    "%%environment.values.dbPassword",
    "%%environment.tag",
    "%%user",
    "%%user.id",
    "%%user.data.email",
    "%%user.custom_data.token",
    "%%request.requestHeaders",
    "%%args.password",
    "%%root.password",
    "%%prevRoot.password",
    "%%this",
    "%%prev",
    "%%partition",
    "%%true",
    "%%false",
  ];
  const notReferences = [
    "%%hunter22",
    "%%secretsX",
    "%%secrets",
    "%%secrets.",
    "%%values",
    "%%environment",
    "%%Secrets.x",
    "%%user.id!",
    "%%secrets..x",
    "%%truex",
    "%%user.",
    "%%%%secrets.x",
    "%%",
  ];

  test.each(references)("%s stays, as text and as a value", (ref) => {
    const redactor = new Redactor();
    for (const text of [
      `password=${ref}`,
      `{"password":"${ref}"}`,
      `clientSecret: '${ref}'`,
      `aws_secret_access_key: ${ref}`,
    ]) {
      expect(redactor.text(text)).toBe(text);
    }
    const config = { config: { password: ref, clientSecret: ref, aws_secret_access_key: ref } };
    expect(redactor.value(config)).toBe(config);
  });

  test.each(notReferences)("%s goes, as text and as a value", (value) => {
    const redactor = new Redactor();
    expect(redactor.text(`password=${value}`)).toBe(`password=${REDACTED}`);
    expect(redactor.text(`{"password":"${value}"}`)).toBe(`{"password":"${REDACTED}"}`);
    expect(redactor.text(`clientSecret: '${value}'`)).toBe(`clientSecret: ${REDACTED}`);
    expect(redactor.value({ password: value, aws_secret_access_key: value })).toEqual({
      password: REDACTED,
      aws_secret_access_key: REDACTED,
    });
  });

  test("a password that only starts with `%%` never shows", () => {
    const password = fc
      .noBias(fc.stringMatching(/^%%[\w.-]{6,24}$/))
      .filter(
        (p) =>
          !/^%%(secrets|values|environment|user|request|args|root|prevRoot|this|prev|partition|true|false)\b/.test(
            p,
          ),
      );
    fc.assert(
      fc.property(password, (p) => {
        const redactor = new Redactor();
        const text = `error: {"password":"${p}"} and password=${p}&x=1`;
        const out = redactor.text(text);
        expect(out, out).not.toContain(p);
        expect(redactor.value({ password: p })).toEqual({ password: REDACTED });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

/** How Go's encoding/json writes a string's content: JSON's escapes, and `<>&` U+2028 U+2029. */
function goJson(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if ("<>&\u2028\u2029".includes(char)) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += JSON.stringify(char).slice(1, -1);
  }
  return out;
}
const jsJson = (text: string) => JSON.stringify(text).slice(1, -1);

describe("a known secret, however JSON escapes it", () => {
  // Secrets with the characters that the encoders escape.
  const secret = fc
    .array(fc.constantFrom(..."aB3xQ9&<>\"\\\u2028\u2029/'%"), { minLength: 8, maxLength: 24 })
    .map((chars) => chars.join(""))
    .filter((s) => /[&<>"\\\u2028\u2029]/.test(s));
  const spelling = fc.constantFrom(
    // The server's echo of the request, and JSON.stringify's.
    (s: string) => `{"error":"bad value","value":"${goJson(s)}"}`,
    (s: string) => JSON.stringify({ error: "bad value", value: s }),
    // A JSON body logged inside a JSON string: its escapes escaped again.
    (s: string) => JSON.stringify({ body: JSON.stringify({ value: s }) }),
    (s: string) => JSON.stringify({ body: `{"value":"${goJson(s)}"}` }),
    (s: string) => `{"body":"${goJson(`{"value":"${goJson(s)}"}`)}"}`,
    (s: string) => `{"body":"${goJson(JSON.stringify({ value: s }))}"}`,
  );
  const how = fc.constantFrom("pinned", "token", "held", "sent");

  test("no spelling of it shows, whichever way it was registered", () => {
    fc.assert(
      fc.property(secret, spelling, how, (s, write, registered) => {
        const redactor = createRedactor();
        if (registered === "held") redactor.hold(s);
        else if (registered === "sent") redactor.hold(s)();
        else redactor.add(s, { pinned: registered === "pinned" });
        const text = write(s);
        const out = redactor.text(text);
        for (const form of [s, jsJson(s), goJson(s), jsJson(jsJson(s)), jsJson(goJson(s))]) {
          expect(out, `${text} -> ${out}`).not.toContain(form);
        }
        expect(out).toContain(REDACTED);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test.each([
    ["a&b<c>d-secret", '{"v":"a\\u0026b\\u003cc\\u003ed-secret"}', `{"v":"${REDACTED}"}`],
    ["line\u2028sep-secret", '{"v":"line\\u2028sep-secret"}', `{"v":"${REDACTED}"}`],
    [
      'q"uote\\d-secret',
      '{"b":"{\\"v\\":\\"q\\\\\\"uote\\\\\\\\d-secret\\"}"}',
      `{"b":"{\\"v\\":\\"${REDACTED}\\"}"}`,
    ],
  ])("%s as %s", (s, text, want) => {
    const redactor = new Redactor();
    redactor.add(s);
    expect(redactor.text(text)).toBe(want);
  });
});

describe("`pass`, `pwd` and `passwd` fields are secret names, as text and as keys", () => {
  test.each([
    ["GET /login?user=ann&pass=hunter22&next=/", `GET /login?user=ann&pass=${REDACTED}&next=/`],
    ["GET /login?pwd=hunter22", `GET /login?pwd=${REDACTED}`],
    ["user=ann&passwd=hunter22", `user=ann&passwd=${REDACTED}`],
    ["user=ann&Pass=hunter22", `user=ann&Pass=${REDACTED}`],
    ["user=ann&user_pass=hunter22", `user=ann&user_pass=${REDACTED}`],
    ["user=ann&passphrase=correct-horse", `user=ann&passphrase=${REDACTED}`],
    ['{"pass":"hunter22"}', `{"pass":"${REDACTED}"}`],
    // Percent-encoded names are read as a server reads them.
    ["GET /login?p%61ss=hunter22&x=1", `GET /login?p%61ss=${REDACTED}&x=1`],
    ["GET /login?%70wd=hunter22", `GET /login?%70wd=${REDACTED}`],
    // The words around stay.
    ["password passes, passing: yes", "password passes, passing: yes"],
  ])("%s", (given, want) => expect(new Redactor().text(given)).toBe(want));

  test.each(["pass", "Pass", "pwd", "passwd", "passphrase", "user_pass"])(
    "%s as an object key",
    (key) => {
      const redactor = new Redactor();
      const value = redactor.value({ [key]: "hunter22" }) as Record<string, unknown>;
      // The structural rule knows a name after at most one known prefix; `user_` is none, and the
      // text rule still takes the value of a key it does not know.
      if (key === "user_pass") expect(value[key]).toBe("hunter22");
      else expect(value[key]).toBe(REDACTED);
      expect(redactor.text(JSON.stringify({ [key]: "hunter22" }))).not.toContain("hunter22");
    },
  );
});

describe("AWS's secret names as object keys", () => {
  test.each([
    "aws_secret_access_key",
    "AWS_SECRET_ACCESS_KEY",
    "awsSecretAccessKey",
    "aws_secret_key",
    "aws_session_token",
    "awsSessionToken",
    "session_token",
    "secret_key",
    "client_secret",
    "private_key",
  ])("%s", (key) => {
    const redactor = new Redactor();
    expect(redactor.secretField(key)).toBe(REDACTED);
    expect(redactor.value({ config: { [key]: "wJalrXUtnFEMI/K7MDENG" } })).toEqual({
      config: { [key]: REDACTED },
    });
  });

  test.each(["aws_access_key_id", "aws_region", "session", "session_name", "secrets"])(
    "%s is no secret",
    (key) => expect(new Redactor().secretField(key)).toBeUndefined(),
  );
});

describe("the secret values a client sends", () => {
  const value = (i: number) => `sent-secret-${i}-of-many`;

  test("a value is known while its call runs, however many are sent meanwhile", () => {
    const redactor = createRedactor();
    const first = redactor.hold(value(0));
    const releases = Array.from({ length: 1000 }, (_v, i) => redactor.hold(value(i + 1)));
    for (const release of releases) release();
    expect(redactor.text(`echo ${value(0)}`)).toBe(`echo ${REDACTED}`);
    first();
    // Still among the most recently sent.
    expect(redactor.text(`echo ${value(0)}`)).toBe(`echo ${REDACTED}`);
  });

  test("a value two calls send stays known until both end", () => {
    const redactor = createRedactor();
    const one = redactor.hold(value(0));
    const two = redactor.hold(value(0));
    one();
    for (let i = 1; i <= 100; i++) redactor.hold(value(i))();
    expect(redactor.text(value(0))).toBe(REDACTED);
    two();
    expect(redactor.text(value(0))).toBe(REDACTED);
  });

  test("after their calls, the 64 most recently sent are known and older ones are not scanned", () => {
    const redactor = createRedactor();
    for (let i = 0; i < 1000; i++) redactor.hold(value(i))();
    for (let i = 936; i < 1000; i++) expect(redactor.text(value(i))).toBe(REDACTED);
    // The bound: each known value is one more scan of every text redacted.
    expect(redactor.text(value(935))).toBe(value(935));
    // Sending one again makes it the most recent.
    redactor.hold(value(936))();
    for (let i = 937; i < 1000; i++) redactor.hold(value(i))();
    expect(redactor.text(value(936))).toBe(REDACTED);
  });

  test("the key pair stays known, however many values are sent", () => {
    const redactor = createRedactor();
    redactor.add("5f1a0000-0000-4000-8000-000000000000", { pinned: true });
    for (let i = 0; i < 1000; i++) redactor.hold(value(i))();
    expect(redactor.text("key 5f1a0000-0000-4000-8000-000000000000")).toBe(`key ${REDACTED}`);
  });
});

// Linear work: 1 MB of each of these took at most 0.31 s of CPU, 1.04 s for all of them
// (process.cpuUsage, 2-core machine at load 4). Quadratic, 256 KB of `passw%6frd=x&` alone took
// 11 s (the text rewritten at each removal), so 1 MB about 3 minutes. The budget is 3 s of CPU,
// scaled for the machine's load by cpuBudget: only a quadratic redactor overruns it.
describe("1 MB adversarial texts take linear time", () => {
  const MB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  test(
    "each of them",
    () => {
      const redactor = createRedactor();
      // A secret that overlaps itself, in a text made of it.
      redactor.add("abababababababababababababababab", { pinned: true });
      redactor.hold('x&y<z>w\u2028v"u\\t')();
      for (const unit of [
        "ab",
        "p%61ss=x&",
        "passw%6frd=x&",
        "pass=",
        "password=%%secrets.x ",
        "password=%%",
        'password=\\"\\\\',
        'password="',
        "\\u0026",
        "//a:",
        "%41",
        "x\\u0026y\\u003cz",
      ]) {
        const out = redactor.text(fill(unit));
        expect(out.length, unit).toBeGreaterThan(0);
      }
    },
    cpuBudget(3),
  );
});
