import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintFileCached } from "../../spec/lint.js";

const dir = mkdtempSync(join(tmpdir(), "lint-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small spec; `withError` gives two operations one operationId (an error in our config). */
function spec(withError: boolean): string {
  const op = (id: string) => ({
    operationId: id,
    summary: id,
    responses: { "204": { description: "ok" } },
  });
  return JSON.stringify({
    openapi: "3.1.0",
    info: { title: "t", version: "1", license: { name: "MIT", url: "https://x.test" } },
    servers: [{ url: "https://x.test" }],
    security: [],
    paths: { "/a": { get: op("a"), delete: op(withError ? "a" : "b") } },
  });
}

describe("lintFileCached", () => {
  it("runs redocly for new bytes and reuses the verdict for the same bytes only", async () => {
    const file = join(dir, "spec.json");
    const cache = join(dir, "last-lint.json");
    writeFileSync(file, spec(true));
    const first = await lintFileCached(file, cache);
    expect(first.cached).toBe(false);
    expect(first.report.errors.length).toBeGreaterThan(0);

    const again = await lintFileCached(file, cache);
    expect(again).toEqual({ report: first.report, cached: true });

    writeFileSync(file, spec(false));
    const fixed = await lintFileCached(file, cache);
    expect(fixed.cached).toBe(false);
    expect(fixed.report.errors).toEqual([]);
    expect(JSON.parse(readFileSync(cache, "utf8")).report.errors).toEqual([]);
  });

  it("ignores a corrupt cache file and lints", async () => {
    const file = join(dir, "spec2.json");
    const cache = join(dir, "corrupt.json");
    writeFileSync(file, spec(false));
    writeFileSync(cache, "{not json");
    const result = await lintFileCached(file, cache);
    expect(result.cached).toBe(false);
    expect(result.report.errors).toEqual([]);
  });
});
