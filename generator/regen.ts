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
}

export interface RegenResult extends GenerateResult {
  fetched: FetchResult;
  outDir: string;
}

/**
 * The maintainer pipeline behind `npm run regen`: fetch the pinned spec (a verified copy is
 * reused), repair it, lint the repaired spec while generating, and replace `generated/` only if
 * the lint is clean (a lint error leaves it as it was). Nothing is cached: each run does all of it.
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
      // redocly runs in its own process, so it lints while this one generates.
      lint = lintFiles([repairedPinnedPath]).then(([report]) => report!);
      lint.catch(() => undefined);
    },
    beforeWrite: async () => failOnLintErrors(await lint!),
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
