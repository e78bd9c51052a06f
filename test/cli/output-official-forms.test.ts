/**
 * The official CLI's output flags as its scripts use them, against the emulator: `-f ""` is its
 * name for text (the default), and `-o FILE` where FILE is a symbolic link writes through the
 * link, to the file it points at (made if missing), leaving the link a link. What `-o` promises
 * otherwise holds at the link's target: replaced whole once the command succeeded, left as it
 * was when it failed, and no temporary file beside either.
 */
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { scratchDir } from "../setup/scratch.js";
import { emulatorEnv, runCli } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
});
afterAll(() => emu.stop());

describe('-f ""', () => {
  it("is text, as with no -f, in either spelling", async () => {
    const text = await runCli(["values", "list"], emulatorEnv(emu));
    expect(text.code).toBe(0);
    expect(text.stdout).toBe("no values\n");
    for (const flags of [["-f", ""], ["--output-format", ""], ["--output-format="]]) {
      const run = await runCli(["values", "list", ...flags], emulatorEnv(emu));
      expect(run.stderr, flags.join(" ")).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(text.stdout);
    }
  });

  it("beside --json is refused (exit 2), before anything is sent", async () => {
    const run = await runCli(["values", "list", "-f", "", "--json"], emulatorEnv(emu));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('--output-format "" (text) and --json disagree');
  });
});

describe("-o through a symbolic link", () => {
  it("writes the file the link points at, and the link stays a link", async () => {
    const dir = scratchDir("output-link-");
    const expected = (await runCli(["values", "list", "--json"], emulatorEnv(emu))).stdout;
    mkdirSync(join(dir, "real"));
    const target = join(dir, "real", "values.json");
    writeFileSync(target, "old content, longer than the new one\n".repeat(20));
    // Relative, as links usually are: resolved from the link's folder, not the working one.
    const link = join(dir, "values.json");
    symlinkSync(join("real", "values.json"), link);
    const run = await runCli(["values", "list", "--json", "-o", link], emulatorEnv(emu));
    expect(run.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join("real", "values.json"));
    expect(readFileSync(target, "utf8")).toBe(expected);
    expect(lstatSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(["real", "values.json"]);
    expect(readdirSync(join(dir, "real"))).toEqual(["values.json"]);
  });

  it("makes the file a dangling link points at, through a chain of links", async () => {
    const dir = scratchDir("output-link-");
    const target = join(dir, "out.txt");
    symlinkSync(target, join(dir, "second"));
    symlinkSync("second", join(dir, "first"));
    const run = await runCli(["whoami", "-o", join(dir, "first")], emulatorEnv(emu));
    expect(run.code).toBe(0);
    expect(readFileSync(target, "utf8")).toMatch(/^acting as \*{4}\w{4} \(key pair\)\n/);
    expect(lstatSync(join(dir, "first")).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, "second")).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["first", "out.txt", "second"]);
  });

  it("a failed command leaves the target as it was, and no temporary file anywhere", async () => {
    const dir = scratchDir("output-link-");
    mkdirSync(join(dir, "real"));
    const target = join(dir, "real", "kept.txt");
    writeFileSync(target, "before\n");
    symlinkSync(target, join(dir, "kept.txt"));
    const run = await runCli(
      ["values", "list", "-o", join(dir, "kept.txt")],
      emulatorEnv(emu, { APPSERVICES_APP_ID: "no-such-app" }),
    );
    expect(run.code).toBe(2);
    expect(readFileSync(target, "utf8")).toBe("before\n");
    expect(readdirSync(dir).sort()).toEqual(["kept.txt", "real"]);
    expect(readdirSync(join(dir, "real"))).toEqual(["kept.txt"]);
  });

  it("a link to a folder, or a loop of links, is refused before the command runs", async () => {
    const dir = scratchDir("output-link-");
    mkdirSync(join(dir, "folder"));
    symlinkSync("folder", join(dir, "to-folder"));
    const folder = await runCli(["values", "list", "-o", join(dir, "to-folder")], emulatorEnv(emu));
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(`--output-target ${join(dir, "to-folder")}: is a folder`);
    symlinkSync("b", join(dir, "a"));
    symlinkSync("a", join(dir, "b"));
    const loop = await runCli(["values", "list", "-o", join(dir, "a")], emulatorEnv(emu));
    expect(loop.code).toBe(2);
    expect(loop.stderr).toContain(`--output-target ${join(dir, "a")}: too many symbolic links`);
    expect(readdirSync(dir).sort()).toEqual(["a", "b", "folder", "to-folder"]);
    expect(readdirSync(join(dir, "folder"))).toEqual([]);
  });
});
