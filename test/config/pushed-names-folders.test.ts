import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigValidationError, pushApp } from "../../packages/config/index.js";
import { checkFileName } from "../../packages/config/layout.js";
import { stableJson } from "../../packages/config/stable-json.js";
import { rejectionOf } from "../deploy/helpers.js";
import { worldWithPulledFunction } from "./helpers.js";

// A collection folder without rules.json pushes its rule under the folder's own names (database
// and collection): a name a pull could not write back is refused there too, as a rules.json's.

type World = Awaited<ReturnType<typeof worldWithPulledFunction>>["world"];
let world: World | undefined;
afterEach(async () => {
  await world?.emu.stop();
  world = undefined;
});

async function pushed(files: Record<string, unknown>) {
  const started = await worldWithPulledFunction();
  world = started.world;
  for (const [path, value] of Object.entries(files)) {
    mkdirSync(join(started.dir, path, ".."), { recursive: true });
    writeFileSync(join(started.dir, path), typeof value === "string" ? value : stableJson(value));
  }
  world.emu.control.resetCounts();
  const error = await rejectionOf(pushApp(world.admin, { ...world.ids, dir: started.dir }));
  expect(error).toBeInstanceOf(ConfigValidationError);
  expect(world.emu.control.counts().total).toBe(0);
  return (error as ConfigValidationError).issues.map(({ file, pointer, message }) => ({
    file,
    pointer,
    message,
  }));
}

const refusal = (what: string, name: string) => {
  try {
    checkFileName(name, what);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${JSON.stringify(name)} is a usable file name`);
};

const SCHEMA = { title: "item", bsonType: "object", properties: {} };

describe.skipIf(process.platform === "win32")("a collection folder without rules.json", () => {
  it("refuses a database folder whose name a pull could not write, once, at its schema.json", async () => {
    const base = "data_sources/mongodb-atlas/db\u0001/items";
    const issues = await pushed({
      [`${base}/schema.json`]: SCHEMA,
      [`${base}/relationships.json`]: {},
    });
    expect(issues).toEqual([
      {
        file: `${base}/schema.json`,
        pointer: "",
        message: refusal("a rule's database", "db\u0001"),
      },
    ]);
  });

  it("refuses a collection folder so named, at relationships.json when there is no schema.json", async () => {
    const base = "data_sources/mongodb-atlas/db/items\n";
    const issues = await pushed({ [`${base}/relationships.json`]: {} });
    expect(issues).toContainEqual({
      file: `${base}/relationships.json`,
      pointer: "",
      message: refusal("a rule's collection", "items\n"),
    });
  });
});
