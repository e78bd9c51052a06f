import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  commitFolder,
  createStaging,
  type FileContent,
} from "../../packages/config/write-folder.js";
import { tempDir } from "./helpers.js";

const owned = {
  roots: ["realm_config.json", "functions", "hosting"],
  test: (path: string) => path === "realm_config.json" || /^functions\/.*\.(js|json)$/.test(path),
};

function write(dir: string, path: string, text: string) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

async function commit(dir: string, files: Record<string, FileContent>) {
  const staging = await createStaging(dir);
  try {
    return await commitFolder(dir, new Map(Object.entries(files)), owned, staging);
  } finally {
    await staging.remove();
  }
}

describe("commitFolder: the folder made to match, touching only what it owns", () => {
  it("creates the folder and its files", async () => {
    const dir = join(tempDir(), "app");
    const result = await commit(dir, { "realm_config.json": "{}\n", "functions/a/b.js": "x" });
    expect(result).toEqual({
      written: ["functions/a/b.js", "realm_config.json"],
      deleted: [],
      unchanged: 0,
    });
    expect(readFileSync(join(dir, "functions/a/b.js"), "utf8")).toBe("x");
  });

  it("does not rewrite a file whose bytes are already right (its mtime stays)", async () => {
    const dir = tempDir();
    write(dir, "realm_config.json", "{}\n");
    const old = new Date("2020-01-01T00:00:00Z");
    utimesSync(join(dir, "realm_config.json"), old, old);
    const result = await commit(dir, { "realm_config.json": "{}\n" });
    expect(result).toEqual({ written: [], deleted: [], unchanged: 1 });
    expect(statSync(join(dir, "realm_config.json")).mtime).toEqual(old);
  });

  it("deletes owned files the new set lacks, and folders left empty; never anything else", async () => {
    const dir = tempDir();
    write(dir, "functions/gone/old.js", "x");
    write(dir, "functions/kept.js", "y");
    write(dir, "functions/README.md", "notes");
    write(dir, ".git/HEAD", "ref");
    write(dir, "notes.txt", "mine");
    const result = await commit(dir, { "functions/kept.js": "y" });
    expect(result.deleted).toEqual(["functions/gone/old.js"]);
    expect(existsSync(join(dir, "functions/gone"))).toBe(false);
    expect(readFileSync(join(dir, "functions/README.md"), "utf8")).toBe("notes");
    expect(readFileSync(join(dir, ".git/HEAD"), "utf8")).toBe("ref");
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine");
  });

  it("keeps a file marked keep and moves a staged one into place", async () => {
    const dir = tempDir();
    write(dir, "hosting/files/a.txt", "same");
    const staging = await createStaging(dir);
    const staged = staging.next();
    writeFileSync(staged, "downloaded");
    const result = await commitFolder(
      dir,
      new Map<string, FileContent>([
        ["hosting/files/a.txt", { keep: true }],
        ["hosting/files/b.txt", { staged }],
      ]),
      { roots: ["hosting"], test: () => true },
      staging,
    );
    await staging.remove();
    expect(result).toEqual({ written: ["hosting/files/b.txt"], deleted: [], unchanged: 1 });
    expect(readFileSync(join(dir, "hosting/files/b.txt"), "utf8")).toBe("downloaded");
  });

  it("stages beside the folder and leaves no staging folder behind", async () => {
    const parent = tempDir();
    const dir = join(parent, "app");
    await commit(dir, { "realm_config.json": "{}\n" });
    expect(readdirSync(parent)).toEqual(["app"]);
  });

  it("leaves the folder as it was when staging fails", async () => {
    const dir = tempDir();
    write(dir, "realm_config.json", "old\n");
    write(dir, "functions/stale.js", "x");
    const staging = await createStaging(dir);
    // A staging folder that has gone away: every staged write fails, as on a full disk.
    rmSync(staging.dir, { recursive: true });
    await expect(
      commitFolder(dir, new Map([["realm_config.json", "new\n"]]), owned, staging),
    ).rejects.toThrow(/ENOENT/);
    expect(readFileSync(join(dir, "realm_config.json"), "utf8")).toBe("old\n");
    expect(readFileSync(join(dir, "functions/stale.js"), "utf8")).toBe("x");
  });
});
