// A pull walks only folders that can hold what it owns: a user's functions/node_modules (any
// depth) and, without hosting, hosting/files are never entered, and never touched.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { join, relative } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pullApp } from "../../packages/config/index.js";
import { startWorld } from "../deploy/helpers.js";
import { tempDir } from "./helpers.js";

const fs = createRequire(import.meta.url)("node:fs/promises") as typeof import("node:fs/promises");
const realReaddir = fs.readdir;

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.emu.stop());
afterEach(() => {
  fs.readdir = realReaddir;
  syncBuiltinESMExports();
});

/** The folders below `dir` that `readdir` is asked for while `run` runs, relative. */
async function foldersRead(dir: string, run: () => Promise<unknown>): Promise<string[]> {
  const read: string[] = [];
  fs.readdir = ((path: Parameters<typeof realReaddir>[0], ...rest: unknown[]) => {
    const rel = relative(dir, String(path));
    if (!rel.startsWith("..")) read.push(rel.split("\\").join("/"));
    return (realReaddir as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof realReaddir;
  syncBuiltinESMExports();
  try {
    await run();
  } finally {
    fs.readdir = realReaddir;
    syncBuiltinESMExports();
  }
  return read;
}

function put(dir: string, path: string, text: string): void {
  mkdirSync(join(dir, path, ".."), { recursive: true });
  writeFileSync(join(dir, path), text);
}

describe("pullApp does not walk folders it can never own", () => {
  it("skips functions/node_modules at any depth, and hosting/files unless hosting is pulled", async () => {
    const dir = join(tempDir(), "app");
    await pullApp(world.admin, { ...world.ids, dir });
    const mine = {
      "functions/node_modules/left-pad/index.js": "module.exports = 1;\n",
      "functions/node_modules/.bin/tool": "#!/bin/sh\n",
      "functions/lib/node_modules/deep/x.js": "exports = 2;\n",
      "hosting/files/index.html": "<p>mine</p>\n",
      "hosting/files/css/site.css": "p{}\n",
    };
    for (const [path, text] of Object.entries(mine)) put(dir, path, text);

    const read = await foldersRead(dir, () => pullApp(world.admin, { ...world.ids, dir }));

    expect(read).toContain("functions");
    expect(read).toContain("functions/lib");
    expect(read.filter((path) => /(^|\/)node_modules(\/|$)/.test(path))).toEqual([]);
    expect(read.filter((path) => path.startsWith("hosting/files"))).toEqual([]);
    for (const [path, text] of Object.entries(mine)) {
      expect(readFileSync(join(dir, path), "utf8")).toBe(text);
    }
  });

  it("walks hosting/files when hosting is pulled", async () => {
    const dir = join(tempDir(), "app");
    await pullApp(world.admin, { ...world.ids, dir, includeHosting: true });
    put(dir, "hosting/files/css/site.css", "p{}\n");

    const read = await foldersRead(dir, () =>
      pullApp(world.admin, { ...world.ids, dir, includeHosting: true, dryRun: true }),
    );

    expect(read).toContain("hosting/files/css");
  });
});

describe("openFolderUpdate with folders it does not walk", () => {
  it("never clears such a folder to put a file in its place", async () => {
    const { openFolderUpdate } = await import("../../packages/config/write-folder.js");
    const dir = join(tempDir(), "app");
    put(dir, "functions/vendor/kept.js", "exports = 1;\n");
    const up = await openFolderUpdate(dir, {
      roots: ["functions"],
      test: () => true,
      walked: (folder) => folder !== "functions/vendor",
    });
    try {
      await up.put("functions/vendor", "a file where the folder is\n");
      await expect(up.commit()).rejects.toThrow(/functions\/vendor is a folder there/);
    } finally {
      await up.dispose();
    }
    expect(readFileSync(join(dir, "functions/vendor/kept.js"), "utf8")).toBe("exports = 1;\n");
  });

  it("nor a folder holding one, even when all it was seen to hold goes", async () => {
    const { openFolderUpdate } = await import("../../packages/config/write-folder.js");
    const dir = join(tempDir(), "app");
    put(dir, "functions/vendor/gone.js", "exports = 1;\n");
    put(dir, "functions/vendor/deep/kept.js", "exports = 2;\n");
    const up = await openFolderUpdate(dir, {
      roots: ["functions"],
      test: () => true,
      walked: (folder) => folder !== "functions/vendor/deep",
    });
    try {
      // gone.js is not given again: the update deletes it, all that was seen in functions/vendor.
      await up.put("functions/vendor", "a file where the folder is\n");
      await expect(up.commit()).rejects.toThrow(/functions\/vendor is a folder there/);
    } finally {
      await up.dispose();
    }
    expect(readFileSync(join(dir, "functions/vendor/deep/kept.js"), "utf8")).toBe("exports = 2;\n");
  });
});
