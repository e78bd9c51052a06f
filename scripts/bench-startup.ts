/**
 * npm run bench:startup [-- --runs <n>] [--no-build]
 * What using the SDK costs before the first request: a fresh node process that imports the
 * package root (the built packages/sdk/dist/, as users get it) and creates a client, against one
 * that imports openapi-fetch and creates its client, and an empty node process for reference.
 * Paired, alternated runs (the order rotates each round); medians. Each child measures itself with
 * `process.cpuUsage()` (microseconds, where the kernel's per-process figures come in 10 ms ticks,
 * too coarse for a ratio near 1.1): `load`, the CPU of the import and the client's creation, and
 * the whole process's CPU when it exits (start-up of node included). Headline: `ratio`, the SDK's
 * whole-process CPU over openapi-fetch's (target <= 1.1); `paired_ratio` is the median of the
 * ratios within each round; `load_ratio` compares the import and creation alone; `net_ratio`
 * subtracts the empty process from both. `sdk_files` counts the SDK's files the import and the
 * client load. The last line is one JSON object. Builds the packages first (npm run build)
 * unless --no-build.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { projectRoot } from "../spec/source.js";
import { median, round, runsOption } from "./lib/bench-runs.js";
import { runMain } from "../spec/run-main.js";

/** One run of a child: wall ms (as the parent sees it), and its own CPU ms (load and whole). */
interface Sample {
  wall: number;
  load: number;
  whole: number;
}

runMain(async () => {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      "no-build": { type: "boolean", default: false },
    },
  });
  const runs = runsOption(values.runs, 31);
  if (!values["no-build"]) {
    execFileSync("npm", ["run", "build"], { cwd: projectRoot, stdio: "ignore" });
  }
  const sdk = pathToFileURL(
    join(projectRoot, "packages", "sdk", "dist", "packages", "index.js"),
  ).href;
  const baseUrl = JSON.stringify("http://127.0.0.1:9/api/admin/v3.0");
  const commands = {
    sdk: script(
      `const { createAdminClient } = await import(${JSON.stringify(sdk)});\n` +
        `createAdminClient({ baseUrl: ${baseUrl}, credentials: { publicKey: "p", privateKey: "k" } });`,
    ),
    openapi_fetch: script(
      `const { default: createClient } = await import("openapi-fetch");\n` +
        `createClient({ baseUrl: ${baseUrl} });`,
    ),
    node: script(""),
  };
  const files = loadedFiles(commands.sdk, join(projectRoot, "packages", "sdk", "dist"));
  const names = Object.keys(commands) as (keyof typeof commands)[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as Sample[]])) as Record<
    keyof typeof commands,
    Sample[]
  >;
  for (let round = -2; round < runs; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + Math.max(round, 0)) % names.length]!;
      const sample = await measure(commands[name]);
      if (round >= 0) samples[name].push(sample);
    }
  }
  const med = (n: keyof typeof commands, field: keyof Sample) =>
    median(samples[n].map((s) => s[field]));
  for (const name of names) {
    console.log(
      `median ${name.padEnd(14)} ${med(name, "wall").toFixed(0)} ms wall, ` +
        `${med(name, "whole").toFixed(1)} ms cpu (import + create ${med(name, "load").toFixed(1)} ms)`,
    );
  }
  const ratio = med("sdk", "whole") / med("openapi_fetch", "whole");
  const paired = median(samples.sdk.map((s, i) => s.whole / samples.openapi_fetch[i]!.whole));
  const loadRatio = med("sdk", "load") / med("openapi_fetch", "load");
  const net =
    (med("sdk", "whole") - med("node", "whole")) /
    (med("openapi_fetch", "whole") - med("node", "whole"));
  console.log(
    `SDK vs openapi-fetch: ${ratio.toFixed(3)}x cpu (target <= 1.1; paired ${paired.toFixed(3)}x), ` +
      `import + create ${loadRatio.toFixed(2)}x, net of node ${net.toFixed(2)}x; the SDK loads ${files} of its files`,
  );
  console.log(
    JSON.stringify({
      bench: "startup",
      runs,
      sdk_ms: round(med("sdk", "wall")),
      sdk_cpu_ms: round(med("sdk", "whole")),
      sdk_load_cpu_ms: round(med("sdk", "load")),
      openapi_fetch_ms: round(med("openapi_fetch", "wall")),
      openapi_fetch_cpu_ms: round(med("openapi_fetch", "whole")),
      openapi_fetch_load_cpu_ms: round(med("openapi_fetch", "load")),
      node_cpu_ms: round(med("node", "whole")),
      ratio: Math.round(ratio * 1000) / 1000,
      paired_ratio: Math.round(paired * 1000) / 1000,
      load_ratio: round(loadRatio),
      net_ratio: round(net),
      sdk_files: files,
    }),
  );
});

/**
 * A node command running `body` as a module, then printing its own CPU figures as JSON: `load`
 * around `body`, `whole` in the exit handler (the process's CPU up to its end, start-up included).
 */
function script(body: string): string[] {
  const source =
    `const before = process.cpuUsage();\n${body}\n` +
    `const load = process.cpuUsage(before);\n` +
    `process.on("exit", () => { const whole = process.cpuUsage(); ` +
    `process.stdout.write(JSON.stringify({ load: (load.user + load.system) / 1000, ` +
    `whole: (whole.user + whole.system) / 1000 })); });`;
  return [process.execPath, "--input-type=module", "-e", source];
}

/** Runs one command; its wall time and the CPU figures it printed. A failure is an error. */
function measure([command, ...args]: string[]): Promise<Sample> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile(command!, args, { cwd: projectRoot }, (error, stdout, stderr) => {
      const wall = performance.now() - start;
      if (error) {
        reject(
          new Error(`${args.at(-1)} failed: ${stderr.trim().split("\n").slice(-3).join(" ")}`),
        );
        return;
      }
      const { load, whole } = JSON.parse(stdout) as { load: number; whole: number };
      resolve({ wall, load, whole });
    });
  });
}

/**
 * How many files under `dir` the command loads: run once with a module loader hook (in its own
 * thread, as Node runs hooks) that prints each file URL it loads to stderr.
 */
function loadedFiles(command: readonly string[], dir: string): number {
  const hook = `export async function load(url, context, next) {
    if (url.startsWith("file:")) process.stderr.write("loaded " + url + "\\n");
    return next(url, context);
  }`;
  const register =
    `import { register } from "node:module";` +
    `register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  const [node, ...args] = command;
  const { stderr } = spawnSync(
    node!,
    ["--import", `data:text/javascript,${encodeURIComponent(register)}`, ...args],
    { encoding: "utf8" },
  );
  const prefix = pathToFileURL(dir).href;
  return new Set(
    stderr
      .split("\n")
      .filter((line) => line.startsWith(`loaded ${prefix}/`))
      .map((line) => line.slice("loaded ".length)),
  ).size;
}
