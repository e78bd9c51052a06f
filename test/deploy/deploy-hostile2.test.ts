import { afterEach, describe, expect, test } from "vitest";
import {
  AdminAbortError,
  AdminConnectionError,
  AdminServerError,
} from "../../packages/core/errors.js";
import {
  deployWithDraft,
  DeploymentOutcomeUnknownError,
  DeploymentWaitError,
  DraftAlreadyExistsError,
  waitForDeployment,
} from "../../packages/deploy/index.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import {
  abortedInFlight,
  answerLost,
  createValue,
  fakeClock,
  isDeployCall,
  isDraftCreation,
  paths,
  rejectionOf,
  resetError,
  startWorld,
  valueNames,
} from "./helpers.js";

// The deploy workflow when the server fails at the worst moment: what the error may claim, and
// whether the caller can pick up from it. The emulator is the witness of what was really applied.
let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

const serverError = () => Response.json({ error: "internal server error" }, { status: 500 });

/**
 * A world whose next draft creation, once `loseNext()` is called (at once unless `armed` is
 * false), reaches the emulator and then has its answer replaced by `lose`.
 */
async function worldLosingDraftAnswer(lose: () => Response | never, armed = true) {
  const world = await startWorld({
    fetch: answerLost(
      (request) => armed && isDraftCreation(request),
      () => {
        armed = false;
        return lose();
      },
    ),
  });
  emu = world.emu;
  return { ...world, loseNext: () => void (armed = true) };
}

describe("creating the draft, its answer lost", () => {
  test.each([
    [
      "a reset",
      () => {
        throw resetError();
      },
      AdminConnectionError,
    ],
    ["a 500", serverError, AdminServerError],
  ] as const)(
    "after the server created it (%s): the error surfaces, the draft is left open, met next as one that changes nothing",
    async (_name, lose, errorType) => {
      const { admin, ids } = await worldLosingDraftAnswer(lose);
      const error = await rejectionOf(
        deployWithDraft(admin, { ...ids, clock: fakeClock().clock }, (client) =>
          createValue(client, ids, "greeting"),
        ),
      );
      expect(error).toBeInstanceOf(errorType);
      // Nothing tells it from a draft another process of the same user opened meanwhile.
      const [left, ...more] = await admin.deploy.listDeploymentDrafts(ids);
      expect(more).toEqual([]);
      expect(emu!.control.counts().byOperation).not.toHaveProperty("adminDiscardDraft");
      const met = await rejectionOf(
        deployWithDraft(admin, { ...ids, clock: fakeClock().clock }, () => {}),
      );
      expect(met).toBeInstanceOf(DraftAlreadyExistsError);
      expect((met as Error).message).toContain(
        `a deployment draft ${left!._id} is already open for app ${ids.appId} (it changes nothing`,
      );
      await expect(
        deployWithDraft(
          admin,
          { ...ids, clock: fakeClock().clock, onExistingDraft: "discard" },
          (client) => createValue(client, ids, "greeting"),
        ),
      ).resolves.toMatchObject({ status: "successful" });
    },
  );

  test("a draft with changes was open before (the lost answer was a 409): it is left as it was", async () => {
    const { admin, ids, loseNext } = await worldLosingDraftAnswer(() => {
      throw resetError();
    }, false);
    const draft = await admin.deploy.createDeploymentDraft(ids);
    await createValue(admin, ids, "users_work");
    loseNext();
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, clock: fakeClock().clock }, () => {}),
    );
    // The 409 never arrived: the reset is what the call knows, and the draft is not its own.
    expect(error).toBeInstanceOf(AdminConnectionError);
    expect(emu!.control.counts().byOperation).not.toHaveProperty("adminDiscardDraft");
    expect(await admin.deploy.listDeploymentDrafts(ids)).toEqual([
      expect.objectContaining({ _id: draft._id }),
    ]);
    expect(await valueNames(admin, ids)).toEqual(["users_work"]);
  });

  test("a draft open before whose only change is not a file (a dependency): it is left as it was", async () => {
    // The emulator's diffs list files only; the real server's also list dependencies, GraphQL and
    // schema settings: the diff read is given one of those.
    let lose = false;
    const { admin, ids } = await startWorld({
      fetch: async (request) => {
        if (lose && isDraftCreation(request)) {
          lose = false;
          throw resetError();
        }
        const response = await globalThis.fetch(request);
        if (!new URL(request.url).pathname.endsWith("/diff")) return response;
        const diff = (await response.json()) as object;
        const dependencies_diff = { added: [{ name: "left-pad", version: "1.3.0" }] };
        return Response.json({ ...diff, dependencies_diff });
      },
    }).then((world) => ((emu = world.emu), world));
    const draft = await admin.deploy.createDeploymentDraft(ids);
    lose = true;
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, clock: fakeClock().clock }, () => {}),
    );
    expect(error).toBeInstanceOf(AdminConnectionError);
    expect(emu!.control.counts().byOperation).not.toHaveProperty("adminDiscardDraft");
    expect(await admin.deploy.listDeploymentDrafts(ids)).toEqual([
      expect.objectContaining({ _id: draft._id }),
    ]);
    // Met by "fail", it is not said to change nothing.
    const met = await rejectionOf(deployWithDraft(admin, ids, () => {}));
    expect(met).toBeInstanceOf(DraftAlreadyExistsError);
    expect((met as Error).message).toContain(
      "(0 changed config file(s), 0 changed hosted file(s), 1 other change(s): dependencies, GraphQL or schema settings)",
    );
  });

  test("aborted in flight after the server created it: the abort surfaces, the draft is left open", async () => {
    const controller = new AbortController();
    const world = await startWorld({
      fetch: answerLost(isDraftCreation, abortedInFlight(controller, "draft call")),
    });
    emu = world.emu;
    const { admin, ids } = world;
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, signal: controller.signal }, () => {}),
    );
    expect(error).toBeInstanceOf(AdminAbortError);
    expect(await admin.deploy.listDeploymentDrafts(ids)).toHaveLength(1);
    expect(emu.control.counts().byOperation).not.toHaveProperty("adminDiscardDraft");
  });

  test("another process's empty draft, opened just before (the lost answer was a 409), is left open", async () => {
    let other: string | undefined;
    let armed = true;
    const world = await startWorld({
      fetch: async (request) => {
        if (!armed || !isDraftCreation(request)) return globalThis.fetch(request);
        armed = false;
        // The same user's other process opens its draft, not yet changed, just before this one.
        other = (await world.admin.deploy.createDeploymentDraft(world.ids))._id;
        await (await globalThis.fetch(request)).arrayBuffer();
        throw resetError();
      },
    });
    emu = world.emu;
    const { admin, ids } = world;
    const error = await rejectionOf(deployWithDraft(admin, ids, () => {}));
    expect(error).toBeInstanceOf(AdminConnectionError);
    expect((await admin.deploy.listDeploymentDrafts(ids)).map((d) => d._id)).toEqual([other]);
    // Its process goes on in it.
    await createValue(world.admin, ids, "theirs");
    await world.admin.deploy.deployDraft({ ...ids, draftId: other! });
  });
});

