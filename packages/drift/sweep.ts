import { readFile } from "node:fs/promises";
import { driftBetween, type DriftResult } from "./drift.js";
import { DriftInputError, prepareSpec, type PreparedSpec } from "./source.js";

/** One consecutive pair of the sweep. */
export interface SweepPair {
  old: string;
  new: string;
  /** The report, or the input error when either side is unusable. */
  outcome: { ok: true; result: DriftResult } | { ok: false; error: DriftInputError };
  /** Seconds to prepare the new spec (load, repair, index) and compare: the pair's own work. */
  seconds: number;
  /** Seconds a standalone run would take: both specs prepared, then compared (no process start). */
  standaloneSeconds: number;
  /** Seconds of the comparison alone (rules, surface), without loading and repairing. */
  compareSeconds: number;
}

/**
 * Compares every consecutive pair of `files`, preparing each spec once. Calls `visit` per pair in
 * order; an unusable spec makes the two pairs around it report its error instead of failing.
 */
export async function sweep(
  files: readonly string[],
  visit: (pair: SweepPair) => void,
): Promise<void> {
  let previous: { prepared?: PreparedSpec; error?: DriftInputError; seconds: number } | undefined;
  for (const [index, file] of files.entries()) {
    const started = performance.now();
    let current: { prepared?: PreparedSpec; error?: DriftInputError; seconds: number };
    try {
      const prepared = prepareSpec(await readFile(file, "utf8"), file, "new");
      current = { prepared, seconds: (performance.now() - started) / 1000 };
    } catch (error) {
      if (!(error instanceof DriftInputError)) throw error;
      current = { error, seconds: (performance.now() - started) / 1000 };
    }
    if (previous) {
      const compareStart = performance.now();
      let outcome: SweepPair["outcome"];
      if (previous.error) {
        const e = previous.error;
        outcome = {
          ok: false,
          error: new DriftInputError("old", e.source, e.reason, e.detail, e.line, e.column, {
            pointer: e.pointer,
          }),
        };
      } else if (current.error) outcome = { ok: false, error: current.error };
      else outcome = { ok: true, result: driftBetween(previous.prepared!, current.prepared!) };
      const compare = (performance.now() - compareStart) / 1000;
      visit({
        old: files[index - 1]!,
        new: file,
        outcome,
        seconds: current.seconds + compare,
        standaloneSeconds: previous.seconds + current.seconds + compare,
        compareSeconds: compare,
      });
    }
    previous = current;
  }
}
