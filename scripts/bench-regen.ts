/**
 * npm run bench:regen [-- --runs <n>]
 * Times a cold `regen` (nothing is cached: fetch check -> repair -> generate -> write, with the
 * compile of the generator by esbuild included; no lint, see docs/ARCHITECTURE.md) against the
 * two generators it is measured by, each run on the repaired pinned spec regen writes (the raw
 * pinned spec crashes @hey-api/openapi-ts, DESIGN §5): openapi-typescript (its CLI: types only)
 * and @hey-api/openapi-ts (its CLI with its defaults: types, SDK and fetch client, which is the
 * closest peer of what regen makes). Each is a child process; runs alternate and rotate;
 * medians of wall and CPU seconds. Headline: `ratio`, regen's cold wall time over hey-api's
 * (target <= 1.0). The last line is one JSON object.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../spec/source.js";
import { median, pairedRuns, repairedSpecOnDisk, round, runsOption } from "./lib/bench-runs.js";
import { runMain } from "../spec/run-main.js";

runMain(async () => {
  const { values } = parseArgs({ options: { runs: { type: "string" } } });
  const runs = runsOption(values.runs, 5);
  // The peers read the repaired spec regen writes; write it once up front so it exists.
  const repairedPinnedPath = await repairedSpecOnDisk();
  const out = mkdtempSync(join(tmpdir(), "bench-regen-"));
  const bin = (...path: string[]) => join(projectRoot, "node_modules", ...path);
  const commands = {
    regen: [
      process.execPath,
      join(projectRoot, "scripts", "lib", "run-built.mjs"),
      "scripts/regen.ts",
    ],
    openapi_typescript: [
      process.execPath,
      bin("openapi-typescript", "bin", "cli.js"),
      repairedPinnedPath,
      "-o",
      join(out, "ots", "schema.ts"),
    ],
    hey_api: [
      process.execPath,
      bin("@hey-api", "openapi-ts", "bin", "run.js"),
      "-i",
      repairedPinnedPath,
      "-o",
      join(out, "hey-api"),
    ],
  };
  let timings;
  try {
    timings = await pairedRuns(commands, runs, { log: (line) => console.log(line) });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const wall = (n: keyof typeof commands) => median(timings[n].wall);
  const cpu = (n: keyof typeof commands) => median(timings[n].cpu);
  for (const name of Object.keys(commands) as (keyof typeof commands)[]) {
    console.log(
      `median ${name.padEnd(20)} ${wall(name).toFixed(2)} s wall, ${cpu(name).toFixed(2)} s cpu`,
    );
  }
  const ratio = wall("regen") / wall("hey_api");
  console.log(`regen cold vs hey-api: ${ratio.toFixed(2)}x wall (target <= 1.0)`);
  console.log(
    JSON.stringify({
      bench: "regen",
      runs,
      regen_s: round(wall("regen")),
      regen_cpu_s: round(cpu("regen")),
      openapi_typescript_s: round(wall("openapi_typescript")),
      openapi_typescript_cpu_s: round(cpu("openapi_typescript")),
      hey_api_s: round(wall("hey_api")),
      hey_api_cpu_s: round(cpu("hey_api")),
      ratio: round(ratio),
      cpu_ratio: round(cpu("regen") / cpu("hey_api")),
      ratio_openapi_typescript: round(wall("regen") / wall("openapi_typescript")),
    }),
  );
});
