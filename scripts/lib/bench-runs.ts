import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fetchPinnedSpec } from "../../spec/fetch.js";
import { repairedPinnedPath, repairedPinnedSpec, writeRepaired } from "../../spec/pipeline.js";
import { projectRoot } from "../../spec/source.js";

/** One command of a benchmark: argv, run in the project root. */
export type Command = readonly string[];

/** Wall and CPU seconds of every run of each command, in run order. */
export type Timings<N extends string> = Record<N, { wall: number[]; cpu: number[] }>;

/**
 * Runs each command `runs` times as a child process, alternating them and rotating which goes
 * first in each round, so drifting machine load hits all alike; records wall seconds and the
 * child's CPU seconds (user + system, from /proc/self/stat's children fields). `warmup` untimed
 * rounds come first (file caches, the esbuild binary). A failing run is an error naming it.
 */
export async function pairedRuns<N extends string>(
  commands: Record<N, Command>,
  runs: number,
  options: { warmup?: number; log?: (line: string) => void } = {},
): Promise<Timings<N>> {
  const names = Object.keys(commands) as N[];
  const timings = Object.fromEntries(
    names.map((n) => [n, { wall: [] as number[], cpu: [] as number[] }]),
  ) as Timings<N>;
  for (let round = -(options.warmup ?? 1); round < runs; round++) {
    const order = names.map((_, k) => names[(k + Math.max(round, 0)) % names.length]!);
    for (const name of order) {
      const before = childCpuSeconds();
      const wall = await time(commands[name]);
      const cpu = childCpuSeconds() - before;
      if (round < 0) continue;
      timings[name].wall.push(wall);
      timings[name].cpu.push(cpu);
      options.log?.(
        `run ${round + 1}/${runs} ${name.padEnd(20)} ${wall.toFixed(2)} s (cpu ${cpu.toFixed(2)} s)`,
      );
    }
  }
  return timings;
}

/** `--runs <n>` from the command line (a positive integer), or `fallback`. */
export function runsOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const runs = Number(value);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive integer, got ${value}`);
  return runs;
}

/** The repaired pinned spec on disk (the peers read it), fetched and repaired first if needed. */
export async function repairedSpecOnDisk(): Promise<string> {
  await fetchPinnedSpec();
  writeRepaired(repairedPinnedSpec().doc, repairedPinnedPath);
  return repairedPinnedPath;
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Two decimals, for the JSON line. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Runs a command to completion and returns its wall time in seconds; a failure is an error. */
function time([command, ...args]: Command): Promise<number> {
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
            `${args.join(" ")} exited with ${code}: ${stderr.trim().split("\n").slice(-3).join(" ")}`,
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
