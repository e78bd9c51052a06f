import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pullApp } from "../../packages/config/index.js";
import { startWorld } from "../deploy/helpers.js";
import { snapshot, tempDir } from "./helpers.js";

// Targets a pull's renames could fail into: a folder that refuses writes (some renames would go
// through, others not) and a folder that is a mount point (beside it is another file system).

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
let parent: string;
let dir: string;
let functionId: string;

beforeEach(async () => {
  world = await startWorld();
  const made = await world.admin.functions.createFunction({
    ...world.ids,
    body: { name: "hello", private: false, source: "exports = () => 1;\n" },
  });
  functionId = (made as { _id: string })._id;
  parent = tempDir("pull-target-hostile2-");
  dir = join(parent, "app");
});
afterEach(async () => {
  await world.emu.stop();
  chmodSync(parent, 0o755);
  rmSync(parent, { recursive: true, force: true });
});

/** The app changes a file in `functions/` and gains one in a new top folder, `values/`. */
async function changeTheApp() {
  await world.admin.functions.updateFunction({
    ...world.ids,
    functionId,
    body: { name: "hello", private: false, source: "exports = () => 2;\n" },
  });
  await world.admin.values.createValue({
    ...world.ids,
    body: { name: "v", private: false, value: 1 },
  } as never);
}

const root = process.getuid?.() === 0;

// Skipped as root, who writes into any folder whatever its mode: there is nothing to refuse.
// (Run as uid 65534, both fail without the checks: functions/hello.js was replaced, then
// values/ failed with EACCES; the staging lock failed with a bare EACCES.)
describe.skipIf(root || process.platform === "win32")(
  "pullApp into a folder that refuses writes",
  () => {
    it("fails naming it before any rename, when only some renames could go through", async () => {
      await pullApp(world.admin, { ...world.ids, dir });
      const before = await snapshot(dir);
      await changeTheApp();
      chmodSync(dir, 0o555);
      try {
        await expect(pullApp(world.admin, { ...world.ids, dir })).rejects.toThrow(
          `cannot pull into ${dir}: the folder cannot be written (EACCES); nothing was changed`,
        );
        expect(await snapshot(dir)).toEqual(before);
      } finally {
        chmodSync(dir, 0o755);
      }
    });

    it("fails naming the folder beside it, where it stages, when that refuses writes", async () => {
      await pullApp(world.admin, { ...world.ids, dir });
      await changeTheApp();
      chmodSync(parent, 0o555);
      await expect(pullApp(world.admin, { ...world.ids, dir })).rejects.toThrow(
        `cannot pull into ${dir}: ${parent}, where the pull stages its files, cannot be written (EACCES); nothing was changed`,
      );
    });
  },
);

/** Mounts a tmpfs at `at`, or says why not (only root may, where the system lets it). */
function mountTmpfs(at: string): string | undefined {
  if (!root || process.platform !== "linux") return "mounting takes root on Linux";
  try {
    execFileSync("mount", ["-t", "tmpfs", "none", at], { stdio: "pipe" });
    return undefined;
  } catch (error) {
    return `mount refused: ${String((error as { stderr?: unknown }).stderr ?? error)}`;
  }
}

describe("pullApp into a folder that is a mount point (a container's volume)", () => {
  it("stages inside it, so the renames stay on its file system (beside it they failed with EXDEV)", async (context) => {
    mkdirSync(dir, { recursive: true });
    const refused = mountTmpfs(dir);
    if (refused) return context.skip(refused);
    try {
      await pullApp(world.admin, { ...world.ids, dir });
      await changeTheApp();
      await pullApp(world.admin, { ...world.ids, dir });
      expect(Object.keys(await snapshot(dir))).toContain("values/v.json");
      // Nothing of the pull is left, inside or beside.
      expect(readdirSync(dir).filter((name) => name.includes(".pull"))).toEqual([]);
      expect(readdirSync(parent)).toEqual(["app"]);
    } finally {
      execFileSync("umount", [dir]);
    }
  });
});

describe("pullApp into a folder whose name is near the file system's limit", () => {
  it("pulls, naming its staging folder and lock by a digest (the name and its suffixes were too long)", async () => {
    const long = join(parent, "a".repeat(250));
    await pullApp(world.admin, { ...world.ids, dir: long });
    await changeTheApp();
    await pullApp(world.admin, { ...world.ids, dir: long });
    expect(Object.keys(await snapshot(long))).toContain("values/v.json");
    expect(readdirSync(parent)).toEqual(["a".repeat(250)]);
  });
});
