import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import { PushAppError, pushApp } from "../../packages/config/index.js";
import { DeploymentOutcomeUnknownError } from "../../packages/deploy/errors.js";
import { rejectionOf, startWorld } from "../deploy/helpers.js";
import { worldWithPulledFunction } from "./helpers.js";

// pushApp when the server fails after it acted: what the PushAppError says must be what happened.
type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
let dir: string;

beforeEach(async () => {
  ({ world, dir } = await worldWithPulledFunction());
  writeFileSync(join(dir, "functions/hello.js"), "exports = () => 2;\n");
});
afterEach(() => world.emu.stop());

describe("pushApp: the deploy call answered 500 after the server deployed", () => {
  it("names the deployment to wait for, never says the app is unchanged", async () => {
    const admin = createAdminClient({
      baseUrl: world.emu.url,
      credentials: world.emu.credentials,
      fetch: async (request) => {
        const response = await fetch(request);
        const deployCall =
          request.method === "POST" && new URL(request.url).pathname.endsWith("/deployment");
        if (!deployCall) return response;
        await response.arrayBuffer();
        return Response.json({ error: "internal server error" }, { status: 500 });
      },
    });
    const error = await rejectionOf(pushApp(admin, { ...world.ids, dir }));
    expect(error).toBeInstanceOf(PushAppError);
    const push = error as PushAppError;
    expect(push.cause).toBeInstanceOf(DeploymentOutcomeUnknownError);
    const [deployment] = await world.admin.deploy.listDeployments(world.ids);
    expect(deployment?.draft_id).toBe(push.progress.draftId);
    expect(push.progress.deploymentId).toBe(deployment?._id);
    expect(push.progress.draftDiscarded).toBe(false);
    expect(push.message).not.toContain("unchanged");
    expect(push.nextStep).toContain(`waitForDeployment with deploymentId ${deployment?._id}`);
  });
});
