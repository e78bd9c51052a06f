import { afterEach, describe, expect, test } from "vitest";
import { AdminAbortError, AdminConnectionError } from "../../packages/core/errors.js";
import {
  deployWithDraft,
  DeployCallAbortedError,
  DeploymentOutcomeUnknownError,
  waitForDeployment,
} from "../../packages/deploy/index.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import {
  abortedInFlight,
  answerLost,
  createValue,
  fakeClock,
  isDeployCall,
  paths,
  rejectionOf,
  resetError,
  startWorld,
} from "./helpers.js";

// The deploy POST is never retried. When its connection breaks after it was sent, nobody knows
// whether the deployment started: the error must say so and how to find out, and must not
// discard the draft a deployment may be running from.
let emu: RunningEmulator | undefined;
afterEach(() => emu?.stop());

describe("a deploy call whose connection resets", () => {
  test("after the server started the deployment: the error says it may be running, and it is", async () => {
    const clock = fakeClock();
    const world = await startWorld(
      {
        // The request reaches the emulator, which starts the deployment; the answer is lost.
        fetch: answerLost(isDeployCall, () => {
          throw resetError();
        }),
      },
      // The deployment advances as the waits sleep, not with the time the polls take.
      { clock: clock.clock },
    );
    emu = world.emu;
    const { admin, ids } = world;
    let draftId = "";
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, clock: clock.clock }, async (client, draft) => {
        draftId = draft._id;
        await createValue(client, ids, "greeting");
      }),
    );
    expect(error).toBeInstanceOf(DeploymentOutcomeUnknownError);
    expect(error).toMatchObject({ ...ids, draftId });
    expect((error as Error).cause).toBeInstanceOf(AdminConnectionError);
    const message = (error as Error).message;
    expect(message).toContain(
      `deploying draft ${draftId} of app ${ids.appId} failed after the request may have reached the server`,
    );
    expect(message).toContain("the deployment may be running");
    expect(message).toContain(`deploy.listDeployments({ groupId, appId })`);
    expect(message).toContain(`draft_id ${draftId}`);
    // The way the message tells: find it by draft_id, then wait for it.
    const deployment = (await admin.deploy.listDeployments(ids)).find(
      (d) => d.draft_id === draftId,
    );
    expect(deployment).toBeDefined();
    await expect(
      waitForDeployment(admin, { ...ids, deploymentId: deployment!._id!, clock: clock.clock }),
    ).resolves.toMatchObject({ status: "successful" });
    // The draft was not discarded after the reset.
    expect(emu.control.counts().byOperation).not.toHaveProperty("adminDiscardDraft");
  });

  test("before the server saw it: same error, and the draft is still open to deploy again", async () => {
    const clock = fakeClock();
    const world = await startWorld({}, { clock: clock.clock });
    emu = world.emu;
    const { admin, ids } = world;
    emu.control.failNext({ method: "POST", path: paths.deployDraft, drop: true });
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, clock: clock.clock }, () => {}),
    );
    expect(error).toBeInstanceOf(DeploymentOutcomeUnknownError);
    const { draftId } = error as DeploymentOutcomeUnknownError;
    expect(await admin.deploy.listDeployments(ids)).toEqual([]);
    expect(await admin.deploy.listDeploymentDrafts(ids)).toEqual([
      expect.objectContaining({ _id: draftId }),
    ]);
    const again = await deployWithDraft(
      admin,
      { ...ids, clock: clock.clock, onExistingDraft: "reuse" },
      () => {},
    );
    expect(again).toMatchObject({ status: "successful", draft_id: draftId });
  });

  test("aborted while in flight, after the server started it: an abort saying the outcome is unknown, draft kept", async () => {
    const controller = new AbortController();
    const world = await startWorld({
      // The emulator starts the deployment; the caller aborts before the answer is read.
      fetch: answerLost(isDeployCall, abortedInFlight(controller, "deploy call")),
    });
    emu = world.emu;
    const { admin, ids } = world;
    const clock = fakeClock();
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, clock: clock.clock, signal: controller.signal }, () => {}),
    );
    expect(error).toBeInstanceOf(DeployCallAbortedError);
    expect(error).toBeInstanceOf(AdminAbortError);
    const { draftId } = error as DeployCallAbortedError;
    expect((error as Error).message).toContain("the deployment may be running");
    const deployment = (await admin.deploy.listDeployments(ids)).find(
      (d) => d.draft_id === draftId,
    );
    expect(deployment).toBeDefined();
    expect(emu.control.counts().byOperation).not.toHaveProperty("adminDiscardDraft");
  });

  test("a deploy call refused outright (400) still discards the draft", async () => {
    const world = await startWorld();
    emu = world.emu;
    const { admin, ids } = world;
    // A 4xx refuses the request; a 500 may come after the deployment started (deploy-hostile2).
    emu.control.failNext({ method: "POST", path: paths.deployDraft, status: 400 });
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, clock: fakeClock().clock }, () => {}),
    );
    expect(error).not.toBeInstanceOf(DeploymentOutcomeUnknownError);
    expect(await admin.deploy.listDeploymentDrafts(ids)).toEqual([]);
  });
});
