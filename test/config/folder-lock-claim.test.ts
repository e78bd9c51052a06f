/**
 * Two pulls of one process into one folder: the lock file is made in one call, but the pull that
 * made it learns so only when the call returns. A second pull reading the file in that window
 * found this process's id on a lock this process did not yet hold, took it for a dead process's
 * (the id reused), removed it and went on, so both pulls staged and renamed into the folder
 * (seen as ENOTEMPTY under load). The window is held open here: the first pull's lock write
 * returns only when the test lets it.
 */
import { existsSync, readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { tempDir } from "./helpers.js";

const gate = vi.hoisted(() => ({
  hold: false,
  release: () => {},
  written: () => {},
  holdRemoval: false,
  removing: () => {},
}));

vi.mock("node:fs/promises", async (original) => {
  const fs = await original<typeof import("node:fs/promises")>();
  const writeFile: typeof fs.writeFile = async (...args) => {
    await fs.writeFile(...args);
    if (!gate.hold || !String(args[0]).endsWith(".pull.lock")) return;
    gate.hold = false;
    gate.written();
    await new Promise<void>((resolve) => (gate.release = resolve));
  };
  // The lock's removal held before it starts, once, until the test lets it go.
  const rm: typeof fs.rm = async (...args) => {
    if (gate.holdRemoval && String(args[0]).endsWith(".pull.lock")) {
      gate.holdRemoval = false;
      await new Promise<void>((resolve) => {
        gate.release = resolve;
        gate.removing();
      });
    }
    return fs.rm(...args);
  };
  return { ...fs, default: { ...fs, writeFile, rm }, writeFile, rm };
});

const { lockUpdates, siblingsOf, unlockUpdates } =
  await import("../../packages/config/folder-lock.js");
const { PullInProgressError } = await import("../../packages/config/errors.js");

let parent: string;
beforeEach(() => {
  parent = tempDir("folder-lock-claim-");
});
afterEach(() => {
  gate.hold = false;
  gate.holdRemoval = false;
  gate.release();
});

describe("lockUpdates, twice in one process", () => {
  it("the second fails with PullInProgressError while the first's lock file is made but not yet returned", async () => {
    const at = siblingsOf(parent, "app");
    const target = join(parent, "app");
    gate.hold = true;
    const written = new Promise<void>((resolve) => (gate.written = resolve));
    const first = lockUpdates(target, at);
    await written;
    await expect(lockUpdates(target, at)).rejects.toBeInstanceOf(PullInProgressError);
    expect(readFileSync(at.lock, "utf8")).toBe(`process ${process.pid} on ${hostname()}`);
    gate.release();
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
    gate.holdRemoval = true;
    const removing = new Promise<void>((resolve) => (gate.removing = resolve));
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
    gate.release();
    await unlocking;
    // Taken, its lock file must still be there (or another process could take the folder too).
    expect(existsSync(at.lock)).toBe(took);
    if (took) await unlockUpdates(at);
  });
});
