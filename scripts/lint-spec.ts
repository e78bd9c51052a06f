/**
 * npm run spec:lint
 * Repairs the verified pinned spec, lints upstream and repaired with @redocly/cli and the committed
 * config, prints both counts, and fails on any error in the repaired spec (with its JSON pointer).
 * Then prints the findings (spec/findings.ts): what the repaired spec leaves untyped for want of
 * evidence, each with its pointer; they do not fail the run.
 */
import { relative } from "node:path";
import { responseBodyFindings } from "../spec/findings.js";
import { countByRule, lintFiles, type LintReport } from "../spec/lint.js";
import { repairedPinnedPath, repairedPinnedSpec, writeRepaired } from "../spec/pipeline.js";
import { runMain } from "../spec/run-main.js";

runMain(async () => {
  const spec = repairedPinnedSpec();
  writeRepaired(spec.doc, repairedPinnedPath);
  const applied = spec.repairs.filter((r) => r.status === "applied");
  console.log(
    `repairs: ${applied.length} applied, ${applied.reduce((n, r) => n + r.fixes.length, 0)} fixes`,
  );
  const [upstream, repaired] = await lintFiles([spec.file, repairedPinnedPath]);
  console.log(summary("upstream", upstream!));
  console.log(summary("repaired", repaired!));
  for (const p of repaired!.errors) {
    console.error(`  error ${p.ruleId} at ${p.pointer}: ${p.message}`);
  }
  const findings = responseBodyFindings(spec.doc);
  console.log(`findings: ${findings.length}`);
  for (const f of findings) console.log(`  finding at ${f.pointer}: ${f.message}`);
  if (repaired!.errors.length > 0) {
    console.error(
      `spec:lint failed: ${repaired!.errors.length} errors in ${relative(process.cwd(), repairedPinnedPath)}`,
    );
    return 1;
  }
  return 0;
});

function summary(label: string, report: LintReport): string {
  const rules = countByRule(report.errors)
    .map(([id, n]) => `${id} ${n}`)
    .join(", ");
  return `${label}: ${report.errors.length} errors, ${report.warnings.length} warnings${rules ? ` (errors: ${rules})` : ""}`;
}
