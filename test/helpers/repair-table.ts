import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../spec/json.js";
import { repairSpec, type Repair } from "../../spec/repair.js";

/** A minimal OpenAPI document around the parts a test cares about. */
export function openapi(parts: Record<string, unknown>, version = "3.1.0"): OpenApiDocument {
  return { openapi: version, info: { title: "t", version: "1" }, paths: {}, ...parts };
}

export interface RepairCase {
  name: string;
  given: OpenApiDocument;
  want: OpenApiDocument;
  /** Pointers the repair must report (order-insensitive); omitted: at least one fix. */
  fixes?: string[];
}

/**
 * The table-driven contract every repair meets: each case turns `given` into exactly `want`,
 * running it again changes nothing and reports "not-applicable", and each `untouched` document is
 * left as it was and reported "not-applicable".
 */
export function repairTable(
  repair: Repair,
  cases: RepairCase[],
  untouched: OpenApiDocument[],
): void {
  describe(repair.id, () => {
    it.each(cases)("$name", ({ given, want, fixes }) => {
      const { doc, results } = repairSpec(given, { repairs: [repair] });
      expect(doc).toEqual(want);
      expect(results[0]!.status).toBe("applied");
      if (fixes) expect(results[0]!.fixes.map((f) => f.pointer).sort()).toEqual([...fixes].sort());
    });

    it.each(cases)("is idempotent: $name", ({ given }) => {
      const once = repairSpec(given, { repairs: [repair] }).doc;
      const twice = repairSpec(once, { repairs: [repair] });
      expect(twice.doc).toEqual(once);
      expect(twice.results[0]!.status).toBe("not-applicable");
    });

    it.each(untouched.map((doc, i) => ({ doc, i })))(
      "is not applicable to clean input #$i",
      ({ doc }) => {
        const { doc: out, results } = repairSpec(doc, { repairs: [repair] });
        expect(out).toEqual(doc);
        expect(results[0]!.status).toBe("not-applicable");
        expect(results[0]!.fixes).toEqual([]);
      },
    );

    it("does not modify its input", () => {
      for (const { given } of cases) {
        const copy = structuredClone(given);
        repairSpec(given, { repairs: [repair] });
        expect(given).toEqual(copy);
      }
    });
  });
}