describe('"fail" meeting a draft that changes nothing', () => {
  test("the error says discarding it loses nothing; one with changes is counted", async () => {
    const world = await startWorld();
    emu = world.emu;
    const { admin, ids } = world;
    const draft = await admin.deploy.createDeploymentDraft(ids);
    const empty = await rejectionOf(deployWithDraft(admin, ids, () => {}));
    expect(empty).toBeInstanceOf(DraftAlreadyExistsError);
    expect((empty as Error).message).toBe(
      `a deployment draft ${draft._id} is already open for app ${ids.appId} (it changes nothing, ` +
        `so discarding it loses nothing: an interrupted call may have left it); pass ` +
        `onExistingDraft: "discard" to drop it or "reuse" to deploy it with your changes`,
    );
    await createValue(admin, ids, "users_work");
    const counted = await rejectionOf(deployWithDraft(admin, ids, () => {}));
    expect((counted as Error).message).toContain(
      "(1 changed config file(s), 0 changed hosted file(s))",
    );
  });
});

describe("a deploy call answered 500", () => {
  test("after the server started the deployment: outcome unknown, draft kept, the deployment found and waited for", async () => {
    const clock = fakeClock();
    const world = await startWorld(
      {
        // The emulator deploys; its answer is replaced by a 500, as a server failing afterwards.
        fetch: answerLost(isDeployCall, serverError),
      },
      { clock: clock.clock },
    );
    emu = world.emu;
    const { admin, ids } = world;
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, clock: clock.clock }, (client) =>
        createValue(client, ids, "greeting"),
      ),
    );
    // Not "refused": the deployment exists, so neither may the draft be discarded nor the
    // error suggest that nothing was deployed.
    expect(error).toBeInstanceOf(DeploymentOutcomeUnknownError);
    expect((error as Error).cause).toBeInstanceOf(AdminServerError);
    const { draftId } = error as DeploymentOutcomeUnknownError;
    expect((error as Error).message).toContain("the deployment may be running");
    expect(emu.control.counts().byOperation).not.toHaveProperty("adminDiscardDraft");
    const deployment = (await admin.deploy.listDeployments(ids)).find(
      (d) => d.draft_id === draftId,
    );
    expect(deployment).toBeDefined();
    await expect(
      waitForDeployment(admin, { ...ids, deploymentId: deployment!._id!, clock: clock.clock }),
    ).resolves.toMatchObject({ status: "successful" });
    expect(await valueNames(admin, ids)).toEqual(["greeting"]);
  });

  test("before the server deployed: the same error, and the draft, with its change, can be deployed again", async () => {
    const clock = fakeClock();
    const world = await startWorld({}, { clock: clock.clock });
    emu = world.emu;
    const { admin, ids } = world;
    emu.control.failNext({ method: "POST", path: paths.deployDraft, status: 500 });
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, clock: clock.clock }, (client) =>
        createValue(client, ids, "greeting"),
      ),
    );
    expect(error).toBeInstanceOf(DeploymentOutcomeUnknownError);
    const { draftId } = error as DeploymentOutcomeUnknownError;
    expect(await admin.deploy.listDeployments(ids)).toEqual([]);
    const again = await deployWithDraft(
      admin,
      { ...ids, clock: clock.clock, onExistingDraft: "reuse" },
      () => {},
    );
    expect(again).toMatchObject({ status: "successful", draft_id: draftId });
    expect(await valueNames(admin, ids)).toEqual(["greeting"]);
  });
});

