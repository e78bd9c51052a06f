import { join } from "node:path";
import { SpecError } from "../spec/errors.js";
import { fetchPinnedSpec, type FetchResult } from "../spec/fetch.js";
import { countByRule, lintFiles, type LintReport } from "../spec/lint.js";
import { repairedPinnedPath, writeRepaired } from "../spec/pipeline.js";
import { projectRoot } from "../spec/source.js";
import { generate, type GenerateResult } from "./generate.js";

export interface RegenOptions {
  /** Replace generated/ even when it holds files the generator did not write (see out-dir.ts). */
  force?: boolean;
  /**
   * Also lint the repaired spec (redocly, in its own process, while generating) and write nothing
   * if it has errors. Off by default: `npm run spec:lint` and CI's tests lint it, and a cold regen
   * is measured against generators that do not lint (bench:regen).
   */
  lint?: boolean;
}

export interface RegenResult extends GenerateResult {
  fetched: FetchResult;
  outDir: string;
}

/**
 * The maintainer pipeline behind `npm run regen`: fetch the pinned spec (a verified copy is
 * reused), repair it, write the repaired JSON (what `spec:lint` and the benchmarks read), generate
 * and replace `generated/`; with `lint`, also lint the repaired spec while generating and replace
 * `generated/` only if the lint is clean. Nothing is cached: each run does all of it.
 */
export async function regen(options: RegenOptions = {}): Promise<RegenResult> {
  const fetched = await fetchPinnedSpec();
  let lint: Promise<LintReport> | undefined;
  const outDir = join(projectRoot, "generated");
  const result = await generate({
    outDir,
    force: options.force === true,
    onSpec: (spec) => {
      writeRepaired(spec.doc, repairedPinnedPath);
      if (!options.lint) return;
      // redocly runs in its own process, so it lints while this one generates.
      lint = lintFiles([repairedPinnedPath]).then(([report]) => report!);
      lint.catch(() => undefined);
    },
    beforeWrite: async () => {
      if (lint) failOnLintErrors(await lint);
    },
  });
  return { ...result, fetched, outDir };
}

function failOnLintErrors(report: LintReport): void {
  if (report.errors.length === 0) return;
  const detail = report.errors.map((p) => `\n  ${p.ruleId} at ${p.pointer}: ${p.message}`).join("");
  const rules = countByRule(report.errors)
    .map(([id, n]) => `${id} ${n}`)
    .join(", ");
  throw new SpecError(
    "lint-failed",
    `the repaired spec has ${report.errors.length} lint errors (${rules}); generated/ left as it was${detail}`,
    { file: report.file },
  );
}
