import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PullInProgressError, pullApp } from "../../packages/config/index.js";
import { startWorld } from "../deploy/helpers.js";
import { snapshot, tempDir } from "./helpers.js";

// Pulls into one folder from several processes, or killed half-way: each stages its files beside
// the folder and renames them in holding `.<name>.pull.lock`. Another's pull gets a clear error
// and changes nothing; what a killed pull left is cleaned by the next, never a live pull's.

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
let dir: string;
let parent: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  world = await startWorld();
  await world.admin.functions.createFunction({
    ...world.ids,
    body: { name: "hello", private: false, source: "exports = () => 1;\n" },
  });
  parent = tempDir("pull-lock-hostile2-");
  dir = join(parent, "app");
});
afterEach(async () => {
  child?.kill("SIGKILL");
  child = undefined;
  await world.emu.stop();
  rmSync(parent, { recursive: true, force: true });
});

const writeFolder = fileURLToPath(
  new URL("../../packages/config/write-folder.ts", import.meta.url),
);

/**
 * Another process that starts an update of `dir`, stages one file and then waits, as a pull
 * waiting for a slow download does; resolves with the process once the file is staged.
 */
function stagingProcess(): Promise<ChildProcess> {
  const script = `
    const { openFolderUpdate } = await import(${JSON.stringify(writeFolder)});
    const update = await openFolderUpdate(${JSON.stringify(dir)}, { roots: ["functions"], test: () => true });
    await update.put("functions/other.js", "exports = () => 2;\\n");
    process.stdout.write("staged\\n");
    setInterval(() => undefined, 1 << 30);
  `;
  const started = spawn(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", script],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child = started;
  let stderr = "";
  started.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    started.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("staged")) resolve(started);
    });
    started.on("error", reject);
    started.on("exit", (code) => reject(new Error(`staging process exited ${code}: ${stderr}`)));
  });
}

function killed(process: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    process.removeAllListeners("exit");
    process.on("exit", () => resolve());
    process.kill("SIGKILL");
  });
}

const besideTheFolder = () => readdirSync(parent).sort();
const lock = () => join(parent, ".app.pull.lock");

describe.skipIf(process.platform === "win32")("pulls into one folder from two processes", () => {
  it("a pull killed half-way (SIGKILL): the next pull removes its staging and lock, and pulls", async () => {
    const other = await stagingProcess();
    expect(besideTheFolder()).toEqual([
      expect.stringMatching(/^\.app\.pull-\d+-/),
      ".app.pull.lock",
    ]);
    await killed(other);
    await pullApp(world.admin, { ...world.ids, dir });
    expect(besideTheFolder()).toEqual(["app"]);
    expect(Object.keys(await snapshot(dir))).toContain("functions/hello.js");
  });

  it("while another process's pull is under way, a pull fails naming the folder, and changes nothing of it or its staging", async () => {
    await pullApp(world.admin, { ...world.ids, dir });
    const before = await snapshot(dir);
    await world.admin.functions.createFunction({
      ...world.ids,
      body: { name: "second", private: false, source: "exports = () => 3;\n" },
    });
    const other = await stagingProcess();
    const staged = besideTheFolder();
    const error = await pullApp(world.admin, { ...world.ids, dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PullInProgressError);
    expect((error as PullInProgressError).dir).toBe(dir);
    expect((error as PullInProgressError).lock).toBe(lock());
    expect((error as Error).message).toContain(
      `another pull into ${dir} is under way (process ${other.pid} on ${hostname()}); nothing was changed`,
    );
    expect(await snapshot(dir)).toEqual(before);
    expect(besideTheFolder()).toEqual(staged);
    await killed(other);
    // Once it is gone, the pull goes through.
    await pullApp(world.admin, { ...world.ids, dir });
    expect(Object.keys(await snapshot(dir))).toContain("functions/second.js");
    expect(besideTheFolder()).toEqual(["app"]);
  });
});

describe("pulls into one folder at once, in one process", () => {
  it("one pulls, the other fails with PullInProgressError; the folder is one whole pull", async () => {
    const results = await Promise.allSettled([
      pullApp(world.admin, { ...world.ids, dir }),
      pullApp(world.admin, { ...world.ids, dir }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const failed = results.find((r) => r.status === "rejected")!;
    expect(failed.reason).toBeInstanceOf(PullInProgressError);
    expect(besideTheFolder()).toEqual(["app"]);
    const once = join(parent, "once");
    await pullApp(world.admin, { ...world.ids, dir: once });
    expect(await snapshot(dir)).toEqual(await snapshot(once));
  });
});

describe("locks and staging folders this process cannot tell to be dead", () => {
  it("a lock held by a process on another host is not taken over", async () => {
    mkdirSync(parent, { recursive: true });
    writeFileSync(lock(), "process 1 on another-host.example");
    await expect(pullApp(world.admin, { ...world.ids, dir })).rejects.toThrow(
      `another pull into ${dir} is under way (process 1 on another-host.example); nothing was changed. Pull again once it has ended; if no pull is running, delete ${lock()}`,
    );
    expect(readFileSync(lock(), "utf8")).toBe("process 1 on another-host.example");
    expect(existsSync(dir)).toBe(false);
  });

  it("an empty lock (its writer stopped between creating and writing it) is not taken over", async () => {
    mkdirSync(parent, { recursive: true });
    writeFileSync(lock(), "");
    await expect(pullApp(world.admin, { ...world.ids, dir })).rejects.toThrow(
      "(a process that wrote no name)",
    );
    expect(existsSync(lock())).toBe(true);
  });

  it("a lock with this process's id that it does not hold (a dead one's, the id reused) is taken over", async () => {
    mkdirSync(parent, { recursive: true });
    writeFileSync(lock(), `process ${process.pid} on ${hostname()}`);
    await pullApp(world.admin, { ...world.ids, dir });
    expect(besideTheFolder()).toEqual(["app"]);
  });

  it("a staging folder without a process id (an older version's pull, maybe running) is left alone", async () => {
    const older = join(parent, ".app.pull-AbC123");
    mkdirSync(join(older, "functions"), { recursive: true });
    await pullApp(world.admin, { ...world.ids, dir });
    expect(besideTheFolder()).toEqual([".app.pull-AbC123", "app"]);
    expect(readdirSync(older)).toEqual(["functions"]);
  });
});
