import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { AdminClient } from "../../packages/client/create-admin-client.js";
import { AdminNotFoundError } from "../../packages/core/errors.js";
import { AmbiguousAppError, AppNotFoundError, findApp } from "../../packages/deploy/index.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { rejectionOf, startWorld } from "./helpers.js";

let emu: RunningEmulator;
let admin: AdminClient;
let groupId: string;
let seeded: { _id: string; client_app_id: string; name: string };

beforeEach(async () => {
  ({ emu, admin } = await startWorld());
  groupId = emu.groupId;
  const [app] = await admin.apps.listApplications({ groupId });
  seeded = app as typeof seeded;
  expect(seeded._id).toBe(emu.appId);
});
afterEach(() => emu.stop());

describe("findApp", () => {
  test("by client_app_id: the app, with the _id every appId wants", async () => {
    const app = await findApp(admin, { groupId, clientAppId: seeded.client_app_id });
    expect(app).toMatchObject({
      _id: emu.appId,
      client_app_id: seeded.client_app_id,
      product: "standard",
    });
  });

  test("by name", async () => {
    const app = await findApp(admin, { groupId, name: seeded.name });
    expect(app._id).toBe(emu.appId);
  });

  test("looks across product types, which the API lists separately", async () => {
    const triggers = await admin.apps.createApplication({
      groupId,
      product: "atlas",
      body: { name: "Triggers" },
    });
    const sync = await admin.apps.createApplication({
      groupId,
      product: "device-sync",
      body: { name: "SyncApp" },
    });
    // The plain list shows only standard apps: what a naive lookup would miss.
    expect((await admin.apps.listApplications({ groupId })).map((a) => a.name)).toEqual([
      seeded.name,
    ]);
    expect(await findApp(admin, { groupId, name: "Triggers" })).toMatchObject({
      _id: triggers._id,
      product: "atlas",
    });
    expect(await findApp(admin, { groupId, clientAppId: sync.client_app_id! })).toMatchObject({
      _id: sync._id,
    });
    expect(
      emu.control
        .requests()
        .filter((r) => r.operation === "adminListApplications")
        .map((r) => r.query),
    ).toEqual(
      expect.arrayContaining([
        "product=standard",
        "product=atlas",
        "product=data-api",
        "product=device-sync",
      ]),
    );
  });

  test("none: AppNotFoundError listing the apps seen", async () => {
    await admin.apps.createApplication({ groupId, product: "data-api", body: { name: "DataApi" } });
    const error = await rejectionOf(findApp(admin, { groupId, clientAppId: "nope-abcde" }));
    expect(error).toBeInstanceOf(AppNotFoundError);
    const e = error as AppNotFoundError;
    expect(e.candidates.map((c) => c.name).sort()).toEqual(["DataApi", seeded.name].sort());
    expect(e.message).toContain('client_app_id "nope-abcde"');
    expect(e.message).toContain(
      `${seeded.name} (client_app_id ${seeded.client_app_id}, _id ${emu.appId}, standard)`,
    );
    expect(e.message).toContain("DataApi");
    expect(JSON.stringify(e)).not.toContain(emu.credentials.privateKey);
  });

  test("ambiguous: a name used in two product types; products narrows it", async () => {
    const standard = await admin.apps.createApplication({ groupId, body: { name: "shop" } });
    const sync = await admin.apps.createApplication({
      groupId,
      product: "device-sync",
      body: { name: "shop" },
    });
    const error = await rejectionOf(findApp(admin, { groupId, name: "shop" }));
    expect(error).toBeInstanceOf(AmbiguousAppError);
    const e = error as AmbiguousAppError;
    expect(e.candidates.map((c) => c._id).sort()).toEqual([standard._id, sync._id].sort());
    expect(e.message).toContain(`_id ${standard._id}`);
    expect(e.message).toContain(`_id ${sync._id}`);
    expect(
      await findApp(admin, { groupId, name: "shop", products: ["device-sync"] }),
    ).toMatchObject({ _id: sync._id });
  });

  test("exactly one of clientAppId and name, also for untyped callers", async () => {
    // @ts-expect-error neither is given
    await expect(findApp(admin, { groupId })).rejects.toThrow(TypeError);
    // @ts-expect-error both are given
    await expect(findApp(admin, { groupId, name: "a", clientAppId: "a-b" })).rejects.toThrow(
      /exactly one/,
    );
    expect(emu.control.counts().byOperation.adminListApplications).toBe(1); // the beforeEach's
  });

  test("an unknown project: the API's 404 surfaces", async () => {
    const error = await rejectionOf(
      findApp(admin, { groupId: "0123456789abcdef01234567", name: "x" }),
    );
    expect(error).toBeInstanceOf(AdminNotFoundError);
  });
});
