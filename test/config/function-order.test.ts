// A pull lists functions/config.json by name; an app whose functions were created in another
// order must still push back as a no-op (issue 18: pull → push unchanged creates no deployment).
// The emulator updates resources where they are on an import, as a server matching them by name
// does, so reordering a configuration's list changes nothing.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullApp, pushApp } from "../../packages/config/index.js";
import { startWorld } from "../deploy/helpers.js";
import { tempDir } from "./helpers.js";

type World = Awaited<ReturnType<typeof startWorld>>;

describe("functions created out of name order", () => {
  let world: World;
  let dir: string;
  const created = ["zeta", "alpha", "mid", "beta10", "beta2"];

  beforeAll(async () => {
    world = await startWorld();
    for (const name of created) {
      await world.admin.functions.createFunction({
        ...world.ids,
        body: { name, private: false, source: `exports = () => "${name}";\n` },
      });
    }
    dir = join(tempDir(), "app");
  });
  afterAll(() => world.emu.stop());

  it("pull by name, and push back unchanged as a no-op", async () => {
    const { admin, ids } = world;
    await pullApp(admin, { ...ids, dir });
    const listed = JSON.parse(readFileSync(join(dir, "functions/config.json"), "utf8")) as {
      name: string;
    }[];
    expect(listed.map((f) => f.name)).toEqual(["alpha", "beta10", "beta2", "mid", "zeta"]);

    const deployments = (await admin.deploy.listDeployments(ids)).length;
    const result = await pushApp(admin, { ...ids, dir });
    expect(result.diff.serverDiff).toEqual([]);
    expect(result.deployment).toBeUndefined();
    expect(await admin.deploy.listDeployments(ids)).toHaveLength(deployments);
  });

  it("an edit pushed keeps every function's id and the app's order of them", async () => {
    const { admin, ids } = world;
    const before = await admin.functions.listFunctions(ids);
    writeFileSync(join(dir, "functions/mid.js"), 'exports = () => "mid, edited";\n');
    const result = await pushApp(admin, { ...ids, dir });
    expect(result.deployment?.status).toBe("successful");
    const after = await admin.functions.listFunctions(ids);
    expect(after.map((f) => [f._id, f.name])).toEqual(before.map((f) => [f._id, f.name]));
    expect(after.map((f) => f.name)).toEqual(created);
    // ...and the folder is a no-op again.
    expect((await pushApp(admin, { ...ids, dir })).deployment).toBeUndefined();
  });
});
