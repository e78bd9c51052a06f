/**
 * `pull` with no --local names the folder after the app, a name the server gives: it must be one
 * plain folder name in the working folder, never a path that leads elsewhere.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, runCli } from "./helpers.js";

let emu: RunningEmulator | undefined;
let base: string | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
  if (base) rmSync(base, { recursive: true, force: true });
  base = undefined;
});

/** Runs `pull` (no --local) in `<base>/cwd` against an app named `appName`. */
async function pullNamed(appName: string) {
  emu = await startEmulator({ logs: { count: 0 }, appName });
  base = mkdtempSync(join(tmpdir(), "cli-pull-hostile-"));
  const cwd = join(base, "cwd");
  mkdirSync(cwd);
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return await runCli(["pull"], emulatorEnv(emu));
  } finally {
    process.chdir(before);
  }
}

describe("appservices-admin pull, no --local, into a folder named after the app", () => {
  it("refuses an app name that leads out of the working folder (../escaped), writing nothing", async () => {
    const run = await pullNamed("../escaped");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the app\'s name "../escaped" cannot name a folder');
    expect(run.stderr).toContain("--local");
    expect(readdirSync(base!)).toEqual(["cwd"]);
    expect(readdirSync(join(base!, "cwd"))).toEqual([]);
  });

  it("pulls into ./<name> for a plain name", async () => {
    const run = await pullNamed("shop");
    expect(run.code).toBe(0);
    expect(readdirSync(join(base!, "cwd"))).toEqual(["shop"]);
    expect(readdirSync(join(base!, "cwd", "shop"))).toContain("realm_config.json");
  });
});

describe("appservices-admin pull into a folder that cannot take the app", () => {
  it("exits 2 (the folder, not a bug of the CLI nor an API error), naming the part in the way", async () => {
    emu = await startEmulator({ logs: { count: 0 } });
    base = mkdtempSync(join(tmpdir(), "cli-pull-hostile-"));
    const dir = join(base, "app");
    expect((await runCli(["pull", "--local", dir], emulatorEnv(emu))).code).toBe(0);
    // A folder of the user's where the layout has a file: the pull must write that file.
    rmSync(join(dir, "graphql", "config.json"));
    mkdirSync(join(dir, "graphql", "config.json"));
    writeFileSync(join(dir, "graphql", "config.json", "notes.txt"), "the user's\n");
    const run = await runCli(["pull", "--local", dir], emulatorEnv(emu));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot pull into ${dir}: graphql/config.json is a folder`);
    expect(run.stderr).not.toContain("internal error");
    expect(readdirSync(join(dir, "graphql", "config.json"))).toEqual(["notes.txt"]);
    expect(readFileSync(join(dir, "realm_config.json"), "utf8")).toContain('"name"');
  });
});
