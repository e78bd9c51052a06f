/**
 * `ignore`: gitignore patterns (the `ignore` library), RegExps and functions. The forms accepted
 * before gitignore patterns (a segment name, an exact path, a folder path) keep their meaning.
 */
import { execFile } from "node:child_process";
import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { ignoreMatcher, type IgnoreOption } from "../../packages/hosting/ignore-rules.js";
import { hashTree } from "../../packages/hosting/index.js";
import { removeTree, tempTree } from "./helpers.js";

describe("ignoreMatcher", () => {
  test.each<[IgnoreOption, string, boolean]>([
    // The forms of the segment/exact matcher, unchanged.
    [[".git"], "/.git/", true],
    [[".git"], "/a/.git/HEAD", true],
    [[".git"], "/a.gitignore", false],
    [["/exact.txt"], "/exact.txt", true],
    [["/exact.txt"], "/a/exact.txt", false],
    [["/drafts/"], "/drafts/", true],
    [["/drafts/"], "/drafts/x.txt", true],
    [["/drafts/"], "/a/drafts/x.txt", false],
    [[/\.map$/], "/js/app.js.map", true],
    [[/\.map$/], "/js/app.js", false],
    // gitignore globs.
    [["*.map"], "/js/app.js.map", true],
    [["*.map"], "/js/app.js", false],
    [["build/*.tmp"], "/build/x.tmp", true],
    [["build/*.tmp"], "/src/build/x.tmp", false],
    [["**/cache/"], "/a/b/cache/", true],
    [["**/cache/"], "/a/b/cache", false],
    [["docs/**"], "/docs/a/b.html", true],
    [["?.txt"], "/a.txt", true],
    [["?.txt"], "/ab.txt", false],
    [["[ab].txt"], "/b.txt", true],
    // Negation, comments, escapes and trailing spaces, as git reads them.
    [["*.map", "!keep.map"], "/js/keep.map", false],
    [["*.map", "!keep.map"], "/js/other.map", true],
    [["/drafts/", "!/drafts/keep.txt"], "/drafts/keep.txt", true],
    [["# not a rule"], "/# not a rule", false],
    [["\\#notes"], "/#notes", true],
    [["\\!important"], "/!important", true],
    [["trailing   "], "/trailing", true],
    // A .gitignore file's text, several lines in one string.
    ["# site\n*.map\n/drafts/\n", "/drafts/", true],
    ["# site\n*.map\n/drafts/\n", "/a.map", true],
    ["# site\n*.map\n/drafts/\n", "/index.html", false],
    // Case-sensitive, as web paths are.
    [["*.MAP"], "/app.map", false],
    [["Readme.md"], "/README.md", false],
    // Special names: nothing is refused as "not relative", nothing throws.
    [["..."], "/...", true],
    [["*"], "/.../x", true],
    [["x"], "/.../x", true],
    [["%20"], "/%20", true],
    [["a b"], "/a b", true],
    [["*.html"], "/日本語.html", true],
    [["", "   "], "/anything", false],
    // Mixed lists: a RegExp (even a global one, tested again and again) alongside patterns.
    [[".git", /\.bak$/g], "/a.bak", true],
    [[".git", /\.bak$/g], "/b.bak", true],
    // A function gets the resource path.
    [(path) => path.startsWith("/drafts/"), "/drafts/x", true],
    [(path) => path.startsWith("/drafts/"), "/x", false],
  ])("%o on %s -> %s", async (rules, path, skipped) => {
    const skip = await ignoreMatcher(rules);
    expect(skip(path)).toBe(skipped);
    expect(skip(path)).toBe(skipped);
  });

  test("anything else is refused with a TypeError naming the option", async () => {
    await expect(ignoreMatcher(42 as never)).rejects.toThrow(/ignore must be gitignore patterns/);
    await expect(ignoreMatcher([".git", 3] as never)).rejects.toThrow(/ignore\[1\] is neither/);
  });
});

describe("ignore in the local walk", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await removeTree(dir);
  });

  test("gitignore patterns skip files and whole folders; negation re-includes a file", async () => {
    const dir = await tempTree({
      "index.html": "i",
      "js/app.js": "a",
      "js/app.js.map": "m",
      "js/keep.map": "k",
      "drafts/x.html": "x",
      ".git/HEAD": "h",
      "a/.git/config": "c",
      "node_modules/p/index.js": "n",
    });
    dirs.push(dir);
    const files = await hashTree(dir, {
      ignore: "# like a .gitignore\n.git\nnode_modules/\n*.map\n!keep.map\n/drafts/\n",
    });
    expect(files.map((f) => f.path)).toEqual(["/index.html", "/js/app.js", "/js/keep.map"]);
  });

  test("symlinks and FIFOs keep their rules: an ignored link is never followed, a FIFO is skipped", async () => {
    const outside = await tempTree({ "secret.txt": "s" });
    const dir = await tempTree({ "index.html": "i" });
    dirs.push(outside, dir);
    await symlink(outside, join(dir, "elsewhere"));
    // Node has no mkfifo; the coreutils command makes one (reading it would block forever).
    await promisify(execFile)("mkfifo", [join(dir, "pipe")]);
    // Not ignored, the link leading outside fails the walk ...
    await expect(hashTree(dir)).rejects.toThrow(/leads outside the synced folder/);
    // ... ignored by a pattern, it is never looked at; the FIFO is skipped either way.
    const files = await hashTree(dir, { ignore: ["elsewhere"] });
    expect(files.map((f) => f.path)).toEqual(["/index.html"]);
    expect((await hashTree(dir, { ignore: ["/elsewhere/"] })).map((f) => f.path)).toEqual([
      "/index.html",
    ]);
  });
});
