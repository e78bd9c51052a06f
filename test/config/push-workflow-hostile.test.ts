import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import { PushAppError, pushApp } from "../../packages/config/index.js";
import { DeploymentOutcomeUnknownError } from "../../packages/deploy/errors.js";
import { rejectionOf, startWorld } from "../deploy/helpers.js";
import { worldWithPulledFunction } from "./helpers.js";

// An unlucky push: each step can fail half-way, and what the error says must be what happened.

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
let dir: string;

beforeEach(async () => {
  ({ world, dir } = await worldWithPulledFunction());
  writeFileSync(join(dir, "functions/hello.js"), "exports = () => 2;\n");
  mkdirSync(join(dir, "values"), { recursive: true });
});
afterEach(() => world.emu.stop());

const isDeployCall = (request: Request) =>
  request.method === "POST" && /\/drafts\/[^/]+\/deployment$/.test(new URL(request.url).pathname);
const isDeploymentList = (request: Request) =>
  request.method === "GET" && new URL(request.url).pathname.endsWith("/deployments");

describe("pushApp: the deploy call's answer lost", () => {
  it("and the deployment not yet listed: never says the draft was discarded or the app unchanged", async () => {
    const admin = createAdminClient({
      baseUrl: world.emu.url,
      credentials: world.emu.credentials,
      fetch: async (request) => {
        // The listing lags behind: the new deployment is not in it yet.
        if (isDeploymentList(request)) {
          return new Response("[]", { headers: { "Content-Type": "application/json" } });
        }
        const response = await fetch(request);
        if (!isDeployCall(request)) return response;
        await response.arrayBuffer();
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
        });
      },
    });
    const error = await rejectionOf(pushApp(admin, { ...world.ids, dir }));
    expect(error).toBeInstanceOf(PushAppError);
    const push = error as PushAppError;
    expect(push.cause).toBeInstanceOf(DeploymentOutcomeUnknownError);
    // The deployment did start (the draft is gone because it was deployed, not discarded).
    const [deployment] = await world.admin.deploy.listDeployments(world.ids);
    expect(deployment?.draft_id).toBe(push.progress.draftId);
    expect(push.progress.draftDiscarded).toBe(false);
    expect(push.message).not.toContain("unchanged");
    expect(push.message).not.toContain("no configuration change was applied");
    expect(push.nextStep).toContain("deploy.listDeployments");
  });
});
