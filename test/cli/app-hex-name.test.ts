/**
 * An app named with 24 hex digits, against the emulator. The official CLI's `-a, --app` has no
 * `_id` form (it matches client_app_ids), so there a value shaped like an `_id` is an `_id` only
 * when an app has it, else a name or client_app_id as any other value. `--app-id` (ours) keeps
 * taking such a value as the `_id`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { expectNoSecretPrinted, keysOnlyEnv, runCli } from "./helpers.js";

// App names start with a letter: an _id-shaped name starts with a-f.
const HEX_NAME = "abcdef0123456789abcdef01";

let emu: RunningEmulator;
let admin: AdminClient;
let hexApp: { _id: string; client_app_id: string };
let other: { _id: string };
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
  admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
  const make = (name: string) =>
    admin.apps.createApplication({ groupId: emu.groupId, body: { name } });
  const made = await make(HEX_NAME);
  hexApp = { _id: made._id!, client_app_id: made.client_app_id! };
  other = { _id: (await make("other"))._id! };
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  await emu.stop();
});

const env = () => ({ ...keysOnlyEnv(emu), APPSERVICES_GROUP_ID: emu.groupId });

/** The app `apps describe` ran on, by the `_id` in the path it asked for. */
async function describedApp(flags: string[]) {
  emu.control.resetCounts();
  const run = await runCli(["apps", "describe", "--json", ...flags], env());
  const asked = emu.control
    .requests()
    .find((r) => /^\/groups\/[^/]+\/apps\/[^/]+\/description/.test(r.path));
  return { code: run.code, appId: asked?.path.split("/")[4], stderr: run.stderr };
}

describe("-a with 24 hex digits", () => {
  it("no app has that _id: the app of that name", async () => {
    expect(HEX_NAME).not.toBe(hexApp._id);
    const found = await describedApp(["-a", HEX_NAME]);
    expect(found).toMatchObject({ code: 0, appId: hexApp._id });
    // Its client_app_id's start too, as the official --app matches.
    expect(await describedApp(["--app", HEX_NAME.slice(0, 20)])).toMatchObject({
      code: 0,
      appId: hexApp._id,
    });
  });

  it("an app has that _id: that app", async () => {
    expect(await describedApp(["-a", other._id])).toMatchObject({ code: 0, appId: other._id });
    expect(await describedApp(["-a", other._id.toUpperCase()])).toMatchObject({
      code: 0,
      appId: other._id,
    });
  });

  it("neither an _id nor a name: not found (exit 2), naming the value", async () => {
    const missing = "ffffffffffffffffffffffff";
    const run = await describedApp(["-a", missing]);
    expect(run.code).toBe(2);
    expect(run.appId).toBeUndefined();
    expect(run.stderr).toContain(missing);
  });

  it("--app-id keeps taking it as the _id (no lookup)", async () => {
    const run = await describedApp(["--app-id", HEX_NAME]);
    expect(run.appId).toBe(HEX_NAME);
    expect(run.code).toBe(5);
  });

  it("apps delete -a deletes the app of that name", async () => {
    const doomed = await admin.apps.createApplication({
      groupId: emu.groupId,
      body: { name: "fedcba9876543210fedcba98" },
    });
    const run = await runCli(
      ["apps", "delete", "-a", "fedcba9876543210fedcba98", "--yes", "--json"],
      env(),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ deleted: [doomed._id], failed: [] });
  });
});
