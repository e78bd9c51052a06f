import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffAppFiles, diffResources } from "../../packages/config/app-diff.js";
import { collectResources } from "../../packages/config/resources.js";
import { stableJson } from "../../packages/config/stable-json.js";
import { fixtureFiles, parsed, reversedKeys } from "./helpers.js";

// diffAppFiles skips the files whose text is the app's own; these hold it to the diff of the two
// folders parsed and printed canonically in full.

/** The diff of two folders given as files, every file parsed and printed. */
function fullDiff(local: ReadonlyMap<string, string>, remote: ReadonlyMap<string, string>) {
  return diffResources(collectResources(parsed(local)), collectResources(parsed(remote)));
}

/** One edit of a folder's files (the folder's side or the app's). */
type Edit = (files: Map<string, string>, pick: number) => void;

/** One of the files (ending in `suffix`), or undefined when none is left. */
const pathAt = (files: Map<string, string>, pick: number, suffix = "") => {
  const paths = [...files.keys()].filter((p) => p.endsWith(suffix)).sort();
  return paths[pick % paths.length];
};

const EDITS: Record<string, Edit> = {
  // The same value in another layout: different text, same resources.
  relayout: (files, pick) => {
    const path = pathAt(files, pick, ".json");
    if (path) files.set(path, JSON.stringify(reversedKeys(JSON.parse(files.get(path)!))));
  },
  remove: (files, pick) => void files.delete(pathAt(files, pick) ?? ""),
  source: (files, pick) => {
    const path = pathAt(files, pick, ".js");
    if (path) files.set(path, `${files.get(path)}// edited ${pick}\n`);
  },
  // A value changed inside a JSON file (for a list file, in one of its entries).
  value: (files, pick) => {
    const path = pathAt(files, pick, ".json");
    if (!path) return;
    const doc = JSON.parse(files.get(path)!) as unknown;
    const target = Array.isArray(doc) ? doc[pick % Math.max(doc.length, 1)] : doc;
    if (target !== null && typeof target === "object") {
      (target as Record<string, unknown>)[`edit${pick % 3}`] = pick;
    }
    files.set(path, stableJson(doc));
  },
  addFunction: (files, pick) => {
    const config = JSON.parse(files.get("functions/config.json") ?? "[]") as unknown[];
    config.push({ name: `fresh${pick % 4}`, private: pick % 2 === 0 });
    files.set("functions/config.json", stableJson(config));
    if (pick % 3 !== 0) files.set(`functions/fresh${pick % 4}.js`, "exports = () => 1;\n");
  },
  // Only where the folder came from: compared without app_id and config_version.
  origin: (files, pick) => {
    const text = files.get("realm_config.json");
    if (!text) return;
    const root = JSON.parse(text) as Record<string, unknown>;
    files.set("realm_config.json", stableJson({ ...root, app_id: `other-${pick}` }));
  },
};

const edits = fc.array(
  fc.tuple(fc.boolean(), fc.constantFrom(...Object.keys(EDITS)), fc.nat(1000)),
  { maxLength: 5 },
);

describe("diffAppFiles: the folder against the app's rendered files", () => {
  it("finds what the full diff finds, whichever files differ and how (property)", () => {
    let changed = 0;
    fc.assert(
      fc.property(edits, (list) => {
        const local = fixtureFiles();
        const remote = fixtureFiles();
        for (const [onLocal, name, pick] of list) EDITS[name]!(onLocal ? local : remote, pick);
        const expected = fullDiff(local, remote);
        expect(diffAppFiles(parsed(local), remote)).toEqual(expected);
        if (expected.length > 0) changed++;
      }),
      { seed: 20261207, numRuns: 400 },
    );
    // Diffs with changes came up, not only empty ones.
    expect(changed).toBeGreaterThan(200);
  });

  it("finds nothing between a folder and the app it was pulled from", () => {
    expect(diffAppFiles(parsed(fixtureFiles()), fixtureFiles())).toEqual([]);
  });
});
