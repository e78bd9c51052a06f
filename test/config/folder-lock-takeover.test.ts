/**
 * Two processes taking over one dead lock at once: both read it, both see its holder gone. Each
 * removing it and making its own, the second removed the first's new lock and both went on. The
 * two takers are two `lockUpdates` calls of this process through two paths to one folder (a
 * symlink): the process's own claims are kept by path, so neither refuses the other for being of
 * this process, as with two processes. The first taker's removal is held until the second has
 * settled.
 */
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PullInProgressError } from "../../packages/config/errors.js";
import { lockUpdates, siblingsOf, unlockUpdates } from "../../packages/config/folder-lock.js";
import { tempDir } from "./helpers.js";
import { holdNextLockRemoval } from "./lock-hooks.js";

const fs = createRequire(import.meta.url)("node:fs/promises") as typeof import("node:fs/promises");
const realRm = fs.rm;

function restore(): void {
  fs.rm = realRm;
  syncBuiltinESMExports();
}

/** The id of a process of this host that has ended. */
function deadProcess(): Promise<number> {
  const started = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  return new Promise((resolve, reject) => {
    started.on("exit", () => resolve(started.pid!));
    started.on("error", reject);
  });
}

let parent: string;
beforeEach(() => {
  parent = tempDir("folder-lock-takeover-");
  mkdirSync(join(parent, "real"));
  symlinkSync(join(parent, "real"), join(parent, "link"));
});
afterEach(restore);

describe.skipIf(process.platform === "win32")("a dead lock taken over by two at once", () => {
  it("only one takes it; the other fails with PullInProgressError", async () => {
    const first = siblingsOf(join(parent, "real"), "app");
    const second = siblingsOf(join(parent, "link"), "app");
    const dead = `process ${await deadProcess()} on ${hostname()}`;
    writeFileSync(first.lock, dead);
    const { removing, release } = holdNextLockRemoval();
    const taking = lockUpdates(join(parent, "real/app"), first).then(
      () => "taken",
      (error: unknown) => error,
    );
    // The first has read the dead holder and is about to remove its lock.
    await removing;
    const other = await lockUpdates(join(parent, "link/app"), second).then(
      () => "taken",
      (error: unknown) => error,
    );
    release();
    const results = [await taking, other];
    expect(results.filter((r) => r === "taken")).toHaveLength(1);
    expect(results.find((r) => r !== "taken")).toBeInstanceOf(PullInProgressError);
    expect(readFileSync(first.lock, "utf8")).toBe(`process ${process.pid} on ${hostname()}`);
    expect(readdirSync(join(parent, "real"))).toEqual([".app.pull.lock"]);
    await unlockUpdates(results[0] === "taken" ? first : second);
    expect(existsSync(first.lock)).toBe(false);
  });

  it("a takeover left by a killed taker is not taken over: the error names it, the lock is left", async () => {
    const at = siblingsOf(join(parent, "real"), "app");
    const dead = `process ${await deadProcess()} on ${hostname()}`;
    writeFileSync(at.lock, dead);
    writeFileSync(`${at.lock}.takeover`, dead);
    const error = await lockUpdates(join(parent, "real/app"), at).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PullInProgressError);
    expect((error as PullInProgressError).lock).toBe(`${at.lock}.takeover`);
    expect((error as Error).message).toBe(
      `another pull into ${join(parent, "real/app")} is under way (${dead}, which ended while taking over a killed one's lock); nothing was changed. Pull again once it has ended; if no pull is running, delete ${at.lock}.takeover`,
    );
    expect(readFileSync(at.lock, "utf8")).toBe(dead);
    // Once a person deletes it, the dead lock is taken over.
    await realRm(`${at.lock}.takeover`);
    await lockUpdates(join(parent, "real/app"), at);
    expect(readFileSync(at.lock, "utf8")).toBe(`process ${process.pid} on ${hostname()}`);
    await unlockUpdates(at);
  });
});
