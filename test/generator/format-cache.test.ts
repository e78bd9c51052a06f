import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatWithCache, pruneFormatCache } from "../../generator/format-cache.js";
import { formatGenerated } from "../../generator/format.js";
import { headerFor } from "../../generator/emit/header.js";

const shaA = "a".repeat(64);
const shaB = "b".repeat(64);
const body = "export   const x={a:1,b:[1,2,3]}\n";
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "format-cache-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A formatter that counts its calls, standing in for prettier where only the caching is tested. */
function counting() {
  const calls: string[] = [];
  const format = async (text: string) => {
    calls.push(text);
    return text.toUpperCase();
  };
  return { calls, format };
}

describe("formatWithCache", () => {
  it("formats once per distinct text and returns the same output on a hit", async () => {
    const { calls, format } = counting();
    const first = await formatWithCache(dir, "salt", "abc", format);
    const second = await formatWithCache(dir, "salt", "abc", format);
    expect(first).toBe("ABC");
    expect(second).toBe("ABC");
    expect(calls).toEqual(["abc"]);
    await formatWithCache(dir, "salt", "abd", format);
    expect(calls).toEqual(["abc", "abd"]);
  });

  it("keys on the salt (prettier version and options)", async () => {
    const { calls, format } = counting();
    await formatWithCache(dir, "prettier 3.0 {}", "abc", format);
    await formatWithCache(dir, "prettier 3.1 {}", "abc", format);
    expect(calls).toHaveLength(2);
  });

  it("masks the spec hash of the header, so a new spec reuses unchanged bodies", async () => {
    const { calls, format } = counting();
    const a = await formatWithCache(dir, "s", headerFor("ts", shaA) + "x", format);
    const b = await formatWithCache(dir, "s", headerFor("ts", shaB) + "x", format);
    expect(calls).toHaveLength(1);
    // Each output carries its own hash back, never the mask or the other spec's hash.
    expect(a).toContain(shaA);
    expect(a).not.toContain(shaB);
    expect(b).toContain(shaB);
    expect(b).not.toContain("0".repeat(64));
  });

  it("gives prettier's exact output for a real generated file, cold and warm", async () => {
    const text = headerFor("ts", shaA) + body;
    const plain = await formatGenerated("x.ts", text);
    const cold = await formatGenerated("x.ts", text, dir);
    const warm = await formatGenerated("x.ts", text, dir);
    expect(cold).toBe(plain);
    expect(warm).toBe(plain);
    expect(plain).toContain("export const x = { a: 1, b: [1, 2, 3] };");
  });

  it("prune drops entries not used since the run started and keeps used ones", async () => {
    const { format } = counting();
    await formatWithCache(dir, "s", "old", format);
    const [oldEntry] = readdirSync(dir);
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(dir, oldEntry!), past, past);
    const started = Date.now();
    await formatWithCache(dir, "s", "new", format);
    pruneFormatCache(dir, started);
    const left = readdirSync(dir);
    expect(left).toHaveLength(1);
    expect(left).not.toContain(oldEntry);
    pruneFormatCache(join(dir, "missing"), started);
    expect(existsSync(join(dir, "missing"))).toBe(false);
  });
});
