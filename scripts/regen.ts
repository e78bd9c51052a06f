/**
 * npm run regen [-- --no-cache]
 * The whole maintainer pipeline: fetch the pinned spec (a verified copy is reused), repair it, lint
 * the repaired spec while generating, and write generated/ (formatted) only if the lint is clean.
 *
 * Two exact caches under .cache/ skip work whose inputs did not change: prettier's output per file
 * (content-addressed, the spec hash masked) and the last lint verdict (keyed by the repaired
 * spec's bytes, the config and the redocly version). `--no-cache` runs everything from scratch.
 */
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { pruneFormatCache } from "../generator/format-cache.js";
import { generate } from "../generator/generate.js";
import { SpecError } from "../spec/errors.js";
import { fetchPinnedSpec } from "../spec/fetch.js";
import { countByRule, lintFileCached, lintFiles, type LintReport } from "../spec/lint.js";
import { repairedPinnedPath, writeRepaired } from "../spec/pipeline.js";
import { cacheDir, projectRoot } from "../spec/source.js";
import { runMain } from "./lib/run-main.js";

runMain(async () => {
  const { values } = parseArgs({ options: { "no-cache": { type: "boolean", default: false } } });
  const useCache = !values["no-cache"];
  const formatCache = useCache ? join(cacheDir, "format") : undefined;
  const started = Date.now();
  const fetched = await fetchPinnedSpec();
  let lint: Promise<{ report: LintReport; cached: boolean }> | undefined;
  const outDir = join(projectRoot, "generated");
  const result = await generate({
    outDir,
    formatCache,
    onSpec: (spec) => {
      writeRepaired(spec.doc, repairedPinnedPath);
      // redocly runs in its own process, so it lints while this one generates.
      lint = useCache
        ? lintFileCached(repairedPinnedPath, join(cacheDir, "last-lint.json"))
        : lintFiles([repairedPinnedPath]).then(([report]) => ({ report: report!, cached: false }));
      lint.catch(() => undefined);
    },
    beforeWrite: async () => {
      const { report } = await lint!;
      for (const p of report.errors) {
        console.error(`  lint error ${p.ruleId} at ${p.pointer}: ${p.message}`);
      }
      if (report.errors.length > 0) {
        const rules = countByRule(report.errors)
          .map(([id, n]) => `${id} ${n}`)
          .join(", ");
        throw new SpecError(
          "lint-failed",
          `the repaired spec has ${report.errors.length} lint errors (${rules}); generated/ left as it was`,
          { file: relative(process.cwd(), repairedPinnedPath) },
        );
      }
    },
  });
  if (formatCache) pruneFormatCache(formatCache, started);
  const { cached } = await lint!;
  const applied = result.spec.repairs.filter((r) => r.status === "applied").length;
  console.log(
    `regen: spec ${fetched.status} (sha256 ${fetched.sha256.slice(0, 12)}…), ${applied} repairs applied, ` +
      `lint clean${cached ? " (verdict reused: same bytes)" : ""}; ` +
      `${result.files.length} files into ${relative(process.cwd(), outDir)}: ${result.model.operations.length} operations, ` +
      `${result.model.schemas.length} models`,
  );
});
