import { afterEach, beforeEach, describe, expect, expectTypeOf, test } from "vitest";
import type { AdminClient } from "../../packages/client/create-admin-client.js";
import {
  AdminAbortError,
  AdminBadRequestError,
  AdminConflictError,
  AdminServerError,
} from "../../packages/core/errors.js";
import {
  deployWithDraft,
  DeploymentFailedError,
  DraftAlreadyExistsError,
  DraftDiscardError,
} from "../../packages/deploy/index.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { createValue, fakeClock, paths, rejectionOf, startWorld, valueNames } from "./helpers.js";

// The workflow against the emulator over loopback; the emulator's own state (drafts, Values,
// deployments) is the witness. Waits run on a fake clock: they are asserted, never timed.
let emu: RunningEmulator;
let admin: AdminClient;
let ids: { groupId: string; appId: string };
let clock: ReturnType<typeof fakeClock>;

beforeEach(async () => {
  clock = fakeClock();
  ({ emu, admin, ids } = await startWorld({}, { clock: clock.clock }));
});
afterEach(() => emu.stop());

const openDrafts = () => admin.deploy.listDeploymentDrafts(ids);

describe("deployWithDraft", () => {
  test("opens a draft, makes the change in it, deploys and waits for successful", async () => {
    const statuses: string[] = [];
    let draftId: string | undefined;
    const deployment = await deployWithDraft(
      admin,
      { ...ids, name: "add greeting", clock: clock.clock, onStatus: (s) => statuses.push(s) },
      async (client, draft, context) => {
        expectTypeOf(client).toEqualTypeOf<AdminClient>();
        expectTypeOf(draft._id).toBeString();
        draftId = draft._id;
        expect(context).toEqual({ ...ids, signal: undefined });
        expect(await client.deploy.listDeploymentDrafts(ids)).toEqual([draft]);
        await createValue(client, ids, "greeting");
      },
    );
    expect(deployment).toMatchObject({
      status: "successful",
      name: "add greeting",
      draft_id: draftId,
    });
    expect(statuses).toEqual(["created", "pending", "successful"]);
    // The deploy answer counts as the first read; then 100 ms, doubled.
    expect(clock.sleeps).toEqual([100, 200]);
    expect(await valueNames(admin, ids)).toEqual(["greeting"]);
    expect(await openDrafts()).toEqual([]);
    const [latest] = await admin.deploy.listDeployments(ids);
    expect(latest).toMatchObject({ _id: deployment._id, status: "successful" });
    const deploy = emu.control.requests().find((r) => r.operation === "adminDeployDraft");
    expect(deploy?.headers["content-type"]).toContain("application/json");
    expect(emu.control.counts().byOperation).toMatchObject({
      adminCreateDeploymentDraft: 1,
      adminDeployDraft: 1,
      adminGetDeployment: 2,
    });
  });

  test("without a name the deploy call sends no body and the server names the deployment", async () => {
    const deployment = await deployWithDraft(admin, { ...ids, clock: clock.clock }, () => {});
    expect(deployment.name).toBe(deployment._id);
    const deploy = emu.control.requests().find((r) => r.operation === "adminDeployDraft");
    expect(deploy).toBeDefined();
    expect(deploy!.headers["content-type"]).toBeUndefined();
  });

  describe("a draft already open", () => {
    let existing: { _id: string };
    beforeEach(async () => {
      existing = (await admin.deploy.createDeploymentDraft(ids)) as { _id: string };
      await createValue(admin, ids, "earlier");
    });

    test('"fail" (the default): typed error with the draft id and its diff; nothing changes', async () => {
      let called = false;
      const error = await rejectionOf(
        deployWithDraft(admin, { ...ids, clock: clock.clock }, () => {
          called = true;
        }),
      );
      expect(error).toBeInstanceOf(DraftAlreadyExistsError);
      const e = error as DraftAlreadyExistsError;
      expect(e).toMatchObject({ draftId: existing._id, ...ids, diffError: undefined });
      expect(e.diff?.diffs).toEqual([expect.stringContaining("+++ values/earlier.json")]);
      expect(e.cause).toBeInstanceOf(AdminConflictError);
      expect((e.cause as AdminConflictError).errorCode).toBe("DraftAlreadyExists");
      expect(e.message).toContain(existing._id);
      expect(e.message).toContain('onExistingDraft: "discard"');
      expect(called).toBe(false);
      expect(await openDrafts()).toEqual([expect.objectContaining({ _id: existing._id })]);
      expect(await valueNames(admin, ids)).toEqual(["earlier"]);
    });

    test('"discard": drops the open draft (and its changes), deploys a new one', async () => {
      const deployment = await deployWithDraft(
        admin,
        { ...ids, onExistingDraft: "discard", clock: clock.clock },
        (client) => createValue(client, ids, "mine"),
      );
      expect(deployment.status).toBe("successful");
      expect(deployment.draft_id).not.toBe(existing._id);
      expect(await valueNames(admin, ids)).toEqual(["mine"]);
      expect(emu.control.counts().byOperation.adminDiscardDraft).toBe(1);
    });

    test('"reuse": makes the changes in the open draft and deploys it with what it held', async () => {
      const seen: string[] = [];
      const deployment = await deployWithDraft(
        admin,
        { ...ids, onExistingDraft: "reuse", clock: clock.clock },
        async (client, draft) => {
          seen.push(draft._id);
          await createValue(client, ids, "mine");
        },
      );
      expect(seen).toEqual([existing._id]);
      expect(deployment).toMatchObject({ status: "successful", draft_id: existing._id });
      expect((await valueNames(admin, ids)).sort()).toEqual(["earlier", "mine"]);
      expect(await openDrafts()).toEqual([]);
    });

    test('"reuse" leaves the draft open when the changes fail: it held work from before', async () => {
      const boom = new Error("changes failed");
      const error = await rejectionOf(
        deployWithDraft(admin, { ...ids, onExistingDraft: "reuse" }, () => {
          throw boom;
        }),
      );
      expect(error).toBe(boom);
      expect(await openDrafts()).toEqual([expect.objectContaining({ _id: existing._id })]);
      expect(await valueNames(admin, ids)).toEqual(["earlier"]);
    });
  });

  test("changes throwing: the draft is discarded (its edits undone) and the original error surfaces", async () => {
    const boom = new Error("my change failed");
    const error = await rejectionOf(
      deployWithDraft(admin, ids, async (client) => {
        await createValue(client, ids, "half_done");
        throw boom;
      }),
    );
    expect(error).toBe(boom);
    expect((error as { discardError?: unknown }).discardError).toBeUndefined();
    expect(await openDrafts()).toEqual([]);
    expect(await valueNames(admin, ids)).toEqual([]);
    expect(emu.control.counts().byOperation.adminDeployDraft).toBeUndefined();
  });

  test("a failed discard is reported beside the original error, never instead of it", async () => {
    const boom = new Error("my change failed");
    emu.control.failNext({
      method: "DELETE",
      path: paths.draft,
      status: 500,
      body: { error: "storage hiccup" },
    });
    const error = await rejectionOf(
      deployWithDraft(admin, ids, () => {
        throw boom;
      }),
    );
    expect(error).toBe(boom);
    const discardError = (error as { discardError?: unknown }).discardError;
    expect(discardError).toBeInstanceOf(DraftDiscardError);
    const [open] = await openDrafts();
    expect(discardError).toMatchObject({ draftId: open?._id });
    expect((discardError as Error).message).toContain("storage hiccup");
    expect((discardError as Error).cause).toBeInstanceOf(AdminServerError);
  });

  test("a thrown non-object and a failed discard come together in an AggregateError", async () => {
    emu.control.failNext({ method: "DELETE", path: paths.draft, status: 500 });
    const error = await rejectionOf(
      deployWithDraft(admin, ids, () => {
        throw "plain string";
      }),
    );
    expect(error).toBeInstanceOf(AggregateError);
    const { errors } = error as AggregateError;
    expect(errors[0]).toBe("plain string");
    expect(errors[1]).toBeInstanceOf(DraftDiscardError);
  });

  test("the deploy call refused: the draft is discarded and the API error surfaces", async () => {
    // A 4xx: the server refused it. (A 5xx leaves the outcome open: deploy-hostile2.test.ts.)
    emu.control.failNext({
      method: "POST",
      path: paths.deployDraft,
      status: 400,
      body: { error: "draft cannot be deployed" },
    });
    const error = await rejectionOf(
      deployWithDraft(admin, ids, (client) => createValue(client, ids, "never_deployed")),
    );
    expect(error).toBeInstanceOf(AdminBadRequestError);
    expect((error as AdminBadRequestError).message).toBe("draft cannot be deployed");
    expect((error as { discardError?: unknown }).discardError).toBeUndefined();
    expect(await openDrafts()).toEqual([]);
    expect(await valueNames(admin, ids)).toEqual([]);
    expect(await admin.deploy.listDeployments(ids)).toEqual([]);
  });

  test("a deployment that ends failed: typed error carrying status_error_message", async () => {
    emu.control.failNextDeployment("syntax error in function onInsert");
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, clock: clock.clock }, (client) =>
        createValue(client, ids, "x"),
      ),
    );
    expect(error).toBeInstanceOf(DeploymentFailedError);
    const e = error as DeploymentFailedError;
    expect(e.statusErrorMessage).toBe("syntax error in function onInsert");
    expect(e.message).toContain("syntax error in function onInsert");
    expect(e.deployment.status).toBe("failed");
    const [latest] = await admin.deploy.listDeployments(ids);
    expect(e.deploymentId).toBe(latest?._id);
  });

  test("abort during the changes: the draft is discarded and nothing is deployed", async () => {
    const controller = new AbortController();
    const error = await rejectionOf(
      deployWithDraft(
        admin,
        { ...ids, signal: controller.signal },
        async (client, _draft, context) => {
          expect(context.signal).toBe(controller.signal);
          await createValue(client, ids, "aborted");
          controller.abort(new Error("user cancelled"));
        },
      ),
    );
    expect(error).toBeInstanceOf(AdminAbortError);
    expect((error as AdminAbortError).path).toMatch(/\/drafts\/[0-9a-f]{24}\/deployment$/);
    expect(await openDrafts()).toEqual([]);
    expect(await valueNames(admin, ids)).toEqual([]);
    expect(emu.control.counts().byOperation.adminDeployDraft).toBeUndefined();
  });

  test("bad polling settings fail before any request, not after the deploy", async () => {
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, pollIntervalMs: -5 }, () => {}),
    );
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toContain("pollIntervalMs");
    expect(emu.control.counts().total).toBe(0);
  });

  test("an already aborted signal: no request at all", async () => {
    const controller = new AbortController();
    controller.abort();
    let called = false;
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, signal: controller.signal }, () => {
        called = true;
      }),
    );
    expect(error).toBeInstanceOf(AdminAbortError);
    expect(called).toBe(false);
    expect(emu.control.counts().total).toBe(0);
  });
});
