// The cause walk's two cases no other suite reaches: a symbol whose description holds a secret
// (as a key or as a value: `util.inspect` shows both), and an object met twice (a cycle, or one
// object under two keys), which the copy must meet twice as well, as one copy.
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { REDACTED, Redactor } from "../../packages/core/redact.js";

const TOKEN = "tok_0123456789abcdef";

describe("the cause walk", () => {
  test("a symbol's description is redacted, as a key and as a value", () => {
    const redactor = new Redactor();
    redactor.add(TOKEN);
    const key = Symbol(`sent ${TOKEN}`);
    const cause = new Error("failed", { cause: undefined });
    Object.assign(cause, { [key]: Symbol(`value ${TOKEN}`), plain: Symbol("kept") });
    const copy = redactor.cause(cause) as Record<PropertyKey, unknown>;
    expect(copy).not.toBe(cause);
    expect(inspect(copy)).not.toContain(TOKEN);
    const keys = Object.getOwnPropertySymbols(copy);
    expect(keys.map((k) => k.description)).toEqual([`sent ${REDACTED}`]);
    expect((copy[keys[0]!] as symbol).description).toBe(`value ${REDACTED}`);
    // A symbol without a secret is the same symbol.
    expect(copy["plain"]).toBe((cause as unknown as Record<string, unknown>)["plain"]);
  });

  test("an object met twice is one copy, a cycle stays a cycle", () => {
    const redactor = new Redactor();
    const shared = { note: `token=${TOKEN}` };
    const cyclic: Record<string, unknown> = { first: shared, second: shared };
    cyclic["self"] = cyclic;
    const copy = redactor.value(cyclic) as Record<string, Record<string, unknown>>;
    expect(copy).not.toBe(cyclic);
    expect(copy["first"]).toEqual({ note: `token=${REDACTED}` });
    expect(copy["second"]).toBe(copy["first"]);
    expect(copy["self"]).toBe(copy);
  });
});
