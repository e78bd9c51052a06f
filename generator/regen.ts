import { join } from "node:path";
import { SpecError } from "../spec/errors.js";
import { fetchPinnedSpec, type FetchResult } from "../spec/fetch.js";
import { countByRule, lintFileCached, lintFiles, type LintReport } from "../spec/lint.js";
import { repairedPinnedPath, writeRepaired } from "../spec/pipeline.js";
import { cacheDir, projectRoot } from "../spec/source.js";
import { pruneFormatCache } from "./format-cache.js";
import { generate, type GenerateResult } from "./generate.js";
import type { HelperThread } from "./helper-thread.js";

export interface RegenOptions {
  /** Reuse prettier's output for unchanged files and the last lint verdict for the same bytes. */
  useCache: boolean;
  /** Replace generated/ even when it holds files the generator did not write (see out-dir.ts). */
  force?: boolean;
  /** A helper thread started early by the caller (its start-up then overlaps the caller's). */
  helper?: HelperThread;
}

export interface RegenResult extends GenerateResult {
  fetched: FetchResult;
  outDir: string;
  /** True when the lint verdict was reused rather than computed. */
  lintCached: boolean;
}

/**
 * The maintainer pipeline behind `npm run regen`: fetch the pinned spec (a verified copy is
 * reused), repair it, lint the repaired spec while generating, and replace `generated/` only if
 * the lint is clean (a lint error leaves it as it was).
 *
 * Two exact caches under `.cache/spec/` skip work whose inputs did not change: prettier's output
 * per file (content-addressed, the spec hash masked; see format-cache.ts) and the last lint
 * verdict (keyed by the repaired spec's bytes, the config and the redocly version).
 */
export async function regen(options: RegenOptions): Promise<RegenResult> {
  const formatCache = options.useCache ? join(cacheDir, "format") : undefined;
  const started = Date.now();
  const fetched = await fetchPinnedSpec();
  let lint: Promise<{ report: LintReport; cached: boolean }> | undefined;
  const outDir = join(projectRoot, "generated");
  const result = await generate({
    outDir,
    force: options.force === true,
    formatCache,
    ...(options.helper ? { helper: options.helper } : {}),
    onSpec: (spec) => {
      writeRepaired(spec.doc, repairedPinnedPath);
      // redocly runs in its own process, so it lints while this one generates.
      lint = options.useCache
        ? lintFileCached(repairedPinnedPath, join(cacheDir, "last-lint.json"))
        : lintFiles([repairedPinnedPath]).then(([report]) => ({ report: report!, cached: false }));
      lint.catch(() => undefined);
    },
    beforeWrite: async () => failOnLintErrors((await lint!).report),
  });
  if (formatCache) pruneFormatCache(formatCache, started);
  return { ...result, fetched, outDir, lintCached: (await lint!).cached };
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
