import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import { PushAppError, pushApp } from "../../packages/config/index.js";
import { DeploymentOutcomeUnknownError } from "../../packages/deploy/errors.js";
import { createValue, rejectionOf, startWorld } from "../deploy/helpers.js";
import { worldWithPulledFunction } from "./helpers.js";

// The deploy call sent, its answer lost: pushApp looks for the deployment made from its draft.
// What it names must be that one, never another process's, and the message must say what is
// known (the answer was lost; the deployment listed, and its status).

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
let dir: string;

beforeEach(async () => {
  ({ world, dir } = await worldWithPulledFunction());
  writeFileSync(join(dir, "functions/hello.js"), "exports = () => 2;\n");
});
afterEach(() => world.emu.stop());

/**
 * A client whose deploy call reaches the server, its answer lost (a reset); `listed` filters the
 * deployments' listing that follows (a listing lagging behind).
 */
function deployAnswerLost(listed: (d: { draft_id?: string }) => boolean = () => true) {
  let sent = false;
  return createAdminClient({
    baseUrl: world.emu.url,
    credentials: world.emu.credentials,
    retries: 0,
    fetch: async (request) => {
      const { pathname } = new URL(request.url);
      const response = await fetch(request);
      if (sent && request.method === "GET" && pathname.endsWith("/deployments")) {
        const all = (await response.json()) as { draft_id?: string }[];
        return Response.json(all.filter(listed));
      }
      if (!(request.method === "POST" && pathname.endsWith("/deployment"))) return response;
      sent = true;
      await response.arrayBuffer();
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      });
    },
  });
}

/** Another process's deployment, of its own draft, made before the push. */
async function othersDeployment(): Promise<string> {
  const draft = await world.admin.deploy.createDeploymentDraft(world.ids);
  await createValue(world.admin, world.ids, "theirs");
  await world.admin.deploy.deployDraft({ ...world.ids, draftId: draft._id! });
  return draft._id!;
}

describe("pushApp, the deploy call's answer lost", () => {
  it("names the deployment made from its draft, with its status, as found by the listing", async () => {
    const error = await rejectionOf(pushApp(deployAnswerLost(), { ...world.ids, dir }));
    expect(error).toBeInstanceOf(PushAppError);
    const push = error as PushAppError;
    expect(push.cause).toBeInstanceOf(DeploymentOutcomeUnknownError);
    const ours = (await world.admin.deploy.listDeployments(world.ids)).find(
      (d) => d.draft_id === push.progress.draftId,
    )!;
    expect(push.progress.deploymentId).toBe(ours._id);
    expect(push.message).toContain("push failed while deploying: ");
    expect(push.nextStep).toMatch(
      new RegExp(
        `^The deploy call ended without its answer, but deployment ${ours._id}, made from draft ${push.progress.draftId}, is listed with status (created|pending|successful): waitForDeployment with deploymentId ${ours._id} waits for it\\.$`,
      ),
    );
  });

  it("never takes another process's deployment, listed where its own is not yet, for its own", async () => {
    const theirs = await othersDeployment();
    const error = await rejectionOf(
      pushApp(
        deployAnswerLost((d) => d.draft_id === theirs),
        { ...world.ids, dir },
      ),
    );
    const push = error as PushAppError;
    expect(push).toBeInstanceOf(PushAppError);
    expect(push.progress.draftId).not.toBe(theirs);
    expect(push.progress.deploymentId).toBeUndefined();
    expect(push.nextStep).toContain(
      `no deployment made from draft ${push.progress.draftId} is listed yet`,
    );
  });

  it("a reused draft: says another process may have deployed it", async () => {
    const open = await world.admin.deploy.createDeploymentDraft(world.ids);
    await createValue(world.admin, world.ids, "theirs");
    const error = await rejectionOf(
      pushApp(deployAnswerLost(), { ...world.ids, dir, onExistingDraft: "reuse" }),
    );
    const push = error as PushAppError;
    expect(push).toBeInstanceOf(PushAppError);
    expect(push.progress.draftId).toBe(open._id);
    expect(push.nextStep).toContain(
      `made from draft ${open._id}, the open draft this push reused (another process may have deployed it), is listed`,
    );
  });
});

describe("pushApp, the draft creation's answer lost", () => {
  it("another process's empty draft, opened just before (the lost answer was a 409), is left open", async () => {
    let other: string | undefined;
    let armed = true;
    const admin = createAdminClient({
      baseUrl: world.emu.url,
      credentials: world.emu.credentials,
      retries: 0,
      fetch: async (request) => {
        const creation =
          request.method === "POST" && new URL(request.url).pathname.endsWith("/drafts");
        if (!armed || !creation) return fetch(request);
        armed = false;
        // Between the push's look for a draft and its creation, the same user's other process
        // opens one, not yet changed: the push's creation is refused (409), that answer lost.
        other = (await world.admin.deploy.createDeploymentDraft(world.ids))._id;
        await (await fetch(request)).arrayBuffer();
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
        });
      },
    });
    const error = await rejectionOf(pushApp(admin, { ...world.ids, dir }));
    expect(error).toBeInstanceOf(PushAppError);
    expect((error as PushAppError).nextStep).toContain(
      `Draft ${other} is open and shows no change`,
    );
    const open = await world.admin.deploy.listDeploymentDrafts(world.ids);
    expect(open.map((d) => d._id)).toEqual([other]);
    // Its process goes on in it.
    await createValue(world.admin, world.ids, "theirs");
    await world.admin.deploy.deployDraft({ ...world.ids, draftId: other! });
  });
});
