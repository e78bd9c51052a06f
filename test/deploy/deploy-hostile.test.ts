import { afterEach, describe, expect, test } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/create-admin-client.js";
import { AdminError, AdminNotFoundError } from "../../packages/core/errors.js";
import {
  deployWithDraft,
  DeploymentTimeoutError,
  waitForDeployment,
} from "../../packages/deploy/index.js";
import { planPolling } from "../../packages/deploy/polling.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { fakeClock, paths, rejectionOf, startWorld } from "./helpers.js";

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

/** A world whose deployment reads are answered by `answer` (the deploy call goes through). */
async function worldAnswering(answer: (read: number) => Response | undefined) {
  let reads = 0;
  const world = await startWorld({
    fetch: (request) => {
      if (request.method === "GET" && /\/deployments\/[^/]+$/.test(new URL(request.url).pathname)) {
        const replaced = answer(++reads);
        if (replaced) return Promise.resolve(replaced);
      }
      return fetch(request);
    },
  });
  emu = world.emu;
  return world;
}

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });

describe("deploy: a hostile server", () => {
  test("a deployment read answered with null: an AdminError naming the deployment, not a TypeError", async () => {
    const { admin, ids } = await worldAnswering(() => json(null));
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, clock: fakeClock().clock }, () => {}),
    );
    expect(error).toBeInstanceOf(AdminError);
    expect((error as Error).message).toMatch(/deployment [0-9a-f]{24}/);
  });

  test("a deploy call answered with null: an AdminError, not a TypeError", async () => {
    const world = await startWorld();
    emu = world.emu;
    emu.control.failNext({ method: "POST", path: paths.deployDraft, status: 200, body: "null" });
    const error = await rejectionOf(
      deployWithDraft(world.admin, { ...world.ids, clock: fakeClock().clock }, () => {}),
    );
    expect(error).toBeInstanceOf(AdminError);
  });

  test("a status the client does not know is waited on until the deadline, which names it", async () => {
    const { admin, ids } = await worldAnswering(() => json({ status: "weird" }));
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, clock: fakeClock().clock, timeoutMs: 1_000 }, () => {}),
    );
    expect(error).toBeInstanceOf(DeploymentTimeoutError);
    expect((error as Error).message).toContain("still weird after 1000 ms");
  });

  test("successful then pending again: the first successful read ends the wait", async () => {
    const { admin, ids } = await worldAnswering((read) =>
      json({ status: read === 1 ? "successful" : "pending" }),
    );
    const done = await deployWithDraft(admin, { ...ids, clock: fakeClock().clock }, () => {});
    expect(done.status).toBe("successful");
  });
});

describe("deploy: polling settings a timer cannot hold", () => {
  // setTimeout fires a delay above 2^31-1 ms at once: the wait would read in a tight loop.
  test("pollIntervalMs and maxPollIntervalMs above 2^31-1 are refused before any request", () => {
    expect(() => planPolling({ pollIntervalMs: 2 ** 31 })).toThrow(/pollIntervalMs/);
    expect(() => planPolling({ maxPollIntervalMs: 2 ** 31 })).toThrow(/maxPollIntervalMs/);
    expect(planPolling({ pollIntervalMs: 2 ** 31 - 1 }).delays.next().value).toBe(2 ** 31 - 1);
  });

  test("waitForDeployment refuses it too, before reading", async () => {
    const world = await startWorld();
    emu = world.emu;
    const before = world.emu.control.counts().total;
    const error = await rejectionOf(
      waitForDeployment(world.admin, {
        ...world.ids,
        deploymentId: "5b2ec991973129243223a114",
        timeoutMs: 0,
        maxPollIntervalMs: 3e9,
      }),
    );
    expect(error).toBeInstanceOf(RangeError);
    expect(world.emu.control.counts().total).toBe(before);
  });
});

describe("deploy: a draft that vanishes", () => {
  test("discarded by someone else before the deploy: the 404 surfaces, with no claim that the draft is still open", async () => {
    const world = await startWorld();
    emu = world.emu;
    const { admin, ids } = world;
    const error = await rejectionOf(
      deployWithDraft(admin, { ...ids, clock: fakeClock().clock }, async (client, draft) => {
        await client.deploy.discardDraft({ ...ids, draftId: draft._id });
      }),
    );
    expect(error).toBeInstanceOf(AdminNotFoundError);
    // The discard after the failure finds the draft gone: that is what it wanted.
    expect(error).not.toHaveProperty("discardError");
    expect(await admin.deploy.listDeploymentDrafts(ids)).toEqual([]);
    expect(await admin.deploy.listDeployments(ids)).toEqual([]);
  });

  test('"discard" policy: the open draft discarded by someone else meanwhile (404) is no failure', async () => {
    let admin: AdminClient | undefined;
    let ids = { groupId: "", appId: "" };
    let other = "";
    const world = await startWorld({
      fetch: async (request) => {
        // Someone else discards it between the 409 and this discard.
        if (request.method === "DELETE" && request.url.endsWith(`/drafts/${other}`)) {
          await admin!.deploy.discardDraft({ ...ids, draftId: other });
        }
        return fetch(request);
      },
    });
    emu = world.emu;
    ({ ids } = world);
    admin = createAdminClient({ baseUrl: world.emu.url, credentials: world.emu.credentials });
    other = (await admin.deploy.createDeploymentDraft(ids))._id!;
    const done = await deployWithDraft(
      world.admin,
      { ...ids, clock: fakeClock().clock, onExistingDraft: "discard" },
      () => {},
    );
    expect(done.status).toBe("successful");
  });
});
