/**
 * `pull -o FILE` with FILE inside the folder pulled into (and, at the end, `push`/`diff -o FILE`
 * inside the folder they read). A pull makes the folder's layout the
 * app's: FILE, put in place once the pull is done, would replace realm_config.json, or sit in
 * `functions/`, `hosting/files/`, `.mdb/` as a file of the app's (the next pull deletes it, or
 * refuses for it; push -s uploads one under hosting/files). So FILE below the folder, or its realm_config.json,
 * even through a symbolic link, is refused before anything is sent (exit 2, the folder as it
 * was, no temporary file left); FILE at the folder's top is fine, and the pulls after it leave
 * it alone.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminClient } from "../../packages/client/index.js";
import { snapshotWithTimes } from "../config/helpers.js";
import { emulatorEnv, runCli } from "./helpers.js";
import { endPulledHelloApp, pulledHelloApp, type PulledHelloApp } from "./hello-app.js";

let hello: PulledHelloApp;
let admin: AdminClient;
let dir: string;
beforeAll(async () => {
  // hello.js is edited there: every pull has a file to overwrite (so takes -y).
  hello = await pulledHelloApp("cli-pull-output-inside-");
  ({ admin, dir } = hello);
});
afterAll(() => endPulledHelloApp(hello));

const env = () => emulatorEnv(hello.emu);
const temporary = (folder: string) => readdirSync(folder).filter((name) => name.endsWith(".tmp"));

describe("pull -o FILE inside the folder pulled into", () => {
  it.each([
    ["realm_config.json", "is the realm_config.json of"],
    ["functions/report.json", "is below"],
    [".mdb/report.json", "is below"],
    ["notes/report.json", "is below"],
  ])("-o <dir>/%s: refused before anything is sent, the folder as it was", async (inside, says) => {
    mkdirSync(join(dir, "notes"), { recursive: true });
    const before = await snapshotWithTimes(dir);
    hello.emu.control.resetCounts();
    const file = join(dir, inside);
    const run = await runCli(["pull", "--local", dir, "-y", "--json", "-o", file], env());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.startsWith(`appservices-admin: --output-target ${file} ${says} `)).toBe(true);
    expect(run.stderr).toContain(`${dir}, the folder pulled into`);
    expect(hello.emu.control.counts().total).toBe(0);
    expect(await snapshotWithTimes(dir)).toEqual(before);
  });

  it("-o naming the very folder a pull would make is refused before anything is sent", async () => {
    const fresh = join(dir, "..", "cli-pull-output-inside-fresh");
    hello.emu.control.resetCounts();
    const run = await runCli(["pull", "--local", fresh, "-o", fresh], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `appservices-admin: --output-target ${fresh} is ${fresh}, the folder pulled into: name a file (see --help)\n`,
    );
    expect(hello.emu.control.counts().total).toBe(0);
    expect(existsSync(fresh)).toBe(false);
  });

  it("-o <dir>/REALM_CONFIG.json is refused as realm_config.json (one file where case is ignored)", async () => {
    const before = await snapshotWithTimes(dir);
    const file = join(dir, "REALM_CONFIG.json");
    const run = await runCli(["pull", "--local", dir, "-y", "-o", file], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--output-target ${file} is the realm_config.json of ${dir}`);
    expect(await snapshotWithTimes(dir)).toEqual(before);
  });

  it("a link at the folder's top to a file below it is refused too, named with where it leads", async () => {
    const link = join(dir, "report-link.json");
    symlinkSync(join("functions", "linked.json"), link);
    try {
      const run = await runCli(["pull", "--local", dir, "-y", "-o", link], env());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `--output-target ${link} (a link to ${join(dir, "functions", "linked.json")}) is below`,
      );
      expect(temporary(join(dir, "functions"))).toEqual([]);
      expect(readdirSync(join(dir, "functions")).sort()).toEqual(["config.json", "hello.js"]);
    } finally {
      rmSync(link);
    }
  });

  it("run in the pulled folder (no --local): -o functions/x.json refused, -o x.json at the top fine", async () => {
    const before = process.cwd();
    process.chdir(dir);
    try {
      const below = await runCli(["pull", "-y", "-o", join("functions", "x.json")], env());
      expect(below.code).toBe(2);
      expect(below.stderr).toContain("--output-target functions/x.json is below ., the folder");
      const top = await runCli(["pull", "-y", "-x", "--json", "-o", "x.json"], env());
      expect(top.stderr).toBe("");
      expect(top.code).toBe(0);
      expect(JSON.parse(readFileSync("x.json", "utf8"))).toMatchObject({ dir: ".", dryRun: true });
    } finally {
      process.chdir(before);
    }
    rmSync(join(dir, "x.json"));
  });

  it("-o <dir>/report.json (its top): the pull runs, FILE is written, and later pulls leave it alone", async () => {
    const file = join(dir, "report.json");
    const run = await runCli(["pull", "--local", dir, "-y", "--json", "-o", file], env());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(file, "utf8")) as { written: string[] };
    expect(report.written).toEqual(["functions/hello.js"]);
    expect(temporary(dir)).toEqual([]);
    // The app changes: the next pull writes the change and, with -y, deletes what the app lacks
    // of its layout, which the report is not.
    const fns = await admin.functions.listFunctions(hello.ids);
    await admin.functions.updateFunction({
      ...hello.ids,
      functionId: fns[0]!._id!,
      body: { name: "hello", private: false, source: 'exports = () => "hi";\n' },
    });
    const next = await runCli(["pull", "--local", dir, "-y", "--json", "-o", file], env());
    expect(next.stderr).toBe("");
    expect(next.code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
      written: ["functions/hello.js"],
      deleted: [],
    });
  });
});

// A push or a diff reads the folder: the report (and its temporary file while the command runs)
// below it would be uploaded by push -s under hosting/files, read as configuration by the next
// push, or deleted by the next pull; as realm_config.json it would replace the app's.
describe("push and diff -o FILE inside the folder they read", () => {
  it.each([
    ["push", "-s", "hosting/files/report.json", "is below", "pushed"],
    ["push", "-x", "realm_config.json", "is the realm_config.json of", "pushed"],
    ["diff", "-s", "functions/report.json", "is below", "diffed"],
    ["diff", "--json", "realm_config.json", "is the realm_config.json of", "diffed"],
  ])(
    "%s %s -o <dir>/%s: refused before anything is sent",
    async (command, flag, inside, says, role) => {
      mkdirSync(join(dir, "hosting", "files"), { recursive: true });
      const before = await snapshotWithTimes(dir);
      hello.emu.control.resetCounts();
      const file = join(dir, inside);
      const run = await runCli([command, "--local", dir, flag, "-o", file], env());
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.startsWith(`appservices-admin: --output-target ${file} ${says} `)).toBe(
        true,
      );
      expect(run.stderr).toContain(`${dir}, the folder ${role}`);
      expect(hello.emu.control.counts().total).toBe(0);
      expect(await snapshotWithTimes(dir)).toEqual(before);
    },
  );

  it("push -o <dir>/report.json (its top) runs and writes the report there", async () => {
    const file = join(dir, "push-report.json");
    const run = await runCli(["push", "--local", dir, "-x", "--json", "-o", file], env());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ dryRun: true });
    rmSync(file);
  });
});
