import { readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffApp, pullApp, pushApp } from "../../packages/config/index.js";
import { startWorld } from "../deploy/helpers.js";
import { snapshot, tempDir } from "./helpers.js";

type World = Awaited<ReturnType<typeof startWorld>>;

describe("pull → push (no-op) → edit → diff → push → pull, against the emulator", () => {
  let world: World;
  let dir: string;

  beforeAll(async () => {
    world = await startWorld();
    const { admin, ids } = world;
    await admin.functions.createFunction({
      ...ids,
      body: { name: "hello", private: false, source: 'exports = () => "hello";\n' },
    });
    await admin.values.createValue({
      ...ids,
      body: { name: "greeting", private: false, value: "hi" },
    });
    dir = join(tempDir(), "app");
  });
  afterAll(() => world.emu.stop());

  it("pulls the app into the CLI's layout", async () => {
    const result = await pullApp(world.admin, { ...world.ids, dir });
    expect(result.written).toEqual(
      expect.arrayContaining([
        "realm_config.json",
        "functions/config.json",
        "functions/hello.js",
        "values/greeting.json",
      ]),
    );
    expect(readFileSync(join(dir, "functions/hello.js"), "utf8")).toBe(
      'exports = () => "hello";\n',
    );
  });

  it("pulls again without writing anything: no file, no folder, no staging folder beside it", async () => {
    // A folder's mtime moves when an entry is added, removed or renamed in it.
    const watched = [dirname(dir), dir, join(dir, "functions"), join(dir, "functions/config.json")];
    const before = watched.map((path) => statSync(path).mtimeMs);
    const again = await pullApp(world.admin, { ...world.ids, dir });
    expect(again.written).toEqual([]);
    expect(again.deleted).toEqual([]);
    expect(again.unchanged).toBeGreaterThan(3);
    expect(watched.map((path) => statSync(path).mtimeMs)).toEqual(before);
  });

  it("pushes the unchanged folder as a no-op: no draft, no deployment", async () => {
    const { admin, ids } = world;
    const deployments = (await admin.deploy.listDeployments(ids)).length;
    const result = await pushApp(admin, { ...ids, dir });
    expect(result.diff.changes).toEqual([]);
    expect(result.diff.serverDiff).toEqual([]);
    expect(result.deployment).toBeUndefined();
    expect(await admin.deploy.listDeployments(ids)).toHaveLength(deployments);
    expect(await admin.deploy.listDeploymentDrafts(ids)).toEqual([]);
  });

  it("after one function is edited, diffs exactly that function", async () => {
    writeFileSync(join(dir, "functions/hello.js"), 'exports = () => "hello, world";\n');
    const diff = await diffApp(world.admin, { ...world.ids, dir });
    expect(diff.changes).toEqual([
      { kind: "function", name: "hello", change: "changed", files: ["functions/hello.js"] },
    ]);
    expect(diff.serverDiff?.length).toBeGreaterThan(0);
    expect(diff.configChanged).toBe(true);
    expect(diff.hasChanges).toBe(true);
  });

  it("pushes the edit through a draft and a deployment", async () => {
    const { admin, ids } = world;
    const statuses: string[] = [];
    const result = await pushApp(admin, { ...ids, dir, onStatus: (s) => statuses.push(s) });
    expect(result.deployment?.status).toBe("successful");
    expect(statuses.at(-1)).toBe("successful");
    const [fn] = await admin.functions.listFunctions(ids);
    const stored = await admin.functions.getFunction({ ...ids, functionId: fn!._id! });
    expect(stored.source).toBe('exports = () => "hello, world";\n');
    expect(await admin.deploy.listDeploymentDrafts(ids)).toEqual([]);
  });

  it("pulls into a new folder the same files the pushed folder holds", async () => {
    const fresh = join(tempDir(), "again");
    await pullApp(world.admin, { ...world.ids, dir: fresh });
    expect(await snapshot(fresh)).toEqual(await snapshot(dir));
    const noop = await pushApp(world.admin, { ...world.ids, dir: fresh });
    expect(noop.deployment).toBeUndefined();
  });
});
