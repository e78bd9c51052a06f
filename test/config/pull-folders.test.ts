import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import { pullApp } from "../../packages/config/index.js";
import { acrossFolders } from "../../packages/config/folder-order.js";
import { checkFileName } from "../../packages/config/layout.js";
import { uploadAsset } from "../../packages/hosting/upload-asset.js";
import { startWorld } from "../deploy/helpers.js";
import { tempDir } from "./helpers.js";

// A pull creates the files of different folders side by side (the kernel creates one folder's
// files one at a time), and checks every hosted path in one pass before its first download.

const byPath = (items: readonly string[]) => acrossFolders(items, (path) => path);

describe("acrossFolders", () => {
  it("takes each next file from the next folder in turn, each folder's files in their order", () => {
    expect(byPath(["a/1", "a/2", "a/3", "b/1", "c/d/1", "c/d/2", "top"])).toEqual([
      "a/1",
      "b/1",
      "c/d/1",
      "top",
      "a/2",
      "c/d/2",
      "a/3",
    ]);
  });

  it("keeps the order of files that share one folder, and of nothing", () => {
    expect(byPath(["x/3", "x/1", "x/2"])).toEqual(["x/3", "x/1", "x/2"]);
    expect(byPath([])).toEqual([]);
  });

  it("tells folders apart by their whole path, not by a name they share", () => {
    // `a/b/1` is in a/b/, `b/2` in b/: two folders, so they alternate with a/.
    expect(byPath(["a/0", "a/1", "a/b/1", "b/2"])).toEqual(["a/0", "a/b/1", "b/2", "a/1"]);
  });

  it("returns every file exactly once (a permutation), whatever the folders", () => {
    const path = fc
      .array(fc.constantFrom("a", "b", "c", "d/e"), { minLength: 1, maxLength: 3 })
      .map((parts) => parts.join("/"));
    fc.assert(
      fc.property(fc.uniqueArray(path, { maxLength: 40 }), (paths) => {
        const order = byPath(paths);
        expect([...order].sort()).toEqual([...paths].sort());
        // Within a folder the given order stays.
        const folderOf = (p: string) => p.slice(0, p.lastIndexOf("/") + 1);
        for (const folder of new Set(paths.map(folderOf)))
          expect(order.filter((p) => folderOf(p) === folder)).toEqual(
            paths.filter((p) => folderOf(p) === folder),
          );
      }),
      { seed: 20261207, numRuns: 100 },
    );
  });
});

describe("checkFileName", () => {
  /** The rule as the layout states it, one segment at a time. */
  const usable = (name: string, nested: boolean) => {
    const segments = name.split("/");
    if (!nested && segments.length > 1) return false;
    return segments.every(
      (s) =>
        s !== "" && s !== "." && s !== ".." && !/[\\\u0000-\u001f:]/.test(s) && s.length <= 255,
    );
  };

  it("accepts exactly the names whose every segment is usable (property)", () => {
    const piece = fc.oneof(
      fc.constantFrom("/", ".", "..", "\\", ":", "\u0000", "\u001f", "\u0020", "a", "é", "~"),
      fc.constantFrom("x".repeat(255), "y".repeat(256)),
    );
    const name = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(""));
    fc.assert(
      fc.property(name, fc.boolean(), (text, nested) => {
        const accepted = (() => {
          try {
            return checkFileName(text, "a name", nested) === text;
          } catch (error) {
            expect(error).toBeInstanceOf(TypeError);
            return false;
          }
        })();
        expect(accepted).toBe(usable(text, nested));
      }),
      { seed: 20261207, numRuns: 2000 },
    );
  });

  it("refuses what is not a string, and names the thing refused", () => {
    expect(() => checkFileName(undefined, "hosted file /x")).toThrow(
      "hosted file /x has no name usable as a file name: undefined",
    );
    expect(() => checkFileName(7, "a trigger")).toThrow(TypeError);
    expect(() => checkFileName("a/../b", "hosted file /a/../b", true)).toThrow(
      'hosted file /a/../b has no name usable as a file name: "a/../b"',
    );
  });
});

describe("pullApp with includeHosting: downloads in turn across folders", () => {
  type World = Awaited<ReturnType<typeof startWorld>>;
  let world: World;
  const hosted = ["/a/1.txt", "/a/2.txt", "/a/3.txt", "/b/1.txt", "/b/2.txt", "/top.txt"];
  beforeEach(async () => {
    world = await startWorld();
    for (const path of hosted)
      await uploadAsset(world.admin, {
        ...world.ids,
        path,
        file: new TextEncoder().encode(`${path}\n`),
      });
  });
  afterEach(() => world.emu.stop());

  it("asks for the hosted files one folder after the other, and writes each where it belongs", async () => {
    const asked: string[] = [];
    const dir = join(tempDir(), "app");
    const result = await pullApp(world.admin, {
      ...world.ids,
      dir,
      includeHosting: true,
      concurrency: 1,
      fetch: (input, init) => {
        // Each file's URL ends with its path (the emulator serves it below the app's base).
        asked.push(hosted.find((path) => new URL(String(input)).pathname.endsWith(path))!);
        return fetch(input, init);
      },
    });
    // The listing is in path order (a/1, a/2, a/3, b/1, b/2, top): taken in turn, folders alternate.
    expect(asked).toEqual(["/a/1.txt", "/b/1.txt", "/top.txt", "/a/2.txt", "/b/2.txt", "/a/3.txt"]);
    expect(result.written.filter((path) => path.startsWith("hosting/files/"))).toEqual([
      "hosting/files/a/1.txt",
      "hosting/files/a/2.txt",
      "hosting/files/a/3.txt",
      "hosting/files/b/1.txt",
      "hosting/files/b/2.txt",
      "hosting/files/top.txt",
    ]);
  });
});
