/**
 * Two pulls of one process into one folder: the lock file is made in one call, but the pull that
 * made it learns so only when the call returns. A second pull reading the file in that window
 * found this process's id on a lock this process did not yet hold, took it for a dead process's
 * (the id reused), removed it and went on, so both pulls staged and renamed into the folder
 * (seen as ENOTEMPTY under load). The window is held open here: the first pull's lock write
 * returns only when the test lets it.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PullInProgressError } from "../../packages/config/errors.js";
import { lockUpdates, siblingsOf, unlockUpdates } from "../../packages/config/folder-lock.js";
import { tempDir } from "./helpers.js";
import { holdNextLockRemoval } from "./lock-hooks.js";

// The built-in module's own object, whose changes `syncBuiltinESMExports` hands to every module
// that imported `writeFile` (a module mock would not reach one the suite's other files loaded).
const fs = createRequire(import.meta.url)("node:fs/promises") as typeof import("node:fs/promises");
const realWriteFile = fs.writeFile;
const realRm = fs.rm;

/** Until `release`, the next lock write returns only after its file is made; resolves then. */
function holdNextLockWrite(): { written: Promise<void>; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let written!: () => void;
  const made = new Promise<void>((resolve) => (written = resolve));
  fs.writeFile = async (...args: Parameters<typeof fs.writeFile>) => {
    await realWriteFile(...args);
    if (!String(args[0]).endsWith(".pull.lock")) return;
    restore();
    written();
    await held;
  };
  syncBuiltinESMExports();
  return { written: made, release };
}

function restore(): void {
  fs.writeFile = realWriteFile;
  fs.rm = realRm;
  syncBuiltinESMExports();
}

let parent: string;
beforeEach(() => {
  parent = tempDir("folder-lock-claim-");
});
afterEach(restore);

describe("lockUpdates, twice in one process", () => {
  it("the second fails with PullInProgressError while the first's lock file is made but not yet returned", async () => {
    const at = siblingsOf(parent, "app");
    const target = join(parent, "app");
    const { written, release } = holdNextLockWrite();
    const first = lockUpdates(target, at);
    await written;
    await expect(lockUpdates(target, at)).rejects.toBeInstanceOf(PullInProgressError);
    expect(readFileSync(at.lock, "utf8")).toBe(`process ${process.pid} on ${hostname()}`);
    release();
    await first;
    await unlockUpdates(at);
    expect(existsSync(at.lock)).toBe(false);
    // Let go, the lock is this process's to take again.
    await lockUpdates(target, at);
    await unlockUpdates(at);
  });

  it("a pull taking the lock while the previous one's lock file is being removed never ends with its lock file gone", async () => {
    const at = siblingsOf(parent, "app");
    const target = join(parent, "app");
    await lockUpdates(target, at);
    const { removing, release } = holdNextLockRemoval();
    const unlocking = unlockUpdates(at);
    await removing;
    // Settled while the first's removal is held: refused, or taken with a lock file of its own.
    const took = await lockUpdates(target, at).then(
      () => true,
      (error: unknown) => {
        if (error instanceof PullInProgressError) return false;
        throw error;
      },
    );
    release();
    await unlocking;
    // Taken, its lock file must still be there (or another process could take the folder too).
    expect(existsSync(at.lock)).toBe(took);
    if (took) await unlockUpdates(at);
  });
});
