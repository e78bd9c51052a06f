/**
 * npm run spec:history [-- --types] [--only 120-126]
 * Runs every version of the spec history (the corpus, see spec/corpus.ts) through load + repair +
 * lint and prints, per version, the upstream and repaired lint error counts and the repairs that
 * applied, then one row per repair (defect classes, versions affected, fixes). With --types, also
 * emits each repaired version with openapi-typescript and type-checks the output with tsc --strict
 * (TypeScript 7).
 * Exits 1 when a repaired version has a lint error (or, with --types, a crash or type error).
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { versionRanges } from "../spec/catalogue.js";
import { corpusDir } from "../spec/corpus.js";
import { historyVersions, runHistory, type VersionOutcome } from "../spec/history.js";
import { countByRule, type LintReport } from "../spec/lint.js";
import { loadSpecFile } from "../spec/load.js";
import { repairSpec } from "../spec/repair.js";
import { repairs } from "../spec/repairs/index.js";
import { cacheDir } from "../spec/source.js";
import { typeCheckDocuments } from "../spec/type-check.js";
import { runMain } from "../spec/run-main.js";

runMain(async () => {
  const { values } = parseArgs({
    options: { types: { type: "boolean", default: false }, only: { type: "string" } },
  });
  const [from, to] = (values.only ?? "000-999").split("-");
  const versions = historyVersions().filter((v) => v.index >= from! && v.index <= (to ?? from)!);
  const outDir = join(cacheDir, "history");
  console.log(
    `history: ${versions.length} versions from ${corpusDir().dir}; repaired copies in ${outDir}`,
  );
  const started = Date.now();
  const outcomes = await runHistory(versions, { outDir, upstream: true });
  let failed = printVersions(outcomes);
  printCatalogue(outcomes);
  if (values.types) failed = (await printTypes(outcomes, join(outDir, "types"))) || failed;
  console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return failed ? 1 : 0;
});

function printVersions(outcomes: VersionOutcome[]): boolean {
  const totals = { upstream: 0, loaded: 0, repaired: 0, unparseable: 0 };
  console.log("\nversion  date        upstream  as loaded  repaired  repairs applied (fixes)");
  for (const o of outcomes) {
    const head = `${o.version.index}      ${o.version.date}`;
    if ("refused" in o) {
      console.log(`${head}  refused: ${o.refused.message}`);
      continue;
    }
    const parse = o.upstream!.errors.find((e) => e.ruleId === "parse");
    if (parse) totals.unparseable++;
    totals.upstream += o.upstream!.errors.length;
    totals.loaded += o.loaded!.errors.length;
    totals.repaired += o.repaired.errors.length;
    const up = parse ? `parse:${parse.line ?? "?"}` : String(o.upstream!.errors.length);
    const applied = o.repairs
      .filter((r) => r.status === "applied")
      .map((r) => `${r.id}(${r.fixes.length})`);
    console.log(
      `${head}  ${up.padStart(8)}  ${String(o.loaded!.errors.length).padStart(9)}  ` +
        `${String(o.repaired.errors.length).padStart(8)}  ${applied.join(" ")}`,
    );
    for (const e of o.repaired.errors)
      console.log(`    error ${e.ruleId} at ${e.pointer}: ${e.message}`);
  }
  const linted = outcomes.flatMap((o) => ("refused" in o ? [] : [o]));
  const rules = (pick: (o: (typeof linted)[number]) => LintReport) =>
    countByRule(linted.flatMap((o) => pick(o).errors))
      .map(([id, n]) => `${id} ${n}`)
      .join(", ");
  console.log(
    `\nlint errors over ${linted.length} parseable versions: upstream ${totals.upstream} ` +
      `(${totals.unparseable} files redocly cannot parse, each counted as 1); ` +
      `upstream as loaded ${totals.loaded}; repaired ${totals.repaired}`,
  );
  console.log(`upstream by rule: ${rules((o) => o.upstream!)}`);
  console.log(`as loaded by rule: ${rules((o) => o.loaded!)}`);
  return totals.repaired > 0;
}

function printCatalogue(outcomes: VersionOutcome[]): void {
  console.log("\nrepair                          classes            versions  fixes  ranges");
  for (const repair of repairs) {
    const hits = outcomes.flatMap((o) => {
      const r = "repairs" in o ? o.repairs.find((x) => x.id === repair.id) : undefined;
      return r && r.status === "applied" ? [{ index: o.version.index, fixes: r.fixes.length }] : [];
    });
    const fixes = hits.reduce((n, h) => n + h.fixes, 0);
    console.log(
      `${repair.id.padEnd(32)}${repair.defects.join(",").padEnd(19)}${String(hits.length).padStart(8)}` +
        `${String(fixes).padStart(7)}  ${versionRanges(hits.map((h) => h.index))}${repair.inPinned ? "  (pinned)" : ""}`,
    );
  }
}

async function printTypes(outcomes: VersionOutcome[], outDir: string): Promise<boolean> {
  const docs = outcomes.flatMap((o) =>
    "refused" in o
      ? []
      : [{ name: `v${o.version.index}`, doc: repairSpec(loadSpecFile(o.version.path).doc).doc }],
  );
  const results = await typeCheckDocuments(docs, outDir);
  console.log("\ntypes (openapi-typescript + tsc --strict):");
  let bad = false;
  for (const r of results) {
    if (r.crash || r.errors.length > 0) bad = true;
    const state = r.crash
      ? `CRASH ${r.crash}`
      : `${r.errors.length} type errors, ${r.unknownBodies} bodies typed unknown`;
    console.log(`  ${r.name}: ${state}`);
    for (const e of r.errors.slice(0, 5)) console.log(`    ${e}`);
  }
  const crashes = results.filter((r) => r.crash).length;
  const errors = results.reduce((n, r) => n + r.errors.length, 0);
  console.log(`types: ${results.length} versions, ${crashes} crashes, ${errors} type errors`);
  return bad;
}
