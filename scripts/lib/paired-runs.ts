/** One timed run: wall time and this process's CPU time (user + system), in ms. */
export interface Sample {
  wallMs: number;
  cpuMs: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Runs every variant once per round, in `roundOrder`'s order, so that none always runs first, on
 * a warmer process or after another's garbage. Each run is timed by
 * wall clock and by this process's CPU time (a server in a child process is not counted). With
 * `--expose-gc`, a collection precedes every run, and `settle` (untimed) when given: what the
 * previous run left for the system to finish (written files not yet on disk) is then not charged
 * to the next. `onRound` sees each round's samples (to print).
 */
export async function pairedRuns<K extends string>(
  variants: Record<K, () => Promise<void>>,
  rounds: number,
  onRound?: (round: number, samples: Record<K, Sample>) => void,
  settle?: () => void,
): Promise<Record<K, Sample[]>> {
  const names = Object.keys(variants) as K[];
  const all = Object.fromEntries(names.map((name) => [name, [] as Sample[]])) as Record<
    K,
    Sample[]
  >;
  for (let round = 0; round < rounds; round++) {
    const order = roundOrder(names, round);
    const samples = {} as Record<K, Sample>;
    for (const name of order) {
      settle?.();
      gc?.();
      const cpu = process.cpuUsage();
      const start = performance.now();
      await variants[name]();
      const wallMs = performance.now() - start;
      const used = process.cpuUsage(cpu);
      samples[name] = { wallMs, cpuMs: (used.user + used.system) / 1000 };
      all[name].push(samples[name]);
    }
    onRound?.(round, samples);
  }
  return all;
}

/**
 * The order of `round`: rounds go in pairs, the second the first reversed, each pair rotated one
 * further, so over 2 x n rounds every variant runs first (and last) equally often, and what runs
 * just before each changes. (Rotating every round and reversing the odd ones, as before, put the
 * same variant first in both rounds of a pair: of two variants, always the same one.)
 */
export function roundOrder<K>(names: readonly K[], round: number): K[] {
  const shift = Math.floor(round / 2) % names.length;
  const rotated = names.map((_, i) => names[(i + shift) % names.length]!);
  return round % 2 === 0 ? rotated : rotated.reverse();
}

/** The median (the upper one of an even count). */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

/**
 * The median over rounds of `a`'s figure divided by `b`'s in the same round: steadier than a ratio
 * of medians on a shared machine, since the two ran back to back.
 */
export function pairedRatio(a: readonly Sample[], b: readonly Sample[], key: keyof Sample): number {
  return median(a.map((sample, i) => sample[key] / b[i]![key]));
}

/**
 * The lower and upper quartiles of the per-round ratios `pairedRatio` takes the median of, to two
 * decimals: their spread shows how far one run's median can be trusted.
 */
export function pairedQuartiles<K extends string>(
  a: readonly Record<K, number>[],
  b: readonly Record<K, number>[],
  key: K,
): [number, number] {
  const ratios = a.map((sample, i) => sample[key] / b[i]![key]).sort((x, y) => x - y);
  const at = (q: number) => Math.round(ratios[Math.floor(q * (ratios.length - 1))]! * 100) / 100;
  return [at(0.25), at(0.75)];
}

/** Medians of a variant's samples, and per item when `items` were handled per run. */
export function summary(samples: readonly Sample[], items: number) {
  const wallMs = median(samples.map((s) => s.wallMs));
  const cpuMs = median(samples.map((s) => s.cpuMs));
  return {
    wallMs: round1(wallMs),
    cpuMs: round1(cpuMs),
    wallPerItemUs: round1((wallMs / items) * 1000),
    cpuPerItemUs: round1((cpuMs / items) * 1000),
  };
}

/** A figure to one decimal. */
export function round1(x: number): number {
  return Number(x.toFixed(1));
}
