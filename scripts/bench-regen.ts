/**
 * npm run bench:regen [-- --runs <n>]
 * Times the whole `regen` (spec already fetched; fetch -> repair -> lint -> generate -> format ->
 * write) against openapi-typescript alone (its CLI on the same repaired spec), each as a child
 * process, alternating, and prints the medians and their ratios. regen is timed twice: warm (its
 * exact caches primed by an untimed run: unchanged files are not re-formatted and the lint verdict
 * for the same bytes is reused) and cold (`--no-cache`: everything from scratch). The last line is
 * one JSON object. Target: regen <= 2.0x openapi-typescript alone.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { fetchPinnedSpec } from "../spec/fetch.js";
import { repairedPinnedPath, repairedPinnedSpec, writeRepaired } from "../spec/pipeline.js";
import { projectRoot } from "../spec/source.js";
import { runMain } from "./lib/run-main.js";

runMain(async () => {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  await fetchPinnedSpec();
  // The baseline reads the repaired spec regen writes; write it once up front so it exists.
  writeRepaired(repairedPinnedSpec().doc, repairedPinnedPath);
  const out = mkdtempSync(join(tmpdir(), "bench-regen-"));
  const regenScript = [
    process.execPath,
    "--import",
    "tsx",
    join(projectRoot, "scripts", "regen.ts"),
  ];
  const commands = {
    regen: regenScript,
    regen_cold: [...regenScript, "--no-cache"],
    openapi_typescript: [
      process.execPath,
      join(projectRoot, "node_modules", "openapi-typescript", "bin", "cli.js"),
      repairedPinnedPath,
      "-o",
      join(out, "schema.ts"),
    ],
  };
  type Name = keyof typeof commands;
  const names = Object.keys(commands) as Name[];
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
  const cpu = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
  try {
    await time(commands.regen); // primes the caches; the cold runs do not touch them
    for (let i = 0; i < runs; i++) {
      // Rotate which goes first, so drift in machine load hits all alike.
      const order = names.map((_, k) => names[(k + i) % names.length]!);
      for (const name of order) {
        const before = childCpuSeconds();
        const seconds = await time(commands[name]);
        const used = childCpuSeconds() - before;
        times[name].push(seconds);
        cpu[name].push(used);
        console.log(
          `run ${i + 1}/${runs} ${name.padEnd(18)} ${seconds.toFixed(2)} s (cpu ${used.toFixed(2)} s)`,
        );
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const warm = median(times.regen);
  const cold = median(times.regen_cold);
  const ots = median(times.openapi_typescript);
  console.log(
    `median regen ${warm.toFixed(2)} s warm, ${cold.toFixed(2)} s cold; openapi-typescript ${ots.toFixed(2)} s; ` +
      `ratio ${(warm / ots).toFixed(2)}x warm, ${(cold / ots).toFixed(2)}x cold (target <= 2.0x)`,
  );
  console.log(
    `median cpu: regen ${median(cpu.regen).toFixed(2)} s warm, ${median(cpu.regen_cold).toFixed(2)} s cold, ` +
      `openapi-typescript ${median(cpu.openapi_typescript).toFixed(2)} s`,
  );
  console.log(
    JSON.stringify({
      bench: "regen",
      regen_s: round(warm),
      regen_cold_s: round(cold),
      openapi_typescript_s: round(ots),
      ratio: round(warm / ots),
      cold_ratio: round(cold / ots),
    }),
  );
});

/** Runs a command to completion and returns its wall time in seconds; a failure is an error. */
function time([command, ...args]: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command!, args, { cwd: projectRoot, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const seconds = (performance.now() - start) / 1000;
      if (code === 0) resolve(seconds);
      else
        reject(
          new Error(
            `${args.at(-1)} exited with ${code}: ${stderr.trim().split("\n").slice(-3).join(" ")}`,
          ),
        );
    });
  });
}

/**
 * CPU seconds (user + system) used so far by this process's finished children, from
 * /proc/self/stat (Linux); NaN elsewhere.
 */
function childCpuSeconds(): number {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 of stat(5) are cutime and cstime; the slice starts at field 3.
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** USER_HZ, the unit of /proc times: 100 on Linux for x86 and ARM. */
const CLOCK_TICKS = 100;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
