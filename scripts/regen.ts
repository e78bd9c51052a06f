/**
 * npm run regen
 * The whole maintainer pipeline: fetch the pinned spec (a verified copy is reused), repair it, lint
 * the repaired spec while generating, and write generated/ (formatted) only if the lint is clean.
 */
import { join, relative } from "node:path";
import { generate } from "../generator/generate.js";
import { SpecError } from "../spec/errors.js";
import { fetchPinnedSpec } from "../spec/fetch.js";
import { countByRule, lintFiles, type LintReport } from "../spec/lint.js";
import { repairedPinnedPath, writeRepaired } from "../spec/pipeline.js";
import { projectRoot } from "../spec/source.js";
import { runMain } from "./lib/run-main.js";

runMain(async () => {
  const fetched = await fetchPinnedSpec();
  let lint: Promise<LintReport[]> | undefined;
  const outDir = join(projectRoot, "generated");
  const result = await generate({
    outDir,
    onSpec: (spec) => {
      writeRepaired(spec.doc, repairedPinnedPath);
      // redocly runs in its own process, so it lints while this one generates.
      lint = lintFiles([repairedPinnedPath]);
      lint.catch(() => undefined);
    },
    beforeWrite: async () => {
      const [report] = await lint!;
      for (const p of report!.errors)
        console.error(`  lint error ${p.ruleId} at ${p.pointer}: ${p.message}`);
      if (report!.errors.length > 0) {
        const rules = countByRule(report!.errors)
          .map(([id, n]) => `${id} ${n}`)
          .join(", ");
        throw new SpecError(
          "lint-failed",
          `the repaired spec has ${report!.errors.length} lint errors (${rules}); generated/ left as it was`,
          {
            file: relative(process.cwd(), repairedPinnedPath),
          },
        );
      }
    },
  });
  const applied = result.spec.repairs.filter((r) => r.status === "applied").length;
  console.log(
    `regen: spec ${fetched.status} (sha256 ${fetched.sha256.slice(0, 12)}…), ${applied} repairs applied, lint clean; ` +
      `${result.files.length} files into ${relative(process.cwd(), outDir)}: ${result.model.operations.length} operations, ` +
      `${result.model.schemas.length} models`,
  );
});
