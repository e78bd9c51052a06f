/**
 * npm run bench:drift
 * The drift report over every consecutive pair of the spec history: one line per pair, then a JSON
 * summary as the last line. The corpus is the shared folder's (`$APPSERVICES_SHARED_DIR` or
 * `../shared`) when there is one; otherwise it is fetched into `.cache/corpus/` first (by
 * repository, commit and sha256, see spec/corpus.ts), so no shared folder is needed.
 */
import { basename } from "node:path";
import { sweep } from "../packages/drift/sweep.js";
import { corpusDir, fetchCorpus } from "../spec/corpus.js";
import { historyVersions } from "../spec/history.js";

const corpus = corpusDir();
if (!corpus.shared) {
  const { fetched, present } = await fetchCorpus();
  console.log(`corpus: ${present} versions present, ${fetched} fetched into ${corpus.dir}`);
}
const files = historyVersions().map((v) => v.path);
const started = performance.now();
const cpuStart = process.cpuUsage();
let pairs = 0;
let unusable = 0;
let maxPair = 0;
let maxStandalone = 0;
let compareTotal = 0;
let maxCompare = 0;
let slowest = "";
await sweep(files, (pair) => {
  pairs++;
  const name = `${basename(pair.old).slice(0, 3)}->${basename(pair.new).slice(0, 3)}`;
  if (pair.seconds > maxPair) [maxPair, slowest] = [pair.seconds, name];
  maxStandalone = Math.max(maxStandalone, pair.standaloneSeconds);
  compareTotal += pair.compareSeconds;
  maxCompare = Math.max(maxCompare, pair.compareSeconds);
  let what: string;
  if (pair.outcome.ok) {
    const s = pair.outcome.result.summary;
    what = `${s.breaking} breaking, ${s["potentially-breaking"]} potentially, ${s["non-breaking"]} non-breaking`;
  } else {
    unusable++;
    const e = pair.outcome.error;
    what = `unusable ${e.side} spec (${e.reason}${e.line !== undefined ? ` line ${e.line}` : ""})`;
  }
  console.log(`${name}  ${pair.seconds.toFixed(3)} s  ${what}`);
});
const total = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
console.log(
  `slowest pair: ${slowest} (${maxPair.toFixed(3)} s); a standalone run of the slowest pair: ${maxStandalone.toFixed(3)} s`,
);
console.log(
  JSON.stringify({
    bench: "drift",
    pairs,
    unusable_pairs: unusable,
    total_s: Number(total.toFixed(3)),
    cpu_s: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)),
    max_pair_s: Number(maxPair.toFixed(3)),
    max_standalone_pair_s: Number(maxStandalone.toFixed(3)),
    compare_total_s: Number(compareTotal.toFixed(3)),
    max_compare_s: Number(maxCompare.toFixed(3)),
  }),
);
