/**
 * replaceDirAtomic: the swap behind the generator's output and `npm run build`'s dist/. A failure
 * anywhere before the swap must leave the previous folder byte-for-byte as it was, with no
 * temporary folder left behind.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { replaceDirAtomic } from "../../generator/write.js";
import { scratchFolder, texts } from "./helpers/scratch.js";

const temp = scratchFolder("write-test");

const fillWith = (files: Record<string, string>) => (dir: string) => {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
};

describe("replaceDirAtomic", () => {
  let target: string;
  let staging: string;
  const previous = { "a.js": "old a", "sub/b.js": "old b" };
  beforeAll(() => {
    // As in scripts/build.ts: the target beside the project, staging in a folder of its own.
    target = join(temp(), "dist");
    staging = join(temp(), "staging");
    replaceDirAtomic(target, fillWith(previous), { stagingDir: staging });
  });
  const leftovers = () =>
    [...readdirSync(temp()), ...readdirSync(staging)].filter((n) => n.includes(".tmp-"));

  it("creates an absent folder, readable by all, no temporary folder left", () => {
    expect(texts(target)).toEqual(previous);
    expect(statSync(target).mode & 0o777).toBe(0o755);
    expect(leftovers()).toEqual([]);
  });

  it("a build that fails halfway (tsc errors) leaves the previous folder as it was", () => {
    const failing = (dir: string) => {
      fillWith({ "a.js": "half-written" })(dir);
      throw new Error("tsc failed");
    };
    expect(() => replaceDirAtomic(target, failing, { stagingDir: staging })).toThrow("tsc failed");
    expect(texts(target)).toEqual(previous);
    expect(leftovers()).toEqual([]);
  });

  it("a check that fails after the build leaves it as it was too", () => {
    const refuse = () => {
      throw new Error("no");
    };
    expect(() =>
      replaceDirAtomic(target, fillWith({ "c.js": "new" }), {
        stagingDir: staging,
        beforeSwap: refuse,
      }),
    ).toThrow("no");
    expect(texts(target)).toEqual(previous);
    expect(leftovers()).toEqual([]);
  });

  it("a successful build replaces the folder whole: renamed and deleted modules are gone", () => {
    replaceDirAtomic(target, fillWith({ "c.js": "new" }), { stagingDir: staging });
    expect(texts(target)).toEqual({ "c.js": "new" });
    expect(leftovers()).toEqual([]);
  });
});
