import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { EXIT } from "../../packages/cli/exit-codes.js";
import { exitCodeOf, interruption, report } from "../../packages/cli/report.js";
import { pushApp, PushAppError } from "../../packages/config/index.js";
import { AdminAbortError } from "../../packages/core/errors.js";
import { Redactor } from "../../packages/core/redact.js";
import {
  DeployCallAbortedError,
  deployWithDraft,
  DraftAlreadyExistsError,
} from "../../packages/deploy/index.js";
import type { AdminClientOptions } from "../../packages/client/runtime.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { worldWithPulledFunction } from "../config/helpers.js";
import {
  abortedInFlight,
  answerLost,
  createValue,
  fakeClock,
  isDeployCall,
  rejectionOf,
  startWorld,
} from "./helpers.js";

// A caller's abort stays a caller's abort wherever it lands in the workflow: an `AdminAbortError`
// (the SDK's one check for every abort), which the CLI reports as interrupted (130).
let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

/** `deployWithDraft` under `controller`, on a world whose client has `client`: its rejection. */
async function deployAborted(controller: AbortController, client: AdminClientOptions) {
  const world = await startWorld(client);
  emu = world.emu;
  const { admin, ids } = world;
  const options = { ...ids, clock: fakeClock().clock, signal: controller.signal };
  return { admin, ids, error: await rejectionOf(deployWithDraft(admin, options, () => {})) };
}

/** The read of a draft's diff: `GET …/drafts/{draftId}/diff`. */
const isDiffRead = (request: Request) =>
  request.method === "GET" && /\/drafts\/[^/]+\/diff$/.test(new URL(request.url).pathname);

describe("an abort while the open draft's diff is read (onExistingDraft: fail)", () => {
  test("deployWithDraft: AdminAbortError, not DraftAlreadyExistsError; the CLI exits 130", async () => {
    const controller = new AbortController();
    const world = await startWorld({
      fetch: answerLost(isDiffRead, abortedInFlight(controller, "diff read")),
    });
    emu = world.emu;
    const { admin, ids } = world;
    const open = await admin.deploy.createDeploymentDraft(ids);
    await createValue(admin, ids, "earlier");
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, signal: controller.signal }, () => {}),
    );
    expect(error).toBeInstanceOf(AdminAbortError);
    expect(error).not.toBeInstanceOf(DraftAlreadyExistsError);
    expect((error as AdminAbortError).path).toBe(
      `/groups/${ids.groupId}/apps/${ids.appId}/drafts/${open._id}/diff`,
    );
    expect(exitCodeOf(error)).toBe(EXIT.interrupted);
    // The user's draft is theirs: an abort leaves it open.
    expect((await admin.deploy.listDeploymentDrafts(ids)).map((d) => d._id)).toEqual([open._id]);
  });

  test("pushApp: the same abort, not DraftAlreadyExistsError", async () => {
    const controller = new AbortController();
    const { world, dir } = await worldWithPulledFunction({
      fetch: answerLost(isDiffRead, abortedInFlight(controller, "diff read")),
    });
    emu = world.emu;
    await world.admin.deploy.createDeploymentDraft(world.ids);
    const error = await rejectionOf(
      pushApp(world.admin, { ...world.ids, dir, signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(AdminAbortError);
    expect(error).not.toBeInstanceOf(DraftAlreadyExistsError);
    expect(exitCodeOf(error)).toBe(EXIT.interrupted);
  });
});

describe("an abort while the deploy call is in flight", () => {
  test("DeployCallAbortedError: an AdminAbortError naming the draft, which is kept", async () => {
    const controller = new AbortController();
    const { admin, ids, error } = await deployAborted(controller, {
      fetch: answerLost(isDeployCall, abortedInFlight(controller, "deploy call")),
    });
    expect(error).toBeInstanceOf(DeployCallAbortedError);
    expect(error).toBeInstanceOf(AdminAbortError);
    const e = error as DeployCallAbortedError;
    expect(e).toMatchObject({ ...ids, method: "POST", operationId: "adminDeployDraft" });
    expect((e.cause as Error).message).toBe("stopped by the user");
    expect(e.message).toContain(`deploying draft ${e.draftId} of app ${ids.appId} was aborted`);
    expect(e.message).toContain("the deployment may be running");
    expect(e.message).toContain(`draft_id ${e.draftId}`);
    expect(exitCodeOf(e)).toBe(EXIT.interrupted);
    const made = (await admin.deploy.listDeployments(ids)).filter((d) => d.draft_id === e.draftId);
    expect(made).toHaveLength(1);
  });

  test("an abort before the request left (as while a session renewal is awaited) claims no request sent", async () => {
    const controller = new AbortController();
    const { admin, ids, error } = await deployAborted(controller, {
      fetch: async (request: Request) => {
        if (isDeployCall(request)) abortedInFlight(controller, "deploy call")(request);
        return globalThis.fetch(request);
      },
    });
    expect(error).toBeInstanceOf(DeployCallAbortedError);
    expect(await admin.deploy.listDeployments(ids)).toEqual([]);
    // Nothing reached the server: the message may say only what the abort cannot tell apart.
    expect((error as Error).message).toContain("was aborted, so the deployment may be running");
  });

  test("pushApp wraps it; the CLI's interruption names the deployment it finds", async () => {
    const controller = new AbortController();
    const { world, dir } = await worldWithPulledFunction({
      fetch: answerLost(isDeployCall, abortedInFlight(controller, "deploy call")),
    });
    emu = world.emu;
    writeFileSync(join(dir, "functions", "hello.js"), 'exports = () => "changed";\n');
    const error = await rejectionOf(
      pushApp(world.admin, { ...world.ids, dir, signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(PushAppError);
    const push = error as PushAppError;
    expect(push.cause).toBeInstanceOf(DeployCallAbortedError);
    const [deployment] = await world.admin.deploy.listDeployments(world.ids);
    expect(push.progress.deploymentId).toBe(deployment?._id);
    const { code, text } = report(interruption(error), new Redactor(), false);
    expect(code).toBe(EXIT.interrupted);
    expect(text).toBe(
      `appservices-admin: interrupted: deployment ${deployment?._id} may still be running on the server ` +
        `(follow it with appservices-admin deploy status ${deployment?._id} --wait)\n`,
    );
  });

  test("the CLI's interruption, when no deployment is listed: how to find one, and the draft", () => {
    const abort = new AdminAbortError(
      { method: "POST", path: "/groups/g/apps/a/drafts/d1/deployment" },
      { cause: new Error("interrupted") },
    );
    const error = new DeployCallAbortedError({ groupId: "g", appId: "a", draftId: "d1" }, abort);
    const { code, text } = report(interruption(error), new Redactor(), false);
    expect(code).toBe(EXIT.interrupted);
    expect(text).toBe(
      "appservices-admin: interrupted: the deploy call for draft d1 was in flight, so a " +
        "deployment may have started: appservices-admin deploy list --json shows it with " +
        'draft_id "d1"; if none appears, the draft is still open (push again with ' +
        "--on-existing-draft reuse or discard)\n",
    );
  });
});
