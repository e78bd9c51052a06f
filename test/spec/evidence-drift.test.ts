import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSpecModel, compareSpecs, type SpecModel } from "../../packages/drift/index.js";
import { evidenceVersions, parseVersions } from "../../spec/catalogue.js";
import { historyVersions } from "../../spec/history.js";
import type { OpenApiDocument } from "../../spec/json.js";
import { loadSpecFile, loadSpecText } from "../../spec/load.js";
import { fromPointer } from "../../spec/pointer.js";
import { repairSpec, type Repair } from "../../spec/repair.js";
import { repairs } from "../../spec/repairs/index.js";
import { projectRoot, readPinnedSpec } from "../../spec/source.js";

/**
 * The catalogue and the drift report agree: for each semantic repair, the drift engine, comparing
 * the spec repaired without it against the spec repaired with everything, reports changes, and one
 * on each operation a fact of it touches. (`npm run drift` itself repairs both sides, so it cannot
 * show the repairs; this compares in process.) The spec is the pinned one, or for a repair of
 * historical versions only, the first version the catalogue says it applies to.
 */
const semantic = repairs.filter((r) => r.facts);
const stated = evidenceVersions(readFileSync(join(projectRoot, "spec", "EVIDENCE.md"), "utf8"));
const docs = new Map<
  string,
  { doc: OpenApiDocument; full: SpecModel; applied: Map<string, string[]> }
>();

function subject(repair: Repair): string {
  if (repair.inPinned) return "pinned";
  const all = historyVersions().map((v) => v.index);
  return [...parseVersions(stated.get(repair.id) ?? "", all)].sort()[0]!;
}

beforeAll(() => {
  for (const name of new Set(semantic.map(subject))) {
    const doc =
      name === "pinned"
        ? loadSpecText(readPinnedSpec().text, "pinned").doc
        : loadSpecFile(historyVersions().find((v) => v.index === name)!.path).doc;
    const { doc: repaired, results } = repairSpec(doc);
    docs.set(name, {
      doc,
      full: buildSpecModel(repaired),
      applied: new Map(results.map((r) => [r.id, r.fixes.map((f) => f.pointer)])),
    });
  }
});

describe("every semantic repair shows in the drift report", () => {
  it.each(semantic.map((r) => [r.id, r] as const))("%s", (_id, repair) => {
    const { doc, full, applied } = docs.get(subject(repair))!;
    const without = repairSpec(doc, { repairs: repairs.filter((r) => r !== repair) }).doc;
    const changes = compareSpecs(buildSpecModel(without), full).changes;
    expect(changes.length).toBeGreaterThan(0);
    for (const pointer of applied.get(repair.id)!) {
      const [section, path, method] = fromPointer(pointer);
      if (section !== "paths" || !method) continue;
      const here = changes.filter((c) => c.path === path && c.method === method.toUpperCase());
      expect(
        here.length,
        `no drift change on ${method.toUpperCase()} ${path} (${pointer})`,
      ).toBeGreaterThan(0);
    }
  });
});
