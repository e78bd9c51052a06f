import { basename } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { workBudget } from "../../helpers/work-budget.js";
import { generateAndTypeCheck, historyVersions, type VersionOutcome } from "./history.js";

/** The one version that is not valid YAML (DEFECTS.md D1) and where its parser stops. */
const UNPARSEABLE = { version: "059", at: ":655:19" };

/**
 * One shard of the history suite: every `count`-th version starting at `index`, generated and
 * type-checked in one batch. Every parseable version must generate and type-check with zero
 * errors; 059 must be refused with its line number. Split in shards so CI's two cores share it.
 */
export function historyShard(index: number, count: number): void {
  const files = historyVersions().filter((_, i) => i % count === index);
  const parseable = files.map((f) => basename(f)).filter((f) => !f.startsWith(UNPARSEABLE.version));
  let outcomes: Map<string, VersionOutcome>;

  describe(`spec history, shard ${index + 1} of ${count} (${files.length} versions)`, () => {
    beforeAll(
      async () => {
        outcomes = await generateAndTypeCheck(files);
      },
      workBudget("generate", files.length),
    );

    it.each(parseable)("%s generates and type-checks under strict with zero errors", (file) => {
      const outcome = outcomes.get(file.slice(0, 3))!;
      expect(outcome.generateError).toBeUndefined();
      expect(outcome.typeErrors.slice(0, 20)).toEqual([]);
    });

    if (files.some((f) => basename(f).startsWith(UNPARSEABLE.version))) {
      it(`${UNPARSEABLE.version} is refused with its line number`, () => {
        const outcome = outcomes.get(UNPARSEABLE.version)!;
        expect(outcome.generateError).toMatch(
          new RegExp(`059_[^ ]*\\.yaml${UNPARSEABLE.at}: not valid YAML`),
        );
      });
    }
  });
}
