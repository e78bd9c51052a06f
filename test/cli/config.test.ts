/**
 * `pull`, `diff` and `push` through the real bin against the emulator: pull → push unchanged is a
 * no-op (no deployment) → edit one function → diff lists exactly it (`--exit-code` 1) → push
 * deploys → a fresh pull matches the folder. The pulled folder's `.mdb/app_meta.json` names the
 * app, so push and diff need no ids. Failures: a broken file (file:line, exit 2), a missing
 * secret (exit 2), a failed deployment (exit 7, draft discarded), no such folder (exit 2).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminClient } from "../../packages/client/index.js";
import { listFiles } from "../../packages/config/folder-tree.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, expectNoSecretPrinted, keysOnlyEnv, runCli } from "./helpers.js";
import { startHelloApp } from "./hello-app.js";

let emu: RunningEmulator;
let admin: AdminClient;
let ids: { groupId: string; appId: string };
let work: string;
let dir: string;
beforeAll(async () => {
  ({ emu, admin, ids } = await startHelloApp());
  await admin.values.createValue({
    ...ids,
    body: { name: "greeting", private: false, value: "hi" },
  });
  work = mkdtempSync(join(tmpdir(), "cli-config-"));
  dir = join(work, "app");
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  await emu.stop();
  rmSync(work, { recursive: true, force: true });
});

const keysOnly = () => keysOnlyEnv(emu);

const LAYOUT = [
  "realm_config.json",
  ".mdb",
  "functions",
  "values",
  "auth",
  "environments",
  "graphql",
  "hosting",
  "http_endpoints",
  "sync",
  "triggers",
  "data_sources",
  "log_forwarders",
  "services",
];

async function snapshot(folder: string): Promise<Record<string, string>> {
  const paths = (await listFiles(folder, LAYOUT)).sort();
  return Object.fromEntries(paths.map((p) => [p, readFileSync(join(folder, p), "utf8")]));
}

const deployments = async () => (await admin.deploy.listDeployments(ids)).length;

describe("appservices-admin pull → diff → push", () => {
  it("pull writes the app in the official CLI's layout, with the app's ids", async () => {
    const result = await runCli(["pull", "--local", dir, "--json"], emulatorEnv(emu));
    expect(result.code).toBe(0);
    const pulled = JSON.parse(result.stdout) as {
      dir: string;
      written: string[];
      deleted: string[];
    };
    expect(pulled.dir).toBe(dir);
    expect(pulled.written).toEqual(
      expect.arrayContaining([
        "realm_config.json",
        ".mdb/app_meta.json",
        "functions/hello.js",
        "values/greeting.json",
      ]),
    );
    expect(JSON.parse(readFileSync(join(dir, ".mdb", "app_meta.json"), "utf8"))).toMatchObject({
      app_id: emu.appId,
      group_id: emu.groupId,
    });
    const again = await runCli(["pull", "--local", dir], keysOnly());
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^pulled into .+: 0 written, 0 deleted, \d+ unchanged\n$/);
  });

  it("push of the unchanged folder (ids from the folder) creates no deployment", async () => {
    const before = await deployments();
    const result = await runCli(["push", "--local", dir], keysOnly());
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("nothing to push: no deployment created\n");
    expect(await deployments()).toBe(before);
  });

  it("after one function is edited, diff lists exactly that function (--exit-code: 1)", async () => {
    writeFileSync(join(dir, "functions", "hello.js"), 'exports = () => "hello, world";\n');
    const result = await runCli(["diff", "--local", dir, "--exit-code", "--json"], keysOnly());
    expect(result.code).toBe(1);
    const diff = JSON.parse(result.stdout) as { changes: unknown[]; hasChanges: boolean };
    expect(diff.changes).toEqual([
      { kind: "function", name: "hello", change: "changed", files: ["functions/hello.js"] },
    ]);
    expect(diff.hasChanges).toBe(true);
    // --help says what --json prints: a script's author reads the keys there.
    const help = await runCli(["diff", "--help"], keysOnly());
    for (const key of Object.keys(diff)) expect(help.stdout).toContain(`"${key}"`);
    const text = await runCli(["diff", "--local", dir], keysOnly());
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^~ function hello\s+functions\/hello\.js\n/);
  });

  it("push --dry-run changes nothing; push deploys the edit through a draft", async () => {
    const before = await deployments();
    const dry = await runCli(["push", "--local", dir, "--dry-run"], keysOnly());
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/dry run: nothing was changed\n$/);
    expect(await deployments()).toBe(before);

    const pushed = await runCli(["push", "--local", dir], keysOnly());
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toMatch(/\ndeployed: deployment \w+ successful\n$/);
    expect(pushed.stderr).toMatch(/^deployment \w+: successful$/m);
    expect(await deployments()).toBe(before + 1);
    const [fn] = await admin.functions.listFunctions(ids);
    const stored = await admin.functions.getFunction({ ...ids, functionId: fn!._id! });
    expect(stored.source).toBe('exports = () => "hello, world";\n');
    expect(await admin.deploy.listDeploymentDrafts(ids)).toEqual([]);
  });

  it("a fresh pull matches the pushed folder", async () => {
    const fresh = join(work, "fresh");
    const result = await runCli(["pull", "--local", fresh], emulatorEnv(emu));
    expect(result.code).toBe(0);
    expect(await snapshot(fresh)).toEqual(await snapshot(dir));
  });
});

describe("appservices-admin push, failing", () => {
  it("a broken file: exit 2 naming file:line and pointer, nothing sent", async () => {
    const file = join(dir, "values", "greeting.json");
    const good = readFileSync(file, "utf8");
    writeFileSync(file, '{\n  "name": "greeting",\n  "value": "hi",\n  "private": "no"\n}\n');
    const before = emu.control.requests().length;
    const result = await runCli(["push", "--local", dir], keysOnly());
    writeFileSync(file, good);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/values\/greeting\.json:4:\d+ \/private: /);
    const sent = emu.control.requests().slice(before);
    expect(sent.filter((r) => r.method !== "GET" && !r.path.startsWith("/auth"))).toEqual([]);
  });

  it("a secret the folder names but the app lacks: exit 2, naming it", async () => {
    const file = join(dir, "values", "token.json");
    writeFileSync(
      file,
      '{\n  "name": "token",\n  "value": "apiToken",\n  "from_secret": true,\n  "private": false\n}\n',
    );
    const result = await runCli(["push", "--local", dir], keysOnly());
    rmSync(file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has no secret named "apiToken"');
  });

  it("a failed deployment: exit 7, the draft discarded", async () => {
    writeFileSync(join(dir, "functions", "hello.js"), 'exports = () => "broken";\n');
    emu.control.failNextDeployment("syntax error in function hello");
    const result = await runCli(["push", "--local", dir], keysOnly());
    expect(result.code).toBe(7);
    expect(result.stderr).toContain("syntax error in function hello");
    expect(await admin.deploy.listDeploymentDrafts(ids)).toEqual([]);
  });

  it("no such folder: exit 2", async () => {
    const result = await runCli(["push", "--local", join(work, "nope")], keysOnly());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `appservices-admin: --local ${join(work, "nope")}: no such folder (see --help)\n`,
    );
  });
});
