/**
 * What generated/ costs the compiler, counted rather than timed: TypeScript 5.9's
 * `--extendedDiagnostics` over generated/ alone (the project `npm run bench:types` measures),
 * which must type-check without an error. Counts are the same on every run and machine, so they
 * can be held to a bound where a time could not (the time is bench:types' figure).
 *
 * - Strict-subtype checks: TypeScript runs them when it reduces a union by subtypes, as it does
 *   for the element type of an array literal. The operation table once listed its 191
 *   descriptors as one (each descriptor its own `Operation<XParams, XResult>` type), and the
 *   compiler compared them pairwise: 41,208 checks, half of the check time. A table, or any other
 *   emitted expression, that mixes descriptor types again shows up here in the thousands.
 * - Instantiations per operation: 19 on the pinned spec (102 with that table); the bound of 40
 *   leaves room for a TypeScript update and fails when per-operation types start instantiating
 *   helpers again.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { buildModel } from "../../generator/model/build-model.js";
import { repairedPinnedSpec } from "../../spec/pipeline.js";
import { projectRoot } from "../../spec/source.js";
import { typesProject } from "../../scripts/lib/types-project.js";
import { cpuBudget } from "../helpers/work-budget.js";

const operations = buildModel(repairedPinnedSpec()).operations.length;
const dir = mkdtempSync(join(projectRoot, ".cache", "type-cost-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The figures of `--extendedDiagnostics` by label ("Instantiations", "Strict subtype cache size"). */
function figures(output: string): Map<string, number> {
  const lines = output.matchAll(/^([A-Za-z /]+):\s+(\d+)$/gm);
  return new Map([...lines].map(([, label, value]) => [label!.trim(), Number(value)]));
}

// The whole file costs 9.5 CPU-s (measured with /usr/bin/time).
const budget = cpuBudget(12);

describe("generated/ is cheap for TypeScript 5.9 to check", () => {
  it(
    "type-checks without an error, with few instantiations and no pairwise union reduction",
    async () => {
      const config = typesProject(dir, "generated", join(projectRoot, "generated"));
      const tsc = join(projectRoot, "node_modules", "typescript", "bin", "tsc");
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [tsc, "-p", config, "--extendedDiagnostics", "--pretty", "false"],
        { maxBuffer: 1 << 26 },
      ).catch((error: { stdout?: string; stderr?: string }) => {
        throw new Error(`tsc failed over generated/:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
      });
      const counts = figures(stdout);
      expect(operations).toBeGreaterThan(100);
      // Every generated file was checked (these are the only TypeScript sources, not declarations).
      const generated = readdirSync(join(projectRoot, "generated"), { recursive: true })
        .map(String)
        .filter((name) => name.endsWith(".ts"));
      const lines = generated.reduce(
        (sum, name) =>
          sum + readFileSync(join(projectRoot, "generated", name), "utf8").split("\n").length,
        0,
      );
      expect(counts.get("Lines of TypeScript")).toBe(lines);
      expect(counts.get("Strict subtype cache size")).toBeLessThan(operations);
      expect(counts.get("Instantiations")! / operations).toBeLessThan(40);
    },
    budget,
  );
});
