import { describe, expect, it } from "vitest";
import {
  pairedQuartiles,
  pairedRatio,
  pairedRuns,
  roundOrder,
  type Sample,
} from "../../scripts/lib/paired-runs.js";

// The benchmarks' headline ratios and their spread: a wrong pairing or quartile would print
// figures that look fine and mean nothing.
const runs = (cpu: number[]): Sample[] => cpu.map((cpuMs) => ({ cpuMs, wallMs: cpuMs * 2 }));

describe("paired ratios", () => {
  // Per round: 0.5, 1, 2, 4, 8 (a's rounds in the order they ran, b's in the same order).
  const a = runs([1, 3, 10, 4, 40]);
  const b = runs([2, 3, 5, 1, 5]);

  it("takes the median of each round's own ratio, not a ratio of medians", () => {
    expect(pairedRatio(a, b, "cpuMs")).toBe(2);
    expect(pairedRatio(b, a, "cpuMs")).toBe(0.5);
  });

  it("gives the lower and upper quartile of those ratios", () => {
    expect(pairedQuartiles(a, b, "cpuMs")).toEqual([1, 4]);
    expect(pairedQuartiles(a, b, "wallMs")).toEqual([1, 4]);
    expect(pairedQuartiles(b, a, "cpuMs")).toEqual([0.25, 1]);
  });

  it("rounds the quartiles to two decimals", () => {
    expect(pairedQuartiles(runs([1, 1, 1]), runs([3, 3, 3]), "cpuMs")).toEqual([0.33, 0.33]);
  });
});

describe("the order of the variants in each round", () => {
  it.each([2, 3, 4, 5])("puts each of %i variants first and last equally often", (n) => {
    const names = Array.from({ length: n }, (_, i) => i);
    const first = new Array<number>(n).fill(0);
    const last = new Array<number>(n).fill(0);
    for (let round = 0; round < 2 * n; round++) {
      const order = roundOrder(names, round);
      expect([...order].sort()).toEqual(names);
      first[order[0]!]!++;
      last[order.at(-1)!]!++;
    }
    expect(first).toEqual(new Array<number>(n).fill(2));
    expect(last).toEqual(new Array<number>(n).fill(2));
  });

  it("alternates two variants", () => {
    expect([0, 1, 2, 3].map((round) => roundOrder(["a", "b"], round))).toEqual([
      ["a", "b"],
      ["b", "a"],
      ["b", "a"],
      ["a", "b"],
    ]);
  });
});

describe("pairedRuns", () => {
  it("settles before every run, outside its timing, and times each variant once a round", async () => {
    const events: string[] = [];
    const variant = (name: string) => async () => void events.push(name);
    const samples = await pairedRuns({ a: variant("a"), b: variant("b") }, 2, undefined, () =>
      events.push("settle"),
    );
    expect(events).toEqual(["settle", "a", "settle", "b", "settle", "b", "settle", "a"]);
    expect(samples.a).toHaveLength(2);
    expect(samples.b).toHaveLength(2);
  });
});
