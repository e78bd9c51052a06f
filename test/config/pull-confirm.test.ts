/**
 * `pullApp`'s `confirm`: asked, once every request has succeeded and before the folder changes,
 * with what the pull would overwrite (files already there with other bytes) and delete; never for
 * a pull that only creates files or changes nothing, nor for a dry run. Told no, the pull throws
 * `PullDeclinedError` and leaves the folder byte for byte (and mtime for mtime) as it was, with
 * nothing beside it: no staging folder, no lock.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  pullApp,
  PullDeclinedError,
  type PullAppOptions,
  type PullOverwrites,
} from "../../packages/config/index.js";
import { uploadAsset } from "../../packages/hosting/upload-asset.js";
import { rejectionOf, startWorld } from "../deploy/helpers.js";
import { snapshotWithTimes, tempDir } from "./helpers.js";

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
let parent: string;
let dir: string;

beforeEach(async () => {
  world = await startWorld();
  await world.admin.functions.createFunction({
    ...world.ids,
    body: { name: "hello", private: false, source: "exports = () => 1;\n" },
  });
  parent = tempDir("pull-confirm-");
  dir = join(parent, "app");
});
afterEach(async () => {
  await world.emu.stop();
});

/** `confirm` that answers `answer` and notes each time it was asked. */
function asker(answer: boolean | Promise<boolean>) {
  const asked: PullOverwrites[] = [];
  const confirm = (changes: PullOverwrites) => {
    asked.push(changes);
    return answer;
  };
  return { asked, confirm };
}

const pull = (options: Partial<PullAppOptions> = {}) =>
  pullApp(world.admin, { ...world.ids, dir, ...options });

/** Pulls, then edits hello.js and adds a value the app does not have. */
async function editedFolder(): Promise<void> {
  await pull();
  writeFileSync(join(dir, "functions", "hello.js"), "exports = () => 'mine';\n");
  mkdirSync(join(dir, "values"), { recursive: true });
  writeFileSync(join(dir, "values", "stale.json"), '{"name":"stale","value":1}\n');
}

describe("pullApp confirm", () => {
  it("told no: PullDeclinedError, the folder byte-identical, nothing staged, no lock", async () => {
    await editedFolder();
    writeFileSync(join(dir, "README.md"), "mine\n");
    const before = await snapshotWithTimes(dir);
    // A remote change too, so that something is created as well: created files are not listed.
    await world.admin.functions.createFunction({
      ...world.ids,
      body: { name: "bye", private: false, source: "exports = () => 2;\n" },
    });
    const { asked, confirm } = asker(Promise.resolve(false));

    const error = await rejectionOf(pull({ confirm }));
    expect(error).toBeInstanceOf(PullDeclinedError);
    const declined = error as PullDeclinedError;
    const changes = {
      overwritten: ["functions/config.json", "functions/hello.js"],
      deleted: ["values/stale.json"],
    };
    expect(asked).toEqual([changes]);
    expect({ overwritten: declined.overwritten, deleted: declined.deleted }).toEqual(changes);
    expect(declined.message).toContain("nothing was changed");
    expect(await snapshotWithTimes(dir)).toEqual(before);
    expect(existsIn(dir, "functions/bye.js")).toBe(false);
    expect(readdirSync(parent)).toEqual(["app"]);

    // The lock is gone: the next pull (told yes) goes ahead and writes the app.
    const yes = asker(true);
    const result = await pull({ confirm: yes.confirm });
    expect(yes.asked).toEqual([changes]);
    expect(result.written).toEqual(["functions/bye.js", ...changes.overwritten]);
    expect(result.deleted).toEqual(changes.deleted);
    expect(readFileSync(join(dir, "functions", "hello.js"), "utf8")).toBe("exports = () => 1;\n");
    expect(readFileSync(join(dir, "README.md"), "utf8")).toBe("mine\n");
    expect(readdirSync(parent)).toEqual(["app"]);
  });

  it("is not asked into a new or empty folder, nor when nothing changes", async () => {
    const { asked, confirm } = asker(false);
    const first = await pull({ confirm });
    expect(first.written).toContain("functions/hello.js");
    const again = await pull({ confirm });
    expect(again).toMatchObject({ written: [], deleted: [] });

    const empty = join(parent, "empty");
    mkdirSync(empty);
    writeFileSync(join(empty, "README.md"), "mine\n");
    await pull({ dir: empty, confirm });
    expect(readFileSync(join(empty, "functions", "hello.js"), "utf8")).toBe("exports = () => 1;\n");
    expect(asked).toEqual([]);
  });

  it("a remote change into an untouched folder is asked about as an edit is", async () => {
    await pull();
    const [hello] = await world.admin.functions.listFunctions(world.ids);
    await world.admin.functions.updateFunction({
      ...world.ids,
      functionId: hello!._id!,
      body: { name: "hello", private: false, source: "exports = () => 'new';\n" },
    });
    const before = await snapshotWithTimes(dir);
    const { asked, confirm } = asker(false);
    await expect(pull({ confirm })).rejects.toBeInstanceOf(PullDeclinedError);
    expect(asked).toEqual([{ overwritten: ["functions/hello.js"], deleted: [] }]);
    expect(await snapshotWithTimes(dir)).toEqual(before);
  });

  it("a dry run is not asked and plans as before", async () => {
    await editedFolder();
    const before = await snapshotWithTimes(dir);
    const { asked, confirm } = asker(false);
    const planned = await pull({ dryRun: true, confirm });
    expect(planned).toMatchObject({
      written: ["functions/hello.js"],
      deleted: ["values/stale.json"],
    });
    expect(asked).toEqual([]);
    expect(await snapshotWithTimes(dir)).toEqual(before);
  });

  it("counts hosted files: one edited here, one the app does not have", async () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    await uploadAsset(world.admin, {
      ...world.ids,
      path: "/index.html",
      file: bytes("<h1>a</h1>\n"),
    });
    await uploadAsset(world.admin, { ...world.ids, path: "/new.css", file: bytes("h1 {}\n") });
    await pull({ includeHosting: true });
    await world.admin.hosting.deleteHostedAsset({ ...world.ids, path: "/new.css" });
    writeFileSync(join(dir, "hosting", "files", "index.html"), "<h1>mine</h1>\n");
    const before = await snapshotWithTimes(dir);
    const { asked, confirm } = asker(false);
    await expect(pull({ includeHosting: true, confirm })).rejects.toBeInstanceOf(PullDeclinedError);
    expect(asked).toEqual([
      { overwritten: ["hosting/files/index.html"], deleted: ["hosting/files/new.css"] },
    ]);
    expect(await snapshotWithTimes(dir)).toEqual(before);
    expect(readdirSync(parent)).toEqual(["app"]);
    // Without includeHosting, hosted files are not the pull's: nothing to ask.
    await pull({ confirm });
    expect(asked).toHaveLength(1);
  });
});

function existsIn(folder: string, path: string): boolean {
  return readdirSync(folder, { recursive: true }).map(String).includes(path);
}
