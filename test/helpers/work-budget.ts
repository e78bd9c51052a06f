/**
 * Time budgets of the long suites (the corpus tier, the generator-input property), derived from
 * the work a hook or test does instead of a fixed timeout that a loaded machine overruns (issue 15
 * item 8: the 120 s hook of a history shard).
 *
 * Costs are CPU seconds (user + system, child processes included) measured once on the 2-core
 * reference machine with `/usr/bin/time`; CPU time does not grow with load the way wall time does.
 * On a machine whose cores are shared, wall time is about CPU time × runnable jobs / cores: while
 * eight helpers worked, the load average was 17-20 on 2 cores and the history suites took 6.5-7.4×
 * their CPU time; at a load of 40, 098-146 overran a budget of 10×. So the budget allows
 * {@link contention}: 10×, or twice the load per core when the machine is busier than that.
 */
import { availableParallelism, loadavg } from "node:os";

/**
 * Wall seconds allowed per CPU second of work: at least 10, or twice the current load average
 * per core (doubled because the load may rise while the work runs).
 */
export function contention(): number {
  return Math.max(10, (2 * loadavg()[0]!) / availableParallelism());
}

/** Measured CPU seconds: once per batch (`start`) and per spec (`perVersion`). */
export const WORK_COSTS = {
  /**
   * Load, repair and write one version; redocly lints the whole batch in one process. Measured:
   * 1 version 4.1 s, versions 100-129 (the largest) 18.6 s, so 0.5 s each after a 3.6 s start.
   */
  lint: { start: 4, perVersion: 0.5 },
  /**
   * Generate one version, then type-check every output in one TypeScript 7 run. Measured: shard 1
   * of 4 (37 versions, one vitest file) 152.6 s, so about 4 s each.
   */
  generate: { start: 5, perVersion: 4 },
  /**
   * Load, repair and index the newer spec of a pair, then compare. Measured with bench:drift:
   * 41.6 s for the 146 pairs, 0.3 s each; the largest pair 0.7 s.
   */
  drift: { start: 1, perVersion: 0.7 },
  /**
   * Generate a mutated pinned spec in process, then type-check
   * every output in one run. Measured: a generation 6.9-9.7 s, a refused one 0.5-0.9 s.
   */
  fuzz: { start: 5, perVersion: 10 },
  /**
   * One run of the generator's command line on a small or refused spec, through tsx (which
   * compiles it first; measured: a refused spec 3.0-3.3 s) or compiled by run-built.mjs as
   * `npm run generate` runs it (about half that CPU).
   */
  cli: { start: 0, perVersion: 5 },
} as const;

/** The budget in milliseconds for `versions` specs of the given kind of work. */
export function workBudget(kind: keyof typeof WORK_COSTS, versions: number): number {
  const { start, perVersion } = WORK_COSTS[kind];
  return cpuBudget(start + versions * perVersion);
}

/** The budget in milliseconds for a check measured at `cpuSeconds` of CPU (children included). */
export function cpuBudget(cpuSeconds: number): number {
  return Math.ceil(cpuSeconds * contention() * 1000);
}
