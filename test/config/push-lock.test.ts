import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import { PullInProgressError, pullApp, pushApp } from "../../packages/config/index.js";
import { rejectionOf, startWorld } from "../deploy/helpers.js";
import { snapshot, worldWithPulledFunction } from "./helpers.js";

// A push reads the folder holding the lock a pull holds while it renames files in (see
// lockForPush): a pull meanwhile could make it send a mix of old and new files. Exclusive both
// ways; a dry run, of either, takes no lock and writes nothing.

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
let dir: string;
let parent: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  ({ world, dir } = await worldWithPulledFunction());
  parent = dirname(dir);
  writeFileSync(join(dir, "functions/hello.js"), "exports = () => 2;\n");
});
afterEach(async () => {
  child?.kill("SIGKILL");
  child = undefined;
  await world.emu.stop();
  rmSync(parent, { recursive: true, force: true });
});

const lock = () => join(parent, ".app.pull.lock");
const besideTheFolder = () => readdirSync(parent).sort();

/** A live process of this host, whose id a lock can name: it runs until the test ends. */
function liveProcess(): Promise<number> {
  const started = spawn(process.execPath, ["-e", "setInterval(() => undefined, 1 << 30)"], {
    stdio: "ignore",
  });
  child = started;
  return new Promise((resolve, reject) => {
    started.on("spawn", () => resolve(started.pid!));
    started.on("error", reject);
  });
}

/** The id of a process of this host that has ended. */
function deadProcess(): Promise<number> {
  const started = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  return new Promise((resolve, reject) => {
    started.on("exit", () => resolve(started.pid!));
    started.on("error", reject);
  });
}

async function deployments(): Promise<number> {
  return (await world.admin.deploy.listDeployments(world.ids)).length;
}

async function functionSource(): Promise<string | undefined> {
  const [fn] = await world.admin.functions.listFunctions(world.ids);
  return (await world.admin.functions.getFunction({ ...world.ids, functionId: fn!._id! })).source;
}

describe.skipIf(process.platform === "win32")("a push and a pull of one folder", () => {
  it("a push while another process's pull holds the folder is refused, sending nothing", async () => {
    const pid = await liveProcess();
    writeFileSync(lock(), `process ${pid} on ${hostname()}`);
    const before = await deployments();
    const error = await rejectionOf(pushApp(world.admin, { ...world.ids, dir }));
    expect(error).toBeInstanceOf(PullInProgressError);
    expect((error as Error).message).toBe(
      `a pull into ${dir} is under way (process ${pid} on ${hostname()}); nothing was sent. Push again once it has ended; if no pull is running, delete ${lock()}`,
    );
    expect(await deployments()).toBe(before);
    expect(await functionSource()).toBe("exports = () => 1;\n");
    expect(readFileSync(lock(), "utf8")).toBe(`process ${pid} on ${hostname()}`);
  });

  it("a pull while another process's push holds the folder is refused, changing nothing", async () => {
    const pid = await liveProcess();
    writeFileSync(lock(), `process ${pid} on ${hostname()} (push)`);
    const before = await snapshot(dir);
    await expect(pullApp(world.admin, { ...world.ids, dir })).rejects.toThrow(
      `a push from ${dir} is under way (process ${pid} on ${hostname()}); nothing was changed. Pull again once it has ended; if no push is running, delete ${lock()}`,
    );
    expect(await snapshot(dir)).toEqual(before);
    expect(besideTheFolder()).toEqual([".app.pull.lock", "app"]);
  });

  it("a pull while this process's push reads the folder is refused; the push goes on and lets go", async () => {
    let pulled: Promise<unknown> | undefined;
    // The push's wait for its deployment is held until the pull has settled: the push holds the
    // folder all along.
    // A pull with nothing to write takes no lock: the file the push has sent is changed first.
    const pullWithSomethingToWrite = () => {
      writeFileSync(join(dir, "functions/hello.js"), "exports = () => 9;\n");
      return rejectionOf(pullApp(world.admin, { ...world.ids, dir }));
    };
    const admin = createAdminClient({
      baseUrl: world.emu.url,
      credentials: world.emu.credentials,
      fetch: async (request) => {
        if (request.method === "GET" && /\/deployments\/[^/]+$/.test(new URL(request.url).pathname))
          await (pulled ??= pullWithSomethingToWrite());
        return fetch(request);
      },
    });
    await pushApp(admin, { ...world.ids, dir });
    const error = await pulled;
    expect(error).toBeInstanceOf(PullInProgressError);
    expect((error as Error).message).toContain(
      `a push from ${dir} is under way (process ${process.pid} on ${hostname()}); nothing was changed`,
    );
    expect(await functionSource()).toBe("exports = () => 2;\n");
    expect(readFileSync(join(dir, "functions/hello.js"), "utf8")).toBe("exports = () => 9;\n");
    expect(besideTheFolder()).toEqual(["app"]);
    await pullApp(world.admin, { ...world.ids, dir });
    expect(readFileSync(join(dir, "functions/hello.js"), "utf8")).toBe("exports = () => 2;\n");
  });

  it("a push takes over the lock of a killed pull, and a pull that of a killed push", async () => {
    writeFileSync(lock(), `process ${await deadProcess()} on ${hostname()}`);
    await pushApp(world.admin, { ...world.ids, dir });
    expect(await functionSource()).toBe("exports = () => 2;\n");
    expect(besideTheFolder()).toEqual(["app"]);
    writeFileSync(lock(), `process ${await deadProcess()} on ${hostname()} (push)`);
    await world.admin.functions.createFunction({
      ...world.ids,
      body: { name: "second", private: false, source: "exports = () => 3;\n" },
    });
    await pullApp(world.admin, { ...world.ids, dir });
    expect(Object.keys(await snapshot(dir))).toContain("functions/second.js");
    expect(besideTheFolder()).toEqual(["app"]);
  });

  it("dry runs take no lock and write nothing, even while another process holds the folder", async () => {
    const before = await snapshot(dir);
    await pushApp(world.admin, { ...world.ids, dir, dryRun: true });
    await pullApp(world.admin, { ...world.ids, dir, dryRun: true });
    expect(besideTheFolder()).toEqual(["app"]);
    const pid = await liveProcess();
    writeFileSync(lock(), `process ${pid} on ${hostname()} (push)`);
    const { diff } = await pushApp(world.admin, { ...world.ids, dir, dryRun: true });
    expect(diff.configChanged).toBe(true);
    const { written } = await pullApp(world.admin, { ...world.ids, dir, dryRun: true });
    expect(written).toEqual(["functions/hello.js"]);
    expect(readFileSync(lock(), "utf8")).toBe(`process ${pid} on ${hostname()} (push)`);
    expect(besideTheFolder()).toEqual([".app.pull.lock", "app"]);
    expect(await snapshot(dir)).toEqual(before);
  });
});
