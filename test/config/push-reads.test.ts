// What a push reads of the app: the server's diff decides whether the configuration changes, so
// a no-op push does not also read the whole app to compare it per resource; a push that changes
// something (or a server without a diff) still lists the changed resources.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffApp, pushApp } from "../../packages/config/index.js";
import { worldWithPulledFunction } from "./helpers.js";

type World = Awaited<ReturnType<typeof worldWithPulledFunction>>["world"];
const APP_READS = ["adminPullAppConfiguration", "adminGetApplication"];

describe("the app reads of a push", () => {
  let world: World;
  let dir: string;

  beforeAll(async () => {
    ({ world, dir } = await worldWithPulledFunction());
  });
  afterAll(() => world.emu.stop());

  /** The operations sent since the last reset that read the app's configuration. */
  function appReads(): string[] {
    return world.emu.control
      .requests()
      .map((r) => r.operation ?? "")
      .filter((operation) => APP_READS.includes(operation))
      .sort();
  }

  it("a no-op push asks the server's diff and does not read the app", async () => {
    world.emu.control.resetCounts();
    const result = await pushApp(world.admin, { ...world.ids, dir });
    expect(result.diff).toMatchObject({ changes: [], serverDiff: [], configChanged: false });
    expect(result.deployment).toBeUndefined();
    expect(appReads()).toEqual([]);
  });

  it("diffApp still reads the app (it shows the per-resource comparison)", async () => {
    world.emu.control.resetCounts();
    const diff = await diffApp(world.admin, { ...world.ids, dir });
    expect(diff.changes).toEqual([]);
    expect(appReads()).toEqual(APP_READS.toSorted());
  });

  it("a dry run of an edit reads the app once the server's diff finds a change", async () => {
    writeFileSync(join(dir, "functions/hello.js"), "exports = () => 2;\n");
    world.emu.control.resetCounts();
    const result = await pushApp(world.admin, { ...world.ids, dir, dryRun: true });
    expect(result.diff.serverDiff?.length).toBeGreaterThan(0);
    expect(result.diff.changes).toEqual([
      { kind: "function", name: "hello", change: "changed", files: ["functions/hello.js"] },
    ]);
    expect(appReads()).toEqual(APP_READS.toSorted());
  });

  it("against a server without a diff, the comparison decides and the edit is pushed", async () => {
    const { admin, ids, emu } = world;
    // The import's diff is the push's first POST to …/import: answered 404, as by a server
    // without `diff=true`.
    emu.control.failNext({
      status: 404,
      method: "POST",
      path: "/groups/{groupId}/apps/{appId}/import",
    });
    const result = await pushApp(admin, { ...ids, dir });
    expect(result.diff.serverDiff).toBeUndefined();
    expect(result.diff.changes).toEqual([
      { kind: "function", name: "hello", change: "changed", files: ["functions/hello.js"] },
    ]);
    expect(result.deployment?.status).toBe("successful");

    emu.control.failNext({
      status: 404,
      method: "POST",
      path: "/groups/{groupId}/apps/{appId}/import",
    });
    const again = await pushApp(admin, { ...ids, dir });
    expect(again.diff).toMatchObject({ changes: [], serverDiff: undefined, configChanged: false });
    expect(again.deployment).toBeUndefined();
  });
});
