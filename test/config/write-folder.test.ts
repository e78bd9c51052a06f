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
import { openFolderUpdate, type FolderUpdate } from "../../packages/config/write-folder.js";
import { tempDir } from "./helpers.js";

const owned = {
  roots: ["realm_config.json", "functions", "hosting"],
  test: (path: string) =>
    path === "realm_config.json" ||
    /^functions\/.*\.(js|json)$/.test(path) ||
    path.startsWith("hosting/"),
};

function write(dir: string, path: string, text: string) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** Puts `files` and commits, disposing in any case. */
async function update(dir: string, files: Record<string, string>) {
  const up = await openFolderUpdate(dir, owned);
  try {
    for (const [path, text] of Object.entries(files)) await up.put(path, text);
    return await up.commit();
  } finally {
    await up.dispose();
  }
}

/** Staging folders beside `dir` (`.<name>.pull-XXXXXX`). */
function stagingFolders(dir: string): string[] {
  return readdirSync(dirname(dir)).filter((name) => name.includes(".pull-"));
}

describe("openFolderUpdate: the folder made to match, touching only what it owns", () => {
  it("creates a missing folder with its files, leaving no staging folder behind", async () => {
    const dir = join(tempDir(), "app");
    const result = await update(dir, { "realm_config.json": "{}\n", "functions/a/b.js": "x" });
    expect(result).toEqual({
      written: ["functions/a/b.js", "realm_config.json"],
      deleted: [],
      unchanged: 0,
    });
    expect(readFileSync(join(dir, "functions/a/b.js"), "utf8")).toBe("x");
    expect(readdirSync(dirname(dir))).toEqual(["app"]);
  });

  it("does not rewrite a file whose bytes are already right, and writes nothing at all when nothing changed", async () => {
    const dir = join(tempDir(), "app");
    write(dir, "realm_config.json", "{}\n");
    write(dir, "functions/a.js", "a");
    const old = new Date("2020-01-01T00:00:00Z");
    utimesSync(join(dir, "realm_config.json"), old, old);
    const up = await openFolderUpdate(dir, owned);
    await up.put("realm_config.json", "{}\n");
    await up.put("functions/a.js", new TextEncoder().encode("a"));
    // Nothing to stage: no staging folder was made, not even for a moment.
    expect(stagingFolders(dir)).toEqual([]);
    expect(await up.commit()).toEqual({ written: [], deleted: [], unchanged: 2 });
    await up.dispose();
    expect(statSync(join(dir, "realm_config.json")).mtime).toEqual(old);
    expect(readdirSync(dirname(dir))).toEqual(["app"]);
  });

  it("replaces changed files and adds new ones in existing, new and empty folders", async () => {
    const dir = join(tempDir(), "app");
    write(dir, "realm_config.json", "old\n");
    write(dir, "functions/kept.js", "same");
    mkdirSync(join(dir, "hosting/files"), { recursive: true });
    const result = await update(dir, {
      "realm_config.json": "new\n",
      "functions/kept.js": "same",
      "functions/new/deep/x.js": "x",
      "hosting/files/a/b.txt": "b",
      "hosting/metadata.json": "[]\n",
    });
    expect(result).toEqual({
      written: [
        "functions/new/deep/x.js",
        "hosting/files/a/b.txt",
        "hosting/metadata.json",
        "realm_config.json",
      ],
      deleted: [],
      unchanged: 1,
    });
    expect(readFileSync(join(dir, "realm_config.json"), "utf8")).toBe("new\n");
    expect(readFileSync(join(dir, "functions/new/deep/x.js"), "utf8")).toBe("x");
    expect(readFileSync(join(dir, "hosting/files/a/b.txt"), "utf8")).toBe("b");
    expect(readFileSync(join(dir, "hosting/metadata.json"), "utf8")).toBe("[]\n");
    expect(stagingFolders(dir)).toEqual([]);
  });

  it("deletes owned files the new set lacks, and folders left empty; never anything else", async () => {
    const dir = join(tempDir(), "app");
    write(dir, "functions/gone/old.js", "x");
    write(dir, "functions/kept.js", "y");
    write(dir, "functions/README.md", "notes");
    write(dir, ".git/HEAD", "ref");
    write(dir, "notes.txt", "mine");
    const result = await update(dir, { "functions/kept.js": "y" });
    expect(result.deleted).toEqual(["functions/gone/old.js"]);
    expect(existsSync(join(dir, "functions/gone"))).toBe(false);
    expect(readFileSync(join(dir, "functions/README.md"), "utf8")).toBe("notes");
    expect(readFileSync(join(dir, ".git/HEAD"), "utf8")).toBe("ref");
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine");
  });

  it("does not read back a file put as known to have changed: it is staged and replaced", async () => {
    const dir = join(tempDir(), "app");
    write(dir, "hosting/files/a.txt", "same");
    const up = await openFolderUpdate(dir, owned);
    // The same bytes, to show the file there was not compared (compared, it would be kept).
    await up.put("hosting/files/a.txt", "same", { changed: true });
    const result = await up.commit();
    await up.dispose();
    expect(result).toEqual({ written: ["hosting/files/a.txt"], deleted: [], unchanged: 0 });
    expect(readFileSync(join(dir, "hosting/files/a.txt"), "utf8")).toBe("same");
    expect(stagingFolders(dir)).toEqual([]);
  });

  it("keeps a file marked keep and moves a streamed one into place", async () => {
    const dir = join(tempDir(), "app");
    write(dir, "hosting/files/a.txt", "same");
    const up = await openFolderUpdate(dir, owned);
    up.keep("hosting/files/a.txt");
    writeFileSync(await up.stream("hosting/files/sub/b.txt"), "downloaded");
    const result = await up.commit();
    await up.dispose();
    expect(result).toEqual({ written: ["hosting/files/sub/b.txt"], deleted: [], unchanged: 1 });
    expect(readFileSync(join(dir, "hosting/files/sub/b.txt"), "utf8")).toBe("downloaded");
    expect(readFileSync(join(dir, "hosting/files/a.txt"), "utf8")).toBe("same");
  });

  it("changes nothing in the folder before commit: an update given up leaves it as it was", async () => {
    const dir = join(tempDir(), "app");
    write(dir, "realm_config.json", "old\n");
    write(dir, "functions/stale.js", "x");
    const up = await openFolderUpdate(dir, owned);
    await up.put("realm_config.json", "new\n");
    await up.put("functions/fresh.js", "y");
    expect(stagingFolders(dir)).toHaveLength(1);
    await up.dispose();
    expect(readFileSync(join(dir, "realm_config.json"), "utf8")).toBe("old\n");
    expect(readFileSync(join(dir, "functions/stale.js"), "utf8")).toBe("x");
    expect(existsSync(join(dir, "functions/fresh.js"))).toBe(false);
    expect(stagingFolders(dir)).toEqual([]);
  });

  it("leaves the folder as it was when staging fails", async () => {
    const dir = join(tempDir(), "app");
    write(dir, "realm_config.json", "old\n");
    write(dir, "functions/stale.js", "x");
    const up: FolderUpdate = await openFolderUpdate(dir, owned);
    await up.put("functions/one.js", "1");
    // The staging folder gone: the next staged write fails, as on a full disk.
    for (const name of stagingFolders(dir)) rmSync(join(dirname(dir), name), { recursive: true });
    await expect(up.put("realm_config.json", "new\n")).rejects.toThrow(/ENOENT/);
    await up.dispose();
    expect(readFileSync(join(dir, "realm_config.json"), "utf8")).toBe("old\n");
    expect(readFileSync(join(dir, "functions/stale.js"), "utf8")).toBe("x");
    expect(existsSync(join(dir, "functions/one.js"))).toBe(false);
  });

  it("gives the event loop turns while it stages many files", async () => {
    const dir = join(tempDir(), "app");
    const up = await openFolderUpdate(dir, owned);
    let turns = 0;
    const tick = () => {
      turns++;
      if (!done) setImmediate(tick);
    };
    let done = false;
    setImmediate(tick);
    const paths = Array.from({ length: 300 }, (_, i) => `functions/f${i}.js`);
    // The turns seen as each put finished: the first ones wait for the staging folder.
    const seen: number[] = [];
    await Promise.all(paths.map(async (path) => (await up.put(path, path), seen.push(turns))));
    done = true;
    // Without a turn now and then, the 300 writes would all run within one turn.
    expect(seen.at(-1)! - seen[0]!).toBeGreaterThanOrEqual(3);
    expect((await up.commit()).written).toHaveLength(300);
    await up.dispose();
    expect(readFileSync(join(dir, "functions/f299.js"), "utf8")).toBe("functions/f299.js");
  });

  it("creates a staged file off this thread: a put returns before the file holds its bytes", async () => {
    const dir = join(tempDir(), "app");
    const up = await openFolderUpdate(dir, owned);
    await up.put("functions/one.js", "1");
    const [staging] = stagingFolders(dir);
    const staged = join(dirname(dir), staging!, "functions/two.js");
    const put = up.put("functions/two.js", "two");
    // Not there yet, or created and still empty: its bytes are written once the pool has made it.
    const seen = existsSync(staged) ? readFileSync(staged, "utf8") : undefined;
    await put;
    expect(seen === undefined || seen === "").toBe(true);
    expect(readFileSync(staged, "utf8")).toBe("two");
    expect((await up.commit()).written).toEqual(["functions/one.js", "functions/two.js"]);
    await up.dispose();
    expect(readFileSync(join(dir, "functions/two.js"), "utf8")).toBe("two");
  });

  it("refuses a path given twice", async () => {
    const up = await openFolderUpdate(tempDir(), owned);
    up.keep("hosting/files/a.txt");
    await expect(up.put("hosting/files/a.txt", "x")).rejects.toThrow(/given twice/);
    await up.dispose();
  });
});

describe("openFolderUpdate: a file in the way of several files", () => {
  it("names the first of them in path order, whatever order they were put in", async () => {
    for (const order of [
      ["functions/hello.js", "functions/config.json"],
      ["functions/config.json", "functions/hello.js"],
    ]) {
      const dir = join(tempDir(), "app");
      write(dir, "realm_config.json", "{}\n");
      write(dir, "functions", "a file of the user's\n");
      const error: unknown = await update(
        dir,
        Object.fromEntries(order.map((path) => [path, "x\n"])),
      ).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(
        /cannot pull functions\/config\.json into .*: functions is a file, not a folder/,
      );
      expect(readFileSync(join(dir, "functions"), "utf8")).toBe("a file of the user's\n");
    }
  });
});
