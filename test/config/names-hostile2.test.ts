import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pullApp } from "../../packages/config/index.js";
import { checkFileName } from "../../packages/config/layout.js";
import { loadAppFolder } from "../../packages/config/load-folder.js";
import { startWorld } from "../deploy/helpers.js";
import { tempDir } from "./helpers.js";

// Names a pull writes must be names the next push reads back as the same resources, and names a
// push reads must be names a pull can write back.

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
let dir: string;
/** What the next `GET …/pull` answers instead of the emulator's configuration, if set. */
let hostile: ((config: Record<string, unknown>) => Record<string, unknown>) | undefined;

beforeEach(async () => {
  hostile = undefined;
  world = await startWorld({
    fetch: async (request) => {
      const answer = await fetch(request);
      if (hostile && new URL(request.url).pathname.endsWith("/pull"))
        return Response.json(hostile((await answer.json()) as Record<string, unknown>));
      return answer;
    },
  });
  dir = join(tempDir("names-hostile2-"), "app");
});
afterEach(async () => {
  await world.emu.stop();
  rmSync(dirname(dir), { recursive: true, force: true });
});

const fn = (name: string) => ({ name, private: false, source: `exports = () => "${name}";\n` });
const withFunctions =
  (...names: string[]) =>
  (config: Record<string, unknown>) => ({ ...config, functions: names.map(fn) });

/** The function sources the folder's push would send, by path below functions/. */
async function pushedSources(): Promise<string[]> {
  const { payload } = await loadAppFolder(dir);
  return Object.keys((payload.functions as { sources: Record<string, string> }).sources).sort();
}

describe("file names are limited in UTF-8 bytes, as file systems count them", () => {
  it("refuses a name of 200 CJK characters (600 bytes) before anything is written", async () => {
    const name = "函".repeat(200);
    expect(() => checkFileName(name, "a trigger")).toThrow(
      `a trigger has a name longer than file systems allow (255 bytes of UTF-8)`,
    );
    hostile = withFunctions(name);
    await expect(pullApp(world.admin, { ...world.ids, dir })).rejects.toThrow(
      /^a function has a name longer than file systems allow \(255 bytes of UTF-8 per segment\)/,
    );
    expect(readdirSync(dirname(dir))).toEqual([]);
  });

  it("still accepts 85 three-byte characters (255 bytes), and a long name split in segments", () => {
    expect(checkFileName("函".repeat(85), "a trigger")).toBe("函".repeat(85));
    const nested = `${"函".repeat(85)}/${"é".repeat(127)}`;
    expect(checkFileName(nested, "a function", true)).toBe(nested);
    expect(() => checkFileName(`a/${"é".repeat(128)}`, "a function", true)).toThrow("per segment");
  });
});

describe("a function and the functions' node_modules", () => {
  it("a function named node_modules is pulled as functions/node_modules.js and pushed back", async () => {
    hostile = withFunctions("hello", "node_modules");
    await pullApp(world.admin, { ...world.ids, dir });
    expect(existsSync(join(dir, "functions/node_modules.js"))).toBe(true);
    expect(await pushedSources()).toEqual(["hello.js", "node_modules.js"]);
  });

  it("a function whose source would go into a node_modules folder is refused by pull, naming it", async () => {
    hostile = withFunctions("hello", "lib/node_modules/x");
    await expect(pullApp(world.admin, { ...world.ids, dir })).rejects.toThrow(
      'the function "lib/node_modules/x" would be written into a node_modules folder',
    );
    expect(readdirSync(dirname(dir))).toEqual([]);
  });

  it("a push reads no node_modules folder below functions/, a pull deletes nothing in one, and push says so for a function named into one", async () => {
    hostile = withFunctions("hello");
    await pullApp(world.admin, { ...world.ids, dir });
    // A package installed beside a nested function: its files are no function sources.
    mkdirSync(join(dir, "functions/lib/node_modules/dep"), { recursive: true });
    writeFileSync(join(dir, "functions/lib/node_modules/dep/index.js"), "module.exports = 1;\n");
    expect(await pushedSources()).toEqual(["hello.js"]);
    // Nor is it the pull's to delete, as a function's file it no longer has.
    await pullApp(world.admin, { ...world.ids, dir });
    expect(existsSync(join(dir, "functions/lib/node_modules/dep/index.js"))).toBe(true);
    const config = join(dir, "functions/config.json");
    writeFileSync(config, JSON.stringify([{ name: "lib/node_modules/dep/index", private: false }]));
    await expect(loadAppFolder(dir)).rejects.toThrow(
      'functions/config.json:1:10 /0/name: function "lib/node_modules/dep/index" has its source in a node_modules folder',
    );
  });
});

// Windows takes `\` for a separator and `:` for a drive or a stream: there neither can be in a
// name, a push never reads one and a pull refuses them; elsewhere they are plain characters.
describe.skipIf(process.platform === "win32")("names with : and \\ (not on Windows)", () => {
  it("a pull writes functions named with them, and the push reads the same names back", async () => {
    hostile = withFunctions("a:b", "c\\d");
    await pullApp(world.admin, { ...world.ids, dir });
    expect(readdirSync(join(dir, "functions")).sort()).toEqual([
      "a:b.js",
      "c\\d.js",
      "config.json",
    ]);
    expect(await pushedSources()).toEqual(["a:b.js", "c\\d.js"]);
  });

  it("control characters are still refused", () => {
    expect(() => checkFileName("a\nb", "a value")).toThrow("has no name usable as a file name");
  });
});
