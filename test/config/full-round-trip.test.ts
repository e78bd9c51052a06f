import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullApp, pushApp } from "../../packages/config/index.js";
import { stableJson } from "../../packages/config/stable-json.js";
import { startWorld } from "../deploy/helpers.js";
import { fixtureFiles, snapshot, tempDir } from "./helpers.js";

type World = Awaited<ReturnType<typeof startWorld>>;

describe("a folder with every kind of resource, pushed to the emulator and pulled back", () => {
  let world: World;
  let dir: string;
  let files: Map<string, string>;

  beforeAll(async () => {
    world = await startWorld();
    const app = await world.admin.apps.getApplication(world.ids);
    files = fixtureFiles();
    const root = JSON.parse(files.get("realm_config.json")!);
    files.set(
      "realm_config.json",
      stableJson({ ...root, app_id: app.client_app_id, name: app.name }),
    );
    files.delete(".mdb/app_meta.json");
    dir = join(tempDir(), "app");
    for (const [path, text] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    await world.admin.secrets.createSecret({
      ...world.ids,
      body: { name: "stripe_secret", value: "sk" },
    });
  });
  afterAll(() => world.emu.stop());

  it("pushes it in one deployment", async () => {
    const result = await pushApp(world.admin, { ...world.ids, dir });
    expect(result.deployment?.status).toBe("successful");
  });

  // Byte for byte: collection schemas, GraphQL validation settings, legacy webhooks and their
  // sources, rule roles, references by name (no ids) and the absent Data API config all come back.
  it("pulls back the same files", async () => {
    const again = join(tempDir(), "again");
    await pullApp(world.admin, { ...world.ids, dir: again });
    const pulled = await snapshot(again);
    delete pulled[".mdb/app_meta.json"];
    expect(pulled).toEqual(Object.fromEntries([...files].sort()));
  });
});
