import { afterEach, beforeEach, expect, test } from "vitest";
import type { AdminClient } from "../../packages/client/create-admin-client.js";
import { AdminInvalidAppIdError } from "../../packages/core/errors.js";
import { deployWithDraft, findApp, waitForDeployment } from "../../packages/deploy/index.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { rejectionOf, startWorld } from "./helpers.js";

// The docs' most common mistake: the client_app_id where the app's _id belongs. It must fail
// before anything is sent (the emulator's counters stay at zero: not even a login) and point to
// findApp, whose answer then works.
let emu: RunningEmulator;
let admin: AdminClient;
let groupId: string;
let clientAppId: string;

beforeEach(async () => {
  ({ emu, admin } = await startWorld());
  groupId = emu.groupId;
  const [app] = await admin.apps.listApplications({ groupId });
  clientAppId = app!.client_app_id!;
  emu.control.resetCounts();
});
afterEach(() => emu.stop());

function expectGuarded(error: unknown, where: string): void {
  expect(error).toBeInstanceOf(AdminInvalidAppIdError);
  const e = error as AdminInvalidAppIdError;
  expect(e).toMatchObject({ appId: clientAppId, operationId: where });
  expect(e.message).toContain("not an ObjectId");
  expect(e.message).toContain("client_app_id");
  expect(e.message).toContain(`findApp(admin, { groupId, clientAppId: "${clientAppId}" })`);
  expect(emu.control.counts().total).toBe(0);
}

test("namespace calls with a client_app_id fail fast", async () => {
  expectGuarded(
    await rejectionOf(admin.deploy.createDeploymentDraft({ groupId, appId: clientAppId })),
    "adminCreateDeploymentDraft",
  );
  expectGuarded(
    await rejectionOf(admin.values.listValues({ groupId, appId: clientAppId })),
    "adminListValues",
  );
});

test("deployWithDraft with a client_app_id fails fast, before any draft", async () => {
  let called = false;
  const error = await rejectionOf(
    deployWithDraft(admin, { groupId, appId: clientAppId }, () => {
      called = true;
    }),
  );
  expectGuarded(error, "deployWithDraft");
  expect(called).toBe(false);
});

test("waitForDeployment with a client_app_id fails fast", async () => {
  const error = await rejectionOf(
    waitForDeployment(admin, {
      groupId,
      appId: clientAppId,
      deploymentId: "0123456789abcdef01234567",
    }),
  );
  expectGuarded(error, "waitForDeployment");
});

test("the suggested remedy works: findApp's _id is accepted", async () => {
  const app = await findApp(admin, { groupId, clientAppId });
  const deployment = await deployWithDraft(admin, { groupId, appId: app._id }, () => {});
  expect(deployment.status).toBe("successful");
});
