/**
 * npm run bench:types [-- --runs <n>]
 * What the generated code costs the compiler: `tsc --noEmit` over generated/ against the same
 * over @hey-api/openapi-ts's output (types, SDK and client, its defaults) and openapi-typescript's
 * (types only) for the same repaired pinned spec, under TypeScript 5.9 and TypeScript 7, each a
 * child process, alternating and rotating; medians of wall and CPU seconds. Every project is
 * strict, `skipLibCheck`, with the DOM lib and no `@types` (so nothing of Node is needed).
 * Headlines: `ratio_ts5` and `ratio_ts7`, generated/'s wall time over hey-api's (target <= 1.0).
 * The last line is one JSON object.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { cacheDir, projectRoot } from "../spec/source.js";
import {
  median,
  pairedRuns,
  repairedSpecOnDisk,
  round,
  runsOption,
  type Command,
} from "./lib/bench-runs.js";
import { runMain } from "../spec/run-main.js";
import { typesProject } from "./lib/types-project.js";

const bin = (...path: string[]) => join(projectRoot, "node_modules", ...path);
const COMPILERS = {
  ts5: bin("typescript", "bin", "tsc"),
  ts7: bin("tsc7", "bin", "tsc"),
};

runMain(async () => {
  const { values } = parseArgs({ options: { runs: { type: "string" } } });
  const runs = runsOption(values.runs, 5);
  const repairedPinnedPath = await repairedSpecOnDisk();
  // Inside the project, so the outputs resolve openapi-fetch from its node_modules.
  const work = join(cacheDir, "bench-types");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const node = process.execPath;
  execFileSync(
    node,
    [
      bin("openapi-typescript", "bin", "cli.js"),
      repairedPinnedPath,
      "-o",
      join(work, "ots", "schema.ts"),
    ],
    { stdio: "ignore" },
  );
  execFileSync(
    node,
    [
      bin("@hey-api", "openapi-ts", "bin", "run.js"),
      "-i",
      repairedPinnedPath,
      "-o",
      join(work, "hey-api"),
    ],
    { stdio: "ignore" },
  );
  const projects = {
    generated: typesProject(work, "generated", join(projectRoot, "generated")),
    hey_api: typesProject(work, "hey_api", join(work, "hey-api")),
    openapi_typescript: typesProject(work, "openapi_typescript", join(work, "ots")),
  };
  const commands: Record<string, Command> = {};
  for (const [ts, compiler] of Object.entries(COMPILERS)) {
    for (const [name, config] of Object.entries(projects))
      commands[`${name}_${ts}`] = [node, compiler, "-p", config];
  }
  try {
    const timings = await pairedRuns(commands, runs, { log: (line) => console.log(line) });
    const wall = (n: string) => median(timings[n]!.wall);
    const cpu = (n: string) => median(timings[n]!.cpu);
    for (const name of Object.keys(commands))
      console.log(
        `median ${name.padEnd(26)} ${wall(name).toFixed(2)} s wall, ${cpu(name).toFixed(2)} s cpu`,
      );
    const result: Record<string, unknown> = { bench: "types", runs };
    for (const name of Object.keys(commands)) {
      result[`${name}_s`] = round(wall(name));
      result[`${name}_cpu_s`] = round(cpu(name));
    }
    for (const ts of Object.keys(COMPILERS)) {
      result[`ratio_${ts}`] = round(wall(`generated_${ts}`) / wall(`hey_api_${ts}`));
      result[`cpu_ratio_${ts}`] = round(cpu(`generated_${ts}`) / cpu(`hey_api_${ts}`));
    }
    console.log(
      `generated/ vs hey-api: ${String(result.ratio_ts5)}x (TS 5.9), ${String(result.ratio_ts7)}x (TS 7) wall (target <= 1.0)`,
    );
    console.log(JSON.stringify(result));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