describe("a deployment read failing while deployWithDraft waits", () => {
  test.each([
    ["a 500", { status: 500 }, AdminServerError],
    ["a dropped connection", { drop: true }, AdminConnectionError],
  ] as const)(
    "%s: the error carries the deploymentId, and waitForDeployment resumes with it",
    async (_name, fault, causeType) => {
      const clock = fakeClock();
      const world = await startWorld({ retries: 0 }, { clock: clock.clock });
      emu = world.emu;
      const { admin, ids } = world;
      emu.control.failNext({ method: "GET", path: paths.deployment, ...fault });
      const error = await rejectionOf(
        deployWithDraft(admin, { ...ids, clock: clock.clock }, (client) =>
          createValue(client, ids, "greeting"),
        ),
      );
      expect(error).toBeInstanceOf(DeploymentWaitError);
      expect((error as Error).cause).toBeInstanceOf(causeType);
      const [deployment] = await admin.deploy.listDeployments(ids);
      const { deploymentId } = error as DeploymentWaitError;
      expect(deploymentId).toBe(deployment!._id);
      expect((error as DeploymentWaitError).deployment).toMatchObject({
        _id: deploymentId,
        status: "created",
      });
      expect((error as Error).message).toContain(
        `waiting for deployment ${deploymentId} failed (last status created): `,
      );
      expect((error as Error).message).toContain(
        `waitForDeployment with deploymentId ${deploymentId} resumes the wait`,
      );
      await expect(
        waitForDeployment(admin, { ...ids, deploymentId, clock: clock.clock }),
      ).resolves.toMatchObject({ _id: deploymentId, status: "successful" });
    },
  );

  test("waitForDeployment's own caller gave the id: it gets the read's error as it is", async () => {
    const clock = fakeClock();
    const world = await startWorld({ retries: 0 }, { clock: clock.clock });
    emu = world.emu;
    const { admin, ids } = world;
    const draft = await admin.deploy.createDeploymentDraft(ids);
    const started = await admin.deploy.deployDraft({ ...ids, draftId: draft._id! });
    emu.control.failNext({ method: "GET", path: paths.deployment, status: 500 });
    const error = await rejectionOf(
      waitForDeployment(admin, { ...ids, deploymentId: started._id!, clock: clock.clock }),
    );
    expect(error).toBeInstanceOf(AdminServerError);
  });
});
