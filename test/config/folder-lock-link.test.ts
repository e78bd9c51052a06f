// A folder reached through a symlink is locked, staged beside and named as the folder it leads
// to: a push through the link and a pull of the folder itself meet on one lock.
import { existsSync, mkdirSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PullInProgressError } from "../../packages/config/errors.js";
import { lockForPush } from "../../packages/config/folder-lock.js";
import { openFolderUpdate } from "../../packages/config/write-folder.js";
import { tempDir } from "./helpers.js";

let parent: string;
beforeEach(() => {
  parent = tempDir("folder-lock-link-");
  mkdirSync(join(parent, "real"));
  symlinkSync(join(parent, "real"), join(parent, "link"));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

describe.skipIf(process.platform === "win32")("a folder reached through a symlink", () => {
  it("is locked as the folder it leads to", async () => {
    const unlock = await lockForPush(join(parent, "link"));
    try {
      expect(existsSync(join(parent, ".real.pull.lock"))).toBe(true);
      expect(existsSync(join(parent, ".link.pull.lock"))).toBe(false);
      await expect(lockForPush(join(parent, "real"))).rejects.toBeInstanceOf(PullInProgressError);
    } finally {
      await unlock();
    }
    expect(existsSync(join(parent, ".real.pull.lock"))).toBe(false);
  });

  it("is updated where it leads", async () => {
    const update = await openFolderUpdate(join(parent, "link"), { roots: [], test: () => true });
    try {
      expect(update.dir).toBe(realpathSync(join(parent, "real")));
    } finally {
      await update.dispose();
    }
  });
});
