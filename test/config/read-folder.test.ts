import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readAppFolder } from "../../packages/config/app-folder.js";
import { tempDir } from "./helpers.js";

// readAppFolder takes the files of a folder as listed and walks only its subfolders: which files
// it reads is the layout's rule, at every depth.

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function folder(files: Record<string, string>): string {
  dir = tempDir("read-folder-");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("readAppFolder: the configuration files of a folder", () => {
  it("reads the .js and .json files of the layout's folders at every depth, and nothing else", async () => {
    const root = folder({
      "realm_config.json": "{}",
      "README.md": "not config",
      "notes/extra.json": "{}",
      "functions/config.json": "[]",
      "functions/a.js": "exports = () => 1;",
      "functions/lib/b.js": "exports = () => 2;",
      "functions/readme.txt": "not config",
      "functions/package.json": "{}",
      "functions/node_modules/x/index.js": "dependency",
      "hosting/metadata.json": "[]",
      "hosting/files/data.json": "hosted, not config",
      "data_sources/mongodb-atlas/db/coll/rules.json": "{}",
      "data_sources/mongodb-atlas/config.json": "{}",
    });
    // A symlinked folder is not followed; a symlinked file is read.
    symlinkSync(join(root, "functions/lib"), join(root, "functions/linked"));
    symlinkSync(join(root, "functions/a.js"), join(root, "functions/alias.js"));
    const { folder: read, issues } = await readAppFolder(root);
    expect(issues).toEqual([]);
    expect([...read.json.keys(), ...read.sources.keys()].sort()).toEqual([
      "data_sources/mongodb-atlas/config.json",
      "data_sources/mongodb-atlas/db/coll/rules.json",
      "functions/a.js",
      "functions/alias.js",
      "functions/config.json",
      "functions/lib/b.js",
      "hosting/metadata.json",
      "realm_config.json",
    ]);
  });

  it("fails with the file system's error when the folder cannot be listed", async () => {
    const root = folder({ "realm_config.json": "{}", "functions/config.json": "[]" });
    await expect(readAppFolder(join(root, "missing"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});
