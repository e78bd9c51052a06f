import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceVersions, parseVersions, readmeVersions } from "../../spec/catalogue.js";
import { historyVersions, runHistory, type VersionOutcome } from "../../spec/history.js";
import { workBudget } from "../helpers/work-budget.js";
import { projectRoot } from "../../spec/source.js";

/**
 * Repair id -> the versions the catalogues say it applies to: README.md's table of structural
 * repairs and EVIDENCE.md's semantic ones (both computed by `npm run spec:evidence`).
 */
function catalogueVersions(all: readonly string[]): Map<string, Set<string>> {
  const read = (file: string) => readFileSync(join(projectRoot, "spec", file), "utf8");
  const stated = new Map([
    ...readmeVersions(read("README.md")),
    ...evidenceVersions(read("EVIDENCE.md")),
  ]);
  return new Map([...stated].map(([id, text]) => [id, parseVersions(text, all)]));
}

/**
 * The history check for the versions whose index lies in [from, to]: each goes through load,
 * repair and lint (one redocly process for the whole range); every parseable version must lint
 * with zero errors after repair, and the repairs that apply to it must be the ones the catalogues
 * (spec/README.md, spec/EVIDENCE.md) say apply to it. Split over files so vitest can use both cores.
 */
export function historyCheck(from: string, to: string): void {
  const versions = historyVersions().filter((v) => v.index >= from && v.index <= to);
  const outcomes = new Map<string, VersionOutcome>();
  const outDir = mkdtempSync(join(tmpdir(), `history-${from}-`));
  const parseable = historyVersions()
    .map((v) => v.index)
    .filter((i) => i !== "059");
  const catalogue = catalogueVersions(parseable);

  beforeAll(
    async () => {
      for (const o of await runHistory(versions, { outDir })) outcomes.set(o.version.index, o);
    },
    workBudget("lint", versions.length),
  );
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  describe(`history ${from}-${to}`, () => {
    it("covers the manifest's versions in this range", () => {
      expect(versions.length).toBeGreaterThan(0);
      expect(outcomes.size).toBe(versions.length);
    });

    if (versions.some((v) => v.index === "059")) {
      it("refuses 059 (not valid YAML upstream) naming line 655, and nothing else", () => {
        const refused = [...outcomes.values()].flatMap((o) => ("refused" in o ? [o] : []));
        expect(refused.map((o) => o.version.index)).toEqual(["059"]);
        expect(refused[0]!.refused.at.line).toBe(655);
        expect(refused[0]!.refused.message).toMatch(
          /059_2022-07-05_7e241a22\.yaml:655:19: not valid YAML/,
        );
      });
    }

    it.each(versions.filter((v) => v.index !== "059").map((v) => v.index))(
      "%s: repaired, then zero lint errors",
      (index) => {
        const outcome = outcomes.get(index)!;
        expect("refused" in outcome ? outcome.refused.message : "loaded").toBe("loaded");
        if ("repaired" in outcome) {
          expect(
            outcome.repaired.errors.map((e) => `${e.ruleId} ${e.pointer}: ${e.message}`),
          ).toEqual([]);
        }
      },
    );

    it.each(versions.filter((v) => v.index !== "059").map((v) => v.index))(
      "%s: the repairs that apply are the ones the catalogues state",
      (index) => {
        const outcome = outcomes.get(index)!;
        const stated = [...catalogue].filter(([, v]) => v.has(index)).map(([id]) => id);
        const applied =
          "repairs" in outcome ? outcome.repairs.filter((r) => r.status === "applied") : [];
        expect(applied.map((r) => r.id).sort()).toEqual(stated.sort());
      },
    );
  });
}
