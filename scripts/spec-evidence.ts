/**
 * npm run spec:evidence [-- --check]
 * Loads and repairs every version of ../shared/spec/history (no lint), computes where each repair
 * applies, and rewrites the generated catalogue of spec/EVIDENCE.md (the semantic repairs, their
 * facts and evidence, and those version ranges). It also compares the ranges of spec/README.md's
 * table of structural repairs and prints each row that disagrees. With --check nothing is written:
 * it exits 1 when EVIDENCE.md or README.md is not up to date.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { format } from "prettier";
import { writeFileAtomic } from "../spec/atomic.js";
import {
  catalogueBlock,
  readmeVersions,
  renderCatalogue,
  versionRanges,
} from "../spec/catalogue.js";
import { historyVersions } from "../spec/history.js";
import { loadSpecFile } from "../spec/load.js";
import { repairSpec } from "../spec/repair.js";
import { repairs } from "../spec/repairs/index.js";
import { projectRoot } from "../spec/source.js";
import { runMain } from "../spec/run-main.js";

const evidenceFile = join(projectRoot, "spec", "EVIDENCE.md");
const readmeFile = join(projectRoot, "spec", "README.md");

runMain(async () => {
  const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
  const applied = new Map<string, string[]>(repairs.map((r) => [r.id, []]));
  let parseable = 0;
  for (const version of historyVersions()) {
    let doc;
    try {
      doc = loadSpecFile(version.path).doc;
    } catch {
      continue; // 059: not YAML (the history suites check it is refused with its line)
    }
    parseable++;
    for (const r of repairSpec(doc).results)
      if (r.status === "applied") applied.get(r.id)!.push(version.index);
  }
  const cell = (id: string) => {
    const hits = applied.get(id)!;
    return hits.length === parseable
      ? `all ${parseable}`
      : `${versionRanges(hits).replace(/,/g, ", ")} (${hits.length})`;
  };

  const text = readFileSync(evidenceFile, "utf8");
  const block = catalogueBlock(text);
  if (!block) throw new Error(`${evidenceFile}: the catalogue markers are missing`);
  const rendered = renderCatalogue(repairs, new Map(repairs.map((r) => [r.id, cell(r.id)])));
  const next = await format(text.replace(block, rendered), { filepath: evidenceFile });
  let stale = next !== text;

  for (const [id, stated] of readmeVersions(readFileSync(readmeFile, "utf8"))) {
    if (!applied.has(id)) {
      console.log(`README.md: "${id}" is not a repair`);
      stale = true;
    } else if (stated !== cell(id)) {
      console.log(`README.md: "${id}" states ${stated}; computed ${cell(id)}`);
      stale = true;
    }
  }
  if (values.check) {
    if (next !== text) console.log("spec/EVIDENCE.md is not up to date: run npm run spec:evidence");
    return stale ? 1 : 0;
  }
  if (next !== text) writeFileAtomic(evidenceFile, next);
  console.log(`${parseable} versions; spec/EVIDENCE.md ${next === text ? "unchanged" : "written"}`);
  return 0;
});
