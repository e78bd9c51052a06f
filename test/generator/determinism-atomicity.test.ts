import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { diffTree } from "../../generator/diff-tree.js";
import { generate, renderSpec } from "../../generator/generate.js";
import { projectRoot, readPinnedSpec } from "../../spec/source.js";
import { fragment, op, openapi } from "./helpers/fragment.js";
import { scratchFolder, snapshot } from "./helpers/scratch.js";

const run = promisify(execFile);
/** Whole-spec renders and child processes: minutes on a loaded two-core machine, not seconds. */
const SLOW = 300_000;
const temp = scratchFolder("generator-test");

const good = op("/things", "get", {
  operationId: "adminListThings",
  responses: { "200": { description: "ok" } },
});
const colliding = openapi({
  paths: {
    "/a": {
      get: {
        tags: ["things"],
        operationId: "adminListThings",
        responses: { "204": { description: "ok" } },
      },
    },
    "/b": {
      get: {
        tags: ["things"],
        operationId: "listThings",
        responses: { "204": { description: "ok" } },
      },
    },
  },
});

describe("determinism", () => {
  it(
    "the pinned spec renders to the same bytes twice, with no absolute path or timestamp",
    async () => {
      const first = await renderSpec();
      const second = await renderSpec();
      expect([...second.files.keys()]).toEqual([...first.files.keys()]);
      // Dates in the output may only be the spec's own (examples, descriptions).
      const specText = readPinnedSpec().text;
      for (const [name, text] of first.files) {
        expect(second.files.get(name) === text, name).toBe(true);
        for (const path of [projectRoot, tmpdir()]) {
          expect(text.includes(path), `${name} holds the absolute path ${path}`).toBe(false);
        }
        const dates = text.match(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d/g) ?? [];
        expect(
          dates.filter((d) => !specText.includes(d)),
          `${name} holds a timestamp`,
        ).toEqual([]);
      }
    },
    SLOW,
  );

  it("generating into a folder twice writes identical bytes", async () => {
    const out = join(temp(), "twice");
    await generate({ spec: fragment(good), outDir: out });
    const once = snapshot(out);
    await generate({ spec: fragment(good), outDir: out });
    expect(snapshot(out)).toEqual(once);
  });
});

describe("atomicity: a failed run leaves the previous output byte-for-byte untouched", () => {
  let out: string;
  let before: Map<string, Buffer>;
  beforeAll(async () => {
    out = join(temp(), "previous");
    await generate({ spec: fragment(good), outDir: out });
    writeFileSync(join(out, "operations", "things.ts"), "// an older output\n", { flag: "a" });
    before = snapshot(out);
  });
  const untouched = () => {
    expect(snapshot(out)).toEqual(before);
    expect(
      readdirSync(temp()).filter((n) => n.includes(".tmp-")),
      "no temporary folder left behind",
    ).toEqual([]);
  };

  it("a name collision", async () => {
    await expect(generate({ spec: fragment(colliding), outDir: out })).rejects.toThrow(
      /name collision: adminListThings \(GET \/a, #\/paths\/~1a\/get\) and listThings \(GET \/b, #\/paths\/~1b\/get\) both become things\.listThings/,
    );
    untouched();
  });

  it("a spec that is not valid YAML, refused with file, line and column", async () => {
    const file = join(temp(), "broken.yaml");
    writeFileSync(
      file,
      "openapi: 3.1.0\ninfo:\n  title: t\n  version: 1\npaths:\n  /x:\n    get: [unclosed\n",
    );
    await expect(generate({ specFile: file, outDir: out })).rejects.toThrow(
      /broken\.yaml:\d+:\d+: not valid YAML/,
    );
    untouched();
  });

  it("an unsupported construct", async () => {
    const header = op("/x", "get", {
      operationId: "getX",
      parameters: [{ name: "X-Id", in: "header", schema: { type: "string" } }],
    });
    await expect(generate({ spec: fragment(header), outDir: out })).rejects.toThrow(
      /parameters\/0: parameter "X-Id" is in "header"/,
    );
    untouched();
  });

  it("a gate that fails after rendering (regen's lint)", async () => {
    const gate = () => Promise.reject(new Error("lint: 1 error"));
    await expect(
      generate({ spec: fragment(good), outDir: out, beforeWrite: gate }),
    ).rejects.toThrow("lint: 1 error");
    untouched();
  });

  it("a successful run replaces our previous output whole, its stale generated files included", async () => {
    const fresh = join(temp(), "fresh");
    const twoTags = openapi({
      paths: {
        ...(good.paths as object),
        "/others": { get: { tags: ["others"], operationId: "listOthers", responses: {} } },
      },
    });
    await generate({ spec: fragment(twoTags), outDir: fresh });
    expect(readdirSync(join(fresh, "operations"))).toEqual(["others.ts", "things.ts"]);
    const result = await generate({ spec: fragment(good), outDir: fresh });
    expect([...snapshot(fresh).keys()]).toEqual(result.files);
    expect(result.files).not.toContain("operations/others.ts");
    expect(statSync(fresh).mode & 0o777).toBe(0o755);
  });

  it("a folder that is not our output is refused, left untouched (out-dir.test.ts has the rest)", async () => {
    const foreign = join(temp(), "foreign");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "notes.md"), "mine\n");
    await expect(generate({ spec: fragment(good), outDir: foreign })).rejects.toThrow(
      /not a previous output of this generator \(found notes\.md\)/,
    );
    expect(snapshot(foreign)).toEqual(new Map([["notes.md", Buffer.from("mine\n")]]));
  });
});

describe("npm run generate -- --spec <file> --out <dir>", () => {
  const cli = (...args: string[]) =>
    run(process.execPath, ["--import", "tsx", join(projectRoot, "generator", "main.ts"), ...args], {
      cwd: projectRoot,
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it(
    "exits non-zero naming both operations of a collision, output untouched",
    async () => {
      const spec = join(temp(), "colliding.json");
      writeFileSync(spec, JSON.stringify(colliding));
      const out = join(temp(), "cli");
      const ok = join(temp(), "ok.json");
      writeFileSync(ok, JSON.stringify(good));
      const first = await cli("--spec", ok, "--out", out);
      expect(first.code).toBe(0);
      const before = snapshot(out);
      // The count printed is the count written (the file set itself is the generator's business).
      expect(first.stdout).toMatch(
        new RegExp(`generated ${before.size} files .* 1 operations in 1 namespaces, 0 models`),
      );
      const failed = await cli("--spec", spec, "--out", out);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(
        /^error: .*colliding\.json #\/paths\/~1b\/get: name collision: adminListThings .* and listThings .* both become things\.listThings\n$/,
      );
      expect(snapshot(out)).toEqual(before);
    },
    SLOW,
  );
});

describe("diffTree", () => {
  it("reports changed, missing and extra files", () => {
    const dir = join(temp(), "diff");
    mkdirSync(join(dir, "operations"), { recursive: true });
    writeFileSync(join(dir, "a.ts"), "same\n");
    writeFileSync(join(dir, "b.ts"), "old\n");
    writeFileSync(join(dir, "operations", "x.ts"), "extra\n");
    const files = new Map([
      ["a.ts", "same\n"],
      ["b.ts", "new\n"],
      ["c.ts", "missing\n"],
    ]);
    expect(diffTree(files, dir)).toEqual([
      { file: "b.ts", status: "changed" },
      { file: "c.ts", status: "missing" },
      { file: "operations/x.ts", status: "extra" },
    ]);
  });
});
