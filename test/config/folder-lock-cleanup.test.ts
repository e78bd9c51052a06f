import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockUpdates, siblingsOf, unlockUpdates } from "../../packages/config/folder-lock.js";
import { openFolderUpdate } from "../../packages/config/write-folder.js";
import { tempDir } from "./helpers.js";

let parent: string;
beforeEach(() => {
  parent = tempDir("folder-lock-cleanup-");
});
// The shell's rm walks a tree deeper than PATH_MAX; Node's (by whole paths) cannot.
afterEach(() => void spawnSync("rm", ["-rf", parent]));

/**
 * A folder at `left` that `rm` cannot remove: a tree deeper than PATH_MAX, which `rm` by path
 * fails on (ENAMETOOLONG), as it can fail on a busy or protected file.
 */
function unremovableTree(left: string): string {
  // Built from the inside out, each folder moved into a new one: no call names the whole path.
  let tree = join(parent, "n0");
  mkdirSync(tree);
  for (let i = 1; i <= 300; i++) {
    const outer = join(parent, `n${i}`);
    mkdirSync(outer);
    renameSync(tree, join(outer, "d123456789012345"));
    tree = outer;
  }
  renameSync(tree, left);
  return left;
}

describe("lockUpdates, its clean-up failing", () => {
  it("throws and lets go of the lock: the next update of the folder, in this process too, takes it", async () => {
    const at = siblingsOf(parent, "app");
    const left = unremovableTree(join(parent, ".app.pull-999999-AbC123"));
    await expect(lockUpdates(join(parent, "app"), at)).rejects.toThrow();
    expect(existsSync(at.lock)).toBe(false);
    spawnSync("rm", ["-rf", left]);
    await lockUpdates(join(parent, "app"), at);
    await unlockUpdates(at);
  });
});

describe("openFolderUpdate, its staging folder not removable", () => {
  it("dispose throws and lets go of the lock: the next update of the folder, in this process too, is made", async () => {
    const dir = join(parent, "app");
    const owned = { roots: ["functions"], test: () => true };
    const update = await openFolderUpdate(dir, owned);
    const staged = await update.stream("functions/a.js");
    const deep = unremovableTree(join(dirname(staged), "deep"));
    await expect(update.dispose()).rejects.toThrow();
    spawnSync("rm", ["-rf", deep]);
    const again = await openFolderUpdate(dir, owned);
    await again.put("functions/a.js", "exports = () => 1;\n");
    await again.commit();
    await again.dispose();
    expect(existsSync(join(dir, "functions/a.js"))).toBe(true);
  });
});
