// What the redactor let through before this stop: a known secret as Go before 1.22 spells `\b` and
// `\f` (`\u0008`, `\u000c`), a short sent value echoed in a JSON body; and the cost of a long
// secret that overlaps itself, which must stay linear. fast-check with a fixed seed and a bounded
// number of runs.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createRedactor, REDACTED, Redactor } from "../../packages/core/redact.js";
import { goJson } from "../helpers/go-json.js";
import { cpuBudget } from "../helpers/work-budget.js";

const SEED = 0x5eed_3737;
const RUNS = 300;

type Registered = "pinned" | "token" | "held" | "sent";
const registrations: readonly Registered[] = ["pinned", "token", "held", "sent"];
const how = fc.constantFrom(...registrations);

function register(secret: string, registered: Registered) {
  const redactor = createRedactor();
  if (registered === "held") redactor.hold(secret);
  else if (registered === "sent") redactor.hold(secret)();
  else redactor.add(secret, { pinned: registered === "pinned" });
  return redactor;
}

const oldGoJson = (text: string) => goJson(text, { before122: true });
const jsJson = (text: string) => JSON.stringify(text).slice(1, -1);

describe("a known secret as Go before 1.22 escapes `\\b` and `\\f`", () => {
  const secret = fc
    .array(fc.constantFrom(...'aB3xQ9\b\f&"\\b'), { minLength: 8, maxLength: 24 })
    .map((chars) => chars.join(""))
    .filter((s) => /[\b\f]/.test(s));
  const spelling = fc.constantFrom(
    (s: string) => `{"error":"bad value","value":"${oldGoJson(s)}"}`,
    // A Go error body logged inside a JSON string, by JavaScript or by an old Go.
    (s: string) => JSON.stringify({ body: `{"value":"${oldGoJson(s)}"}` }),
    (s: string) => `{"body":"${oldGoJson(`{"value":"${oldGoJson(s)}"}`)}"}`,
    (s: string) => `{"body":"${oldGoJson(JSON.stringify({ value: s }))}"}`,
  );

  test("no spelling of it shows, whichever way it was registered", () => {
    fc.assert(
      fc.property(secret, spelling, how, (s, write, registered) => {
        const text = write(s);
        const out = register(s, registered).text(text);
        for (const form of [s, oldGoJson(s), jsJson(oldGoJson(s)), oldGoJson(oldGoJson(s))]) {
          expect(out, `${text} -> ${out}`).not.toContain(form);
        }
        expect(out).toContain(REDACTED);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test.each([
    ["bell\bform\fsecret", '{"v":"bell\\u0008form\\u000csecret"}', `{"v":"${REDACTED}"}`],
    // The `b` after an escaped backslash is no `\b`: a backslash and a `b` stay as JSON has them.
    ["back\\bslash\bsecret", '{"v":"back\\\\bslash\\u0008secret"}', `{"v":"${REDACTED}"}`],
    [
      "bell\bsecret",
      '{"b":"{\\"v\\":\\"bell\\\\u0008secret\\"}"}',
      `{"b":"{\\"v\\":\\"${REDACTED}\\"}"}`,
    ],
  ])("%j as %s", (s, text, want) => {
    const redactor = new Redactor();
    redactor.add(s);
    expect(redactor.text(text)).toBe(want);
  });
});

describe("a short secret value the client sends or the CLI pins (under 6 characters)", () => {
  // Structural positions: the value as a whole JSON string, quoted once or twice, by JavaScript or
  // by Go; a whole string of a parsed body.
  test.each([
    ['{"name":"db","value":"abc"}', `{"name":"db","value":"${REDACTED}"}`],
    ['{"name": "db", "value": "abc"}', `{"name": "db", "value": "${REDACTED}"}`],
    [
      '400: {"error":"bad secret","body":{"value":"abc"}}',
      `400: {"error":"bad secret","body":{"value":"${REDACTED}"}}`,
    ],
    ['{"body":"{\\"value\\":\\"abc\\"}"}', `{"body":"{\\"value\\":\\"${REDACTED}\\"}"}`],
    ["abc", REDACTED],
  ])("%s", (text, want) => {
    // Pinned: a value a program sends through a path that holds nothing (the CLI's `api`).
    for (const registered of ["held", "sent", "pinned"] as const) {
      expect(register("abc", registered).text(text), registered).toBe(want);
    }
  });

  test.each([
    ["a&b", '{"value":"a\\u0026b"}', `{"value":"${REDACTED}"}`],
    ["a&b", '{"value":"a&b"}', `{"value":"${REDACTED}"}`],
    ['x"y', '{"value":"x\\"y"}', `{"value":"${REDACTED}"}`],
    ['x"y', '{"b":"{\\"value\\":\\"x\\\\\\"y\\"}"}', `{"b":"{\\"value\\":\\"${REDACTED}\\"}"}`],
    ["\bq", '{"value":"\\u0008q"}', `{"value":"${REDACTED}"}`],
  ])("%j as %s", (secret, text, want) => {
    expect(register(secret, "held").text(text)).toBe(want);
  });

  test("a parsed body's string that is the value goes, as does a password of any length", () => {
    const redactor = register("abc", "held");
    expect(redactor.value({ error: "bad", request: { name: "db", value: "abc" } })).toEqual({
      error: "bad",
      request: { name: "db", value: REDACTED },
    });
    expect(redactor.text('{"password":"ab"}')).toBe(`{"password":"${REDACTED}"}`);
    expect(redactor.text("password=ab&x=1")).toBe(`password=${REDACTED}&x=1`);
  });

  // Looked for anywhere, a 3-character value would hide every word and id holding it.
  test.each([
    "abcdef",
    "the abc of it",
    '{"name":"abcd","id":"5fabc0"}',
    "GET /groups/abc/apps",
    "value=abc&x=1",
  ])("is not looked for inside other text: %s", (text) => {
    expect(register("abc", "held").text(text)).toBe(text);
    expect(register("abc", "pinned").text(text)).toBe(text);
  });

  test("a short token (not pinned) is not known at all", () => {
    expect(register("abc", "token").text('{"value":"abc"}')).toBe('{"value":"abc"}');
  });

  test("the 64 most recently sent are known after their calls, older ones are not", () => {
    const redactor = createRedactor();
    const value = (i: number) => `v${i}`;
    for (let i = 0; i < 100; i++) redactor.hold(value(i))();
    for (let i = 36; i < 100; i++)
      expect(redactor.text(`{"value":"${value(i)}"}`)).toContain(REDACTED);
    expect(redactor.text(`{"value":"${value(35)}"}`)).toBe(`{"value":"${value(35)}"}`);
  });

  test("a value two calls send stays known until both end; an empty one is nothing", () => {
    const redactor = createRedactor();
    const one = redactor.hold("abc");
    const two = redactor.hold("abc");
    one();
    for (let i = 0; i < 100; i++) redactor.hold(`w${i}`)();
    expect(redactor.text('{"value":"abc"}')).toBe(`{"value":"${REDACTED}"}`);
    two();
    redactor.hold("")();
    expect(redactor.text('{"value":""}')).toBe('{"value":""}');
  });
});

describe("every occurrence of a known secret is found, however it overlaps itself", () => {
  // Over a two-letter alphabet, secrets and texts overlap in every way; the reference marks every
  // occurrence found at every position.
  const reference = (text: string, secret: string) => {
    const marked: boolean[] = [];
    for (let at = text.indexOf(secret), done = 0; at >= 0; at = text.indexOf(secret, at + 1)) {
      for (let i = Math.max(at, done); i < at + secret.length; i++) marked[i] = true;
      done = at + secret.length;
    }
    return text.replace(/[^]/g, (c, i: number) =>
      marked[i] ? (marked[i - 1] ? "" : REDACTED) : c,
    );
  };
  const word = (min: number, max: number) =>
    fc.array(fc.constantFrom("a", "b"), { minLength: min, maxLength: max }).map((c) => c.join(""));

  test("as a search at every position finds them", () => {
    fc.assert(
      fc.property(
        word(6, 12),
        fc.array(fc.oneof(word(0, 6), fc.constant("\u0000")), { maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        (secret, pieces, copies) => {
          // Texts that hold the secret, often repeated or cut into.
          const text = pieces.map((p) => (p === "\u0000" ? secret.repeat(copies) : p)).join("");
          const redactor = new Redactor();
          redactor.add(secret);
          expect(redactor.text(text), text).toBe(reference(text, secret));
        },
      ),
      { seed: SEED, numRuns: 2000 },
    );
  });

  // A long secret that repeats a short period, in a text long enough (over 2^24 / its length)
  // that it is looked for with Knuth, Morris and Pratt's search rather than `indexOf`.
  test("a long periodic secret in a long text, as a search at every position finds it", () => {
    const piece = (secret: string) =>
      fc.oneof(
        fc.constant(secret),
        fc.nat(secret.length).map((cut) => secret.slice(0, cut)),
        fc.nat(secret.length).map((cut) => secret.slice(cut)),
        word(1, 3),
      );
    const secret = fc
      .tuple(word(1, 4), fc.integer({ min: 2048, max: 2051 }))
      .map(([period, length]) => period.repeat(Math.ceil(length / period.length)).slice(0, length))
      .filter((secret) => secret.length >= 2048);
    fc.assert(
      fc.property(
        secret.chain((s) =>
          fc.tuple(fc.constant(s), fc.array(piece(s), { minLength: 12, maxLength: 24 })),
        ),
        ([secret, pieces]) => {
          let text = pieces.join("");
          while (text.length * secret.length <= 1 << 24) text += text;
          const redactor = new Redactor();
          redactor.add(secret);
          expect(redactor.text(text)).toBe(reference(text, secret));
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  });
});

// Linear work: 1 MB of each of these took at most 0.4 s of CPU here (a 2-core machine at load 7).
// Before, each occurrence of a self-overlapping secret was found by reading the whole secret again
// (a 4 KB secret in 1 MB of its pattern took 2.6 s of CPU, so the 64 KB ones below about 40 s
// each), and `indexOf` reads a long one nearly in full at every other position of the last texts
// (59 s for the three).
// The budget is 3 s of CPU, scaled for the machine's load by cpuBudget: only work that grows with
// the secret's length times the text's overruns it.
describe("a long secret that overlaps itself, in 1 MB of its pattern, takes linear time", () => {
  const MB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  test(
    "each of them",
    () => {
      for (const [secret, unit, whole] of [
        // The whole text is the secret's pattern: one run of occurrences, one marker.
        ["ab".repeat(32_768), "ab", REDACTED],
        ["a".repeat(65_536), "a", REDACTED],
        // An odd length, which the period (2) does not divide: the text's last `b` is no secret's.
        [`${"ab".repeat(32_767)}a`, "ab", `${REDACTED}b`],
        // Runs of it that end where the text stops repeating it, each found again by a search.
        ["ab".repeat(2048), `${"ab".repeat(2048)}x`, undefined],
        // No occurrence, but one nearly at every other position: `indexOf` alone took 8 s, 22 s
        // and 29 s.
        ...[32_768, 65_536, 131_072].map(
          (n) => ["ab".repeat(n), `${"ab".repeat(n - 1)}x`, undefined] as const,
        ),
      ] as const) {
        const redactor = createRedactor();
        redactor.hold(secret);
        const out = redactor.text(fill(unit));
        if (whole) expect(out, unit).toBe(whole);
        else expect(out.length, unit).toBeGreaterThan(0);
      }
    },
    cpuBudget(3),
  );
});
