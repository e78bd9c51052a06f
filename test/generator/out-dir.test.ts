/**
 * The generator replaces its output folder wholesale, so it must never be pointed at data: a
 * folder is replaced only when it is absent, empty or an earlier output of ours; anything else
 * needs --force; the project root, the current directory, their ancestors, the home directory,
 * the filesystem root, git checkouts, `.git` folders, folders named like a project's sources and
 * folders holding files git tracks (other than our own output) are refused even then. Nothing here can reach the real
 * checkout if the guard breaks: the dangerous cases run against stand-in folders, or only ask.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/generate.js";
import { assertReplaceable } from "../../generator/out-dir.js";
import { projectRoot } from "../../spec/source.js";
import { workBudget } from "../helpers/work-budget.js";
import { fragment, op } from "./helpers/fragment.js";

const run = promisify(execFile);
const good = op("/things", "get", {
  operationId: "adminListThings",
  responses: { "200": { description: "ok" } },
});
let temp: string;

beforeAll(() => {
  mkdirSync(join(projectRoot, ".cache"), { recursive: true });
  temp = mkdtempSync(join(projectRoot, ".cache", "out-dir-test-"));
});
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

/** A folder holding the given files (relative path -> text). */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(temp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}
/** A stand-in git checkout holding `files`, of which `tracked` are added to its index. */
function checkout(name: string, files: Record<string, string>, tracked: string[]): string {
  const dir = folder(name, files);
  execFileSync("git", ["init", "-q", dir]);
  if (tracked.length > 0) execFileSync("git", ["add", "--", ...tracked], { cwd: dir });
  return dir;
}
/** Every file under a folder, relative path -> text; a checkout's `.git` is left out. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = join(entry.parentPath, entry.name).slice(dir.length + 1);
    if (entry.isFile() && !file.startsWith(".git/"))
      out[file] = readFileSync(join(entry.parentPath, entry.name), "utf8");
  }
  return out;
}

// Each case runs the generator on a small spec at most twice (the first also loads it).
describe("which output folders generate replaces", { timeout: workBudget("cli", 2) }, () => {
  it("an absent or empty folder", async () => {
    await generate({ spec: fragment(good), outDir: join(temp, "absent", "deeper") });
    const empty = folder("empty", {});
    const result = await generate({ spec: fragment(good), outDir: empty });
    expect(Object.keys(contents(empty)).sort()).toEqual(result.files);
  });

  it.each([
    ["foreign files", { "notes.md": "mine", "src/a.ts": "x" }, /\(found notes\.md, src\/\)/],
    ["a meta.json we did not write", { "meta.json": '{"$comment":"hand"}' }, /found meta\.json\)/],
    [
      "six foreign files",
      { "a.md": "", "b.md": "", "c.md": "", "d.md": "", "e.md": "", "f.md": "" },
      /found a\.md, b\.md, c\.md, d\.md, e\.md, … \(6 in all\)\)/,
    ],
  ])("refuses a folder with %s, untouched, naming what it found", async (name, files, found) => {
    const dir = folder(name.replace(/\W/g, "-"), files);
    const error = generate({ spec: fragment(good), outDir: dir });
    await expect(error).rejects.toThrow(
      `refusing to replace the output folder ${dir}: it is not empty and not a previous output of this generator`,
    );
    await expect(error).rejects.toThrow(found);
    await expect(error).rejects.toThrow(/; pass --force to replace it anyway$/);
    expect(contents(dir)).toEqual(files);
  });

  it("refuses our earlier output once someone added a file to it, naming that file", async () => {
    const dir = join(temp, "ours-plus");
    await generate({ spec: fragment(good), outDir: dir });
    writeFileSync(join(dir, "operations", "mine.ts"), "keep me\n");
    const before = contents(dir);
    await expect(generate({ spec: fragment(good), outDir: dir })).rejects.toThrow(
      /not a previous output of this generator \(found operations\/mine\.ts\)/,
    );
    expect(contents(dir)).toEqual(before);
  });

  it("replaces a foreign folder with force", async () => {
    const dir = folder("forced", { "notes.md": "mine" });
    const result = await generate({ spec: fragment(good), outDir: dir, force: true });
    expect(Object.keys(contents(dir)).sort()).toEqual(result.files);
  });

  it("refuses a file", () => {
    const file = join(folder("file", { "x.txt": "" }), "x.txt");
    expect(() => assertReplaceable(file, { force: true })).toThrow(`${file}: it is a file`);
  });
});

describe("folders refused even with force", { timeout: workBudget("cli", 3) }, () => {
  // Stand-ins: a fake checkout, a fake home and a cwd beside them.
  const places = () => ({
    projectRoot: join(temp, "fake", "repo"),
    cwd: join(temp, "fake", "work", "here"),
    home: join(temp, "fake", "home", "me"),
    force: true,
  });
  it.each([
    ["repo", "the project root"],
    ["work/here", "the current working directory"],
    ["home/me", "the home directory"],
    ["work", `an ancestor of the current working directory`],
    ["home", "an ancestor of the home directory"],
    ["", "an ancestor of the project root"],
    ["repo/../work/./here", "the current working directory"],
  ])("fake/%s is %s", (path, reason) => {
    const p = places();
    for (const dir of [p.projectRoot, p.cwd, p.home]) mkdirSync(dir, { recursive: true });
    const target = join(temp, "fake", path);
    expect(() => assertReplaceable(target, p)).toThrow(`: it is ${reason}`);
    expect(() => assertReplaceable(target, p)).toThrow(/--force does not override this/);
  });

  it("a git checkout", () => {
    const dir = folder("checkout", { ".git/HEAD": "ref: refs/heads/main\n" });
    expect(() => assertReplaceable(dir, { force: true })).toThrow("it is a git checkout");
  });

  it("a checkout's .git folder and any folder inside one", () => {
    const repo = checkout("git-dir", { "a.txt": "a" }, ["a.txt"]);
    for (const target of [
      join(repo, ".git"),
      join(repo, ".git", "hooks"),
      join(repo, ".git", "new"),
    ])
      expect(() => assertReplaceable(target, { force: true }), target).toThrow(
        `${target}: it is a git repository's own folder (.git) or inside one; --force does not override this`,
      );
  });

  it.each(["packages", "spec", "generator", "node_modules"])(
    "a folder named %s, even absent or empty",
    (name) => {
      const parent = folder(`named-${name}`, {});
      for (const target of [join(parent, name), folder(`named-${name}/inner/${name}`, {})])
        expect(() => assertReplaceable(target, { force: true }), target).toThrow(
          `: it is named ${name}, which holds a project's sources or tools, never output; --force does not override this`,
        );
    },
  );

  it("a folder holding files git tracks, named in the refusal, untouched", async () => {
    const files = { "src/a.ts": "a", "src/b.ts": "b", "src/scratch.txt": "s", "README.md": "r" };
    const repo = checkout("tracked", files, ["src/a.ts", "src/b.ts", "README.md"]);
    const error = generate({ spec: fragment(good), outDir: join(repo, "src"), force: true });
    await expect(error).rejects.toThrow(
      `${join(repo, "src")}: it holds files tracked by git that this generator did not write ` +
        "(a.ts, b.ts); --force does not override this",
    );
    expect(contents(repo)).toEqual(files);
  });

  it("but not one whose files are untracked or ignored", async () => {
    const repo = checkout("untracked", { ".gitignore": "out/\n", "out/x.txt": "x", "b/y": "y" }, [
      ".gitignore",
    ]);
    for (const out of ["out", "b"]) {
      const result = await generate({ spec: fragment(good), outDir: join(repo, out), force: true });
      expect(Object.keys(contents(join(repo, out))).sort()).toEqual(result.files);
    }
  });

  it("nor our own committed output, unless a tracked file of someone else's is in it", async () => {
    const repo = checkout("committed", { "keep.txt": "k" }, ["keep.txt"]);
    const out = join(repo, "gen");
    const first = await generate({ spec: fragment(good), outDir: out });
    execFileSync("git", ["add", "--", "gen"], { cwd: repo });
    writeFileSync(join(out, "untracked.txt"), "u");
    await generate({ spec: fragment(good), outDir: out, force: true });
    expect(Object.keys(contents(out)).sort()).toEqual(first.files);
    writeFileSync(join(out, "mine.ts"), "m");
    execFileSync("git", ["add", "--", "gen/mine.ts"], { cwd: repo });
    await expect(generate({ spec: fragment(good), outDir: out, force: true })).rejects.toThrow(
      "it holds files tracked by git that this generator did not write (mine.ts)",
    );
    expect(contents(out)["mine.ts"]).toBe("m");
  });

  it("the real project root, cwd, their ancestors, home and / (asked only, nothing written)", () => {
    for (const dir of [projectRoot, process.cwd(), dirname(projectRoot), homedir(), "/"])
      expect(() => assertReplaceable(dir, { force: true }), dir).toThrow(/refusing to replace/);
  });
});

// Each case runs the generator's command line at most twice, as `npm run generate` runs it:
// compiled by scripts/lib/run-built.mjs (esbuild, tens of milliseconds) instead of through tsx.
describe("npm run generate -- --out", { timeout: workBudget("cli", 2) }, () => {
  const runBuilt = join(projectRoot, "scripts", "lib", "run-built.mjs");
  const cli = (cwd: string, ...args: string[]) =>
    run(process.execPath, [runBuilt, "generator/main.ts", ...args], { cwd }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  const specFile = () => {
    const file = join(temp, "good.json");
    writeFileSync(file, JSON.stringify(good));
    return file;
  };

  it("refuses a foreign folder in one line and replaces it with --force", async () => {
    const dir = folder("cli-foreign", { "notes.md": "mine" });
    const refused = await cli(projectRoot, "--spec", specFile(), "--out", dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `error: refusing to replace the output folder ${dir}: it is not empty and not a previous ` +
        "output of this generator (found notes.md); pass --force to replace it anyway\n",
    );
    expect(contents(dir)).toEqual({ "notes.md": "mine" });
    const forced = await cli(projectRoot, "--spec", specFile(), "--out", dir, "--force");
    expect(forced.code).toBe(0);
    expect(contents(dir)["notes.md"]).toBeUndefined();
  });

  it("refuses --out .git --force in a checkout, its .git intact", async () => {
    const repo = checkout("cli-git", { "a.txt": "a" }, ["a.txt"]);
    const before = contents(join(repo, ".git"));
    const refused = await cli(repo, "--spec", specFile(), "--out", ".git", "--force");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `error: refusing to replace the output folder ${join(repo, ".git")}: it is a git ` +
        "repository's own folder (.git) or inside one; --force does not override this, choose a " +
        "folder of its own (for example generated/ or a new sub-folder)\n",
    );
    expect(contents(join(repo, ".git"))).toEqual(before);
    expect(execFileSync("git", ["ls-files"], { cwd: repo, encoding: "utf8" })).toBe("a.txt\n");
  });

  it("refuses --out . and --out .. with --force, the working folder intact", async () => {
    const cwd = folder("cli-cwd/inner", { "mine.txt": "keep" });
    for (const out of [".", ".."]) {
      const refused = await cli(cwd, "--spec", specFile(), "--out", out, "--force");
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stderr).toMatch(
        /^error: refusing to replace the output folder .*: it is (the|an ancestor of the) current working directory/,
      );
    }
    expect(contents(cwd)).toEqual({ "mine.txt": "keep" });
  });
});
