/**
 * npm run bench:startup [-- --runs <n>] [--no-build]
 * What using the SDK costs before the first request: a fresh node process that imports the
 * package root (the built packages/sdk/dist/, as users get it) and creates a client, against one that imports
 * openapi-fetch and creates its client, and an empty node process for reference. Paired,
 * alternated runs; medians of wall and CPU. Headline: `ratio`, the SDK's CPU over openapi-fetch's
 * (whole process, target <= 1.1); `net_ratio` subtracts the empty process from both;
 * `sdk_files` counts the SDK's files the import and the client load (the published JavaScript is
 * bundled per entry point, so this is a handful, not one per source module). The last line is one
 * JSON object. Builds the packages first (npm run build) unless --no-build.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { projectRoot } from "../spec/source.js";
import { median, pairedRuns, round, runsOption } from "./lib/bench-runs.js";
import { runMain } from "../spec/run-main.js";

runMain(async () => {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      "no-build": { type: "boolean", default: false },
    },
  });
  const runs = runsOption(values.runs, 15);
  if (!values["no-build"]) {
    execFileSync("npm", ["run", "build"], { cwd: projectRoot, stdio: "ignore" });
  }
  const sdk = pathToFileURL(
    join(projectRoot, "packages", "sdk", "dist", "packages", "index.js"),
  ).href;
  const baseUrl = "http://127.0.0.1:9/api/admin/v3.0";
  const script = (body: string) => [process.execPath, "--input-type=module", "-e", body];
  const commands = {
    sdk: script(
      `const { createAdminClient } = await import(${JSON.stringify(sdk)});\n` +
        `createAdminClient({ baseUrl: ${JSON.stringify(baseUrl)}, credentials: { publicKey: "p", privateKey: "k" } });`,
    ),
    openapi_fetch: script(
      `const { default: createClient } = await import("openapi-fetch");\n` +
        `createClient({ baseUrl: ${JSON.stringify(baseUrl)} });`,
    ),
    node: script(""),
  };
  const files = loadedFiles(commands.sdk, join(projectRoot, "packages", "sdk", "dist"));
  const timings = await pairedRuns(commands, runs, { warmup: 2 });
  const wall = (n: keyof typeof commands) => median(timings[n].wall);
  const cpu = (n: keyof typeof commands) => median(timings[n].cpu);
  for (const name of Object.keys(commands) as (keyof typeof commands)[]) {
    console.log(
      `median ${name.padEnd(14)} ${(wall(name) * 1000).toFixed(0)} ms wall, ${(cpu(name) * 1000).toFixed(0)} ms cpu`,
    );
  }
  const ratio = cpu("sdk") / cpu("openapi_fetch");
  const net = (cpu("sdk") - cpu("node")) / (cpu("openapi_fetch") - cpu("node"));
  console.log(
    `SDK vs openapi-fetch: ${ratio.toFixed(2)}x cpu (target <= 1.1), net of node ${net.toFixed(2)}x; ` +
      `the SDK loads ${files} of its files`,
  );
  console.log(
    JSON.stringify({
      bench: "startup",
      runs,
      sdk_ms: round(wall("sdk") * 1000),
      sdk_cpu_ms: round(cpu("sdk") * 1000),
      openapi_fetch_ms: round(wall("openapi_fetch") * 1000),
      openapi_fetch_cpu_ms: round(cpu("openapi_fetch") * 1000),
      node_cpu_ms: round(cpu("node") * 1000),
      ratio: round(ratio),
      net_ratio: round(net),
      sdk_files: files,
    }),
  );
});

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
