import { readFileSync } from "node:fs";
import { join } from "node:path";
import { format } from "prettier";
import { describe, expect, it } from "vitest";
import {
  catalogueBlock,
  evidenceVersions,
  parseVersions,
  readmeVersions,
  renderCatalogue,
} from "../../spec/catalogue.js";
import { EVIDENCE_KINDS } from "../../spec/evidence.js";
import { repairs } from "../../spec/repairs/index.js";
import { projectRoot } from "../../spec/source.js";

const evidenceFile = join(projectRoot, "spec", "EVIDENCE.md");
const evidence = readFileSync(evidenceFile, "utf8");
const readme = readFileSync(join(projectRoot, "spec", "README.md"), "utf8");
const semantic = repairs.filter((r) => r.facts);

describe("spec/EVIDENCE.md", () => {
  it("is the rendering of the semantic repairs' facts (npm run spec:evidence)", async () => {
    const block = catalogueBlock(evidence)!;
    expect(block).toBeDefined();
    const rendered = renderCatalogue(repairs, evidenceVersions(evidence));
    const want = await format(evidence.replace(block, rendered), { filepath: evidenceFile });
    expect(evidence).toBe(want);
  });

  it("states the versions of every semantic repair and of nothing else", () => {
    expect([...evidenceVersions(evidence).keys()].sort()).toEqual(semantic.map((r) => r.id).sort());
  });

  it("and README.md's table lists every structural repair, and no semantic one", () => {
    expect([...readmeVersions(readme).keys()].sort()).toEqual(
      repairs
        .filter((r) => !r.facts)
        .map((r) => r.id)
        .sort(),
    );
  });
});

describe("the facts of the semantic repairs", () => {
  it.each(semantic.map((r) => [r.id, r] as const))(
    "%s: each change has evidence",
    (_id, repair) => {
      expect(repair.facts!.length).toBeGreaterThan(0);
      for (const fact of repair.facts!) {
        expect(fact.target).toMatch(/^#\//);
        expect(fact.evidence.length).toBeGreaterThan(0);
        for (const e of fact.evidence) {
          expect(EVIDENCE_KINDS).toContain(e.kind);
          expect(e.ref.length).toBeGreaterThan(10);
        }
      }
      expect(new Set(repair.facts!.map((f) => f.target)).size).toBe(repair.facts!.length);
      expect(repair.inPinned).toBe(repair.facts!.some((f) => f.inPinned));
    },
  );
});

describe("parseVersions", () => {
  const all = ["000", "001", "002", "003", "004"];
  it.each([
    ["all 5", all],
    ["001-003 (3)", ["001", "002", "003"]],
    ["000, 002-003 (3)", ["000", "002", "003"]],
    ["004 (1)", ["004"]],
  ])("%s", (text, want) => {
    expect([...parseVersions(text, all)]).toEqual(want);
  });
});
