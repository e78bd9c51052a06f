import { describe, expect, it } from "vitest";
import { pairedQuartiles, pairedRatio, type Sample } from "../../scripts/lib/paired-runs.js";

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
