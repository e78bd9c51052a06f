import { readdirSync } from "node:fs";
import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { listLocalFiles } from "../../packages/hosting/local-tree.js";
import { removeTree, tempTree } from "./helpers.js";

describe("listLocalFiles", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await removeTree(dir);
  });

  test("lists the files of every folder, sorted by resource path", async () => {
    const files: Record<string, string> = { "index.html": "i" };
    for (let d = 0; d < 5; d++) for (let f = 0; f < 3; f++) files[`d${d}/s/f${f}.txt`] = "x";
    const dir = await tempTree(files);
    dirs.push(dir);
    const listed = await listLocalFiles(dir);
    expect(listed.map((entry) => entry.path)).toEqual(
      Object.keys(files)
        .map((path) => `/${path}`)
        .sort(),
    );
    expect(listed[0]).toEqual({ path: "/d0/s/f0.txt", file: join(dir, "d0/s/f0.txt") });
  });

  test("folders looked into at once still fail with the error a walk in order meets first", async () => {
    // Every top-level entry fails: a link out at the top (found in one round trip) or one at the
    // bottom of a folder three levels deep (found last). The walk reads the top folder in the
    // order the file system gives; the error is that of the first entry in that order, not of
    // whichever failed first.
    const outside = await tempTree({ "secret.txt": "s" });
    const dir = await tempTree();
    dirs.push(outside, dir);
    await symlink(join(outside, "secret.txt"), join(dir, "top"));
    for (let d = 0; d < 6; d++) {
      await mkdir(join(dir, `d${d}/x/y`), { recursive: true });
      await symlink(join(outside, "secret.txt"), join(dir, `d${d}/x/y/out`));
    }
    const first = readdirSync(dir)[0]!;
    const asset = first === "top" ? "/top" : `/${first}/x/y/out`;
    const error = await listLocalFiles(dir).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      new RegExp(`^symlink ${asset} \\(.*\\) leads outside the synced folder`),
    );
  });
});
