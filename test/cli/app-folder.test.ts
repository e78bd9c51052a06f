/**
 * In a pulled folder, the app commands take the project and app from `.mdb/app_meta.json` when
 * neither flags nor the environment name them, as `push` does and as the official CLI does for
 * every command: `pull`, then `logs` or `secrets list` in the folder, with no `-a`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { scratchDir } from "../setup/scratch.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";

let emu: RunningEmulator;
let admin: AdminClient;
let dir: string;
/** An app other than the one the environment names: only the folder names it. */
let other: { _id: string; client_app_id: string };

/** The emulator's settings without an app (and, `noGroup`, without a project). */
function noAppEnv(noGroup = false): NodeJS.ProcessEnv {
  const env = emulatorEnv(emu);
  delete env["APPSERVICES_APP_ID"];
  if (noGroup) delete env["APPSERVICES_GROUP_ID"];
  return env;
}

/** Runs the CLI with the pulled folder as the working folder. */
async function inFolder(args: string[], env: NodeJS.ProcessEnv) {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await runCli(args, env);
  } finally {
    process.chdir(before);
  }
}

beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
  admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
  const created = await admin.apps.createApplication({
    groupId: emu.groupId,
    body: { name: "folderapp" },
  });
  other = { _id: created._id!, client_app_id: created.client_app_id! };
  await admin.values.createValue({
    groupId: emu.groupId,
    appId: other._id,
    body: { name: "onlyInFolderApp", private: false, value: 1 },
  });
  dir = join(scratchDir("cli-app-folder-"), "app");
  const pulled = await runCli(["pull", "--local", dir, "-a", other.client_app_id], noAppEnv());
  expect(pulled.code).toBe(0);
});
afterAll(() => emu.stop());

describe("app commands in a pulled folder", () => {
  it.each([
    ["values list --json", ["values", "list", "--json"]],
    ["api GET …/values --json", ["api", "GET", "/groups/{groupId}/apps/{appId}/values", "--json"]],
  ])("%s: the folder's app and project, with neither set", async (_name, args) => {
    const run = await inFolder(args, noAppEnv(true));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { name: string }[]).map((v) => v.name)).toEqual([
      "onlyInFolderApp",
    ]);
  });

  it.each([
    ["secrets list", ["secrets", "list", "--json"]],
    ["users list", ["users", "list", "--json"]],
    ["deploy list", ["deploy", "list", "--json"]],
    ["logs", ["logs", "--json"]],
  ])("%s: runs on the folder's app", async (_name, args) => {
    const run = await inFolder(args, noAppEnv());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("a flag, or the environment, still names another app", async () => {
    const byFlag = await inFolder(["values", "list", "--json", "-a", emu.appId], noAppEnv());
    expect(byFlag.code).toBe(0);
    expect(byFlag.stdout).toBe("[]\n");
    const byEnv = await inFolder(["values", "list", "--json"], emulatorEnv(emu));
    expect(byEnv.code).toBe(0);
    expect(byEnv.stdout).toBe("[]\n");
  });

  it("outside a pulled folder, no app is still a usage error naming the settings", async () => {
    const run = await runCli(["values", "list"], noAppEnv());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing --app-id or $APPSERVICES_APP_ID");
  });

  it.each([
    ["push", ["push", "--dry-run"]],
    ["logs", ["logs"]],
  ])("%s: a bad $APPSERVICES_GROUP_ID is named as given, not as --group-id", async (_n, args) => {
    const run = await inFolder(args, { ...noAppEnv(), APPSERVICES_GROUP_ID: "a/b" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^appservices-admin: \$APPSERVICES_GROUP_ID must be the Atlas/);
  });

  it("a group_id in .mdb/app_meta.json that is no project id: exit 2 naming the file", async () => {
    const meta = join(dir, ".mdb", "app_meta.json");
    const good = readFileSync(meta, "utf8");
    writeFileSync(meta, JSON.stringify({ ...JSON.parse(good), group_id: "../x" }));
    try {
      const run = await inFolder(["logs"], noAppEnv(true));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `${join(".", ".mdb", "app_meta.json")}: group_id must be the Atlas project id`,
      );
    } finally {
      writeFileSync(meta, good);
    }
  });

  it("prints no key or token", () => {
    expectNoSecretPrinted([emu.credentials.privateKey]);
  });
});
