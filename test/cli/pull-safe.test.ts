/**
 * `pull` never loses a file already in the folder without being told: a pull that would overwrite
 * or delete files there is refused (exit 2), listing them and what to do, with the folder left as
 * it was and nothing beside it (no staging folder, no lock); `-y` overwrites. A pull cannot tell
 * an edit made here from a change made in the app, so both are refused alike. A new folder, a
 * pull that changes nothing and a dry run are never refused.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminClient } from "../../packages/client/index.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { scratchDir } from "../setup/scratch.js";
import { snapshotWithTimes } from "../config/helpers.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";
import { startHelloApp } from "./hello-app.js";

let emu: RunningEmulator;
let admin: AdminClient;
let ids: { groupId: string; appId: string };
beforeAll(async () => {
  ({ emu, admin, ids } = await startHelloApp());
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  await emu.stop();
});

const env = () => emulatorEnv(emu);
const HELLO = 'exports = () => "hello";\n';

/** A folder pulled into a fresh parent: returns the parent and the folder. */
async function pulledFolder(): Promise<{ parent: string; dir: string }> {
  const parent = scratchDir("pull-safe-");
  const dir = join(parent, "app");
  const pulled = await runCli(["pull", "--local", dir], env());
  expect(pulled.stderr).toBe("");
  expect(pulled.code).toBe(0);
  return { parent, dir };
}

const hello = (dir: string) => readFileSync(join(dir, "functions", "hello.js"), "utf8");

describe("pull into a folder whose files it would overwrite or delete", () => {
  it("refuses without -y (exit 2), listing them; the folder as it was, nothing beside it", async () => {
    const { parent, dir } = await pulledFolder();
    writeFileSync(join(dir, "functions", "hello.js"), "exports = () => 'mine';\n");
    mkdirSync(join(dir, "values"));
    writeFileSync(join(dir, "values", "stale.json"), '{"name":"stale","value":1}\n');
    const before = await snapshotWithTimes(dir);

    const run = await runCli(["pull", "--local", dir], env());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `appservices-admin: pull into ${dir} would overwrite 1 and delete 1 file(s) there (edited ` +
        "here or changed in the app: a pull cannot tell which); nothing was changed:\n" +
        "  overwrite  functions/hello.js\n" +
        "  delete     values/stale.json\n" +
        "pass -y (--yes) to overwrite them, or run pull -x to see every change\n",
    );
    expect(await snapshotWithTimes(dir)).toEqual(before);
    expect(readdirSync(parent)).toEqual(["app"]);

    const json = await runCli(["pull", "--local", dir, "--json"], env());
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      dir,
      refused: true,
      wouldOverwrite: ["functions/hello.js"],
      wouldDelete: ["values/stale.json"],
    });
    expect(json.stderr).toContain("  overwrite  functions/hello.js\n");
    expect(await snapshotWithTimes(dir)).toEqual(before);
    expect(readdirSync(parent)).toEqual(["app"]);

    // A dry run still lists, and changes nothing either.
    const dry = await runCli(["pull", "-x", "--local", dir], env());
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("would write   functions/hello.js\n");
    expect(await snapshotWithTimes(dir)).toEqual(before);

    for (const yes of ["-y", "--yes"]) {
      writeFileSync(join(dir, "functions", "hello.js"), "exports = () => 'mine';\n");
      const forced = await runCli(["pull", yes, "--local", dir], env());
      expect(forced.stderr).toBe("");
      expect(forced.code).toBe(0);
      expect(forced.stdout).toContain("wrote    functions/hello.js\n");
      expect(hello(dir)).toBe(HELLO);
    }
    expect(existsSync(join(dir, "values", "stale.json"))).toBe(false);
    expect(readdirSync(parent)).toEqual(["app"]);
  });

  it("lists at most ten, then says how many more", async () => {
    const { dir } = await pulledFolder();
    writeFileSync(join(dir, "functions", "hello.js"), "exports = () => 'mine';\n");
    mkdirSync(join(dir, "values"));
    for (let i = 10; i < 22; i++) {
      writeFileSync(join(dir, "values", `v${i}.json`), `{"name":"v${i}","value":${i}}\n`);
    }
    const run = await runCli(["pull", "--local", dir], env());
    expect(run.code).toBe(2);
    const listed = run.stderr.split("\n").filter((line) => line.startsWith("  "));
    expect(listed).toEqual([
      "  overwrite  functions/hello.js",
      ...[10, 11, 12, 13, 14, 15, 16, 17, 18].map((i) => `  delete     values/v${i}.json`),
      "  … and 3 more",
    ]);
    expect(run.stderr).toContain("would overwrite 1 and delete 12 file(s)");
    const json = JSON.parse((await runCli(["pull", "--local", dir, "--json"], env())).stdout) as {
      wouldDelete: string[];
    };
    expect(json.wouldDelete).toHaveLength(12);
  });

  it("refuses a change made in the app as an edit made here", async () => {
    const { dir } = await pulledFolder();
    const [fn] = await admin.functions.listFunctions(ids);
    await admin.functions.updateFunction({
      ...ids,
      functionId: fn!._id!,
      body: { name: "hello", private: false, source: "exports = () => 'new';\n" },
    });
    try {
      const before = await snapshotWithTimes(dir);
      const run = await runCli(["pull", "--local", dir], env());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("  overwrite  functions/hello.js\n");
      expect(await snapshotWithTimes(dir)).toEqual(before);
      expect((await runCli(["pull", "-y", "--local", dir], env())).code).toBe(0);
      expect(hello(dir)).toBe("exports = () => 'new';\n");
    } finally {
      await admin.functions.updateFunction({
        ...ids,
        functionId: fn!._id!,
        body: { name: "hello", private: false, source: HELLO },
      });
    }
  });
});

describe("pull that loses nothing", () => {
  it("into a new folder, into an empty one, and again with nothing changed: no refusal", async () => {
    const { dir } = await pulledFolder();
    expect(hello(dir)).toBe(HELLO);
    const again = await runCli(["pull", "--local", dir], env());
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/: 0 written, 0 deleted, \d+ unchanged\n$/);

    const empty = scratchDir("pull-safe-empty-");
    writeFileSync(join(empty, "README.md"), "mine\n");
    const into = await runCli(["pull", "--local", empty], env());
    expect(into.stderr).toBe("");
    expect(into.code).toBe(0);
    expect(hello(empty)).toBe(HELLO);
  });
});
