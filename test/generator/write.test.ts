/**
 * replaceDirAtomic: the swap behind the generator's output and `npm run build`'s dist/. A failure
 * anywhere before the swap must leave the previous folder byte-for-byte as it was, with no
 * temporary folder left behind.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
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

describe("replaceDirAtomic after runs killed mid-way", () => {
  // A process that has ended (and been reaped): its id names no process now.
  const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
  const live = process.ppid;

  it("removes the temporary folders of runs whose process is gone, not those of live ones", () => {
    const staging = join(temp(), "killed");
    const target = join(staging, "out");
    fillWith({
      [`.out.tmp-${dead}-abc123/a.js`]: "half",
      [`.out.tmp-${live}-def456/a.js`]: "going",
    })(staging);
    replaceDirAtomic(target, fillWith({ "a.js": "new" }));
    expect(texts(target)).toEqual({ "a.js": "new" });
    expect(readdirSync(staging).sort()).toEqual([`.out.tmp-${live}-def456`, "out"]);
  });

  it("takes a folder named with this process's id and this thread's for a dead run's", () => {
    // In a container, a run often gets the process id a killed run had: its folders must go too.
    // Another thread of this process may be running (left), as may a run of the earlier naming.
    const staging = join(temp(), "same-pid");
    const target = join(staging, "out");
    const pid = process.pid;
    fillWith({
      [`.out.tmp-${pid}.${threadId}-abc123/a.js`]: "half",
      [`.out.tmp-${pid}.${threadId + 1}-def456/a.js`]: "another thread's",
      [`.out.tmp-${pid}-ghi789/a.js`]: "unnamed thread",
    })(staging);
    replaceDirAtomic(target, fillWith({ "a.js": "new" }));
    expect(texts(target)).toEqual({ "a.js": "new" });
    expect(readdirSync(staging).sort()).toEqual([
      `.out.tmp-${pid}-ghi789`,
      `.out.tmp-${pid}.${threadId + 1}-def456`,
      "out",
    ]);
  });

  it("puts back the previous output a killed run had moved aside, when the folder is missing", () => {
    const staging = join(temp(), "killed-swap");
    const target = join(staging, "out");
    // Killed between its two renames: the old output moved aside, the new one not yet in place.
    fillWith({
      [`.out.tmp-${dead}-abc123.previous/a.js`]: "old",
      [`.out.tmp-${dead}-abc123/a.js`]: "new, never swapped in",
    })(staging);
    expect(() =>
      replaceDirAtomic(target, () => {
        throw new Error("this run fails too");
      }),
    ).toThrow("this run fails too");
    expect(texts(target)).toEqual({ "a.js": "old" });
    expect(readdirSync(staging)).toEqual(["out"]);
  });
});
