import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import { AdminAbortError, AdminConnectionError } from "../../packages/core/errors.js";
import {
  ConfigValidationError,
  MissingSecretsError,
  PushAppError,
  pullApp,
  pushApp,
} from "../../packages/config/index.js";
import { stableJson } from "../../packages/config/stable-json.js";
import {
  DeploymentFailedError,
  DeploymentOutcomeUnknownError,
  DeploymentTimeoutError,
  DraftAlreadyExistsError,
} from "../../packages/deploy/errors.js";
import { waitForDeployment } from "../../packages/deploy/wait-for-deployment.js";
import { uploadAsset } from "../../packages/hosting/upload-asset.js";
import { md5 } from "../hosting/helpers.js";
import { createValue, paths, rejectionOf, startWorld, valueNames } from "../deploy/helpers.js";
import { tempDir, worldWithPulledFunction } from "./helpers.js";

type World = Awaited<ReturnType<typeof startWorld>>;
const IMPORT = "/groups/{groupId}/apps/{appId}/import";

let world: World;
let dir: string;

beforeEach(async () => {
  ({ world, dir } = await worldWithPulledFunction());
  writeFileSync(join(dir, "functions/hello.js"), "exports = () => 2;\n");
  mkdirSync(join(dir, "values"), { recursive: true });
});
afterEach(() => world.emu.stop());

/** Requests that change the app (anything but reads and the import's diff). */
function writes() {
  return world.emu.control
    .requests()
    .filter(
      (r) => r.method !== "GET" && !(r.path.endsWith("/import") && r.query?.includes("diff=true")),
    )
    .map((r) => `${r.method} ${r.path}`);
}

/** A client whose every request is shown to `see` first (to arm a fault at the right moment). */
function clientSeeing(see: (request: Request) => void) {
  return createAdminClient({
    baseUrl: world.emu.url,
    credentials: world.emu.credentials,
    fetch: (request) => {
      see(request);
      return fetch(request);
    },
  });
}

async function functionSource(): Promise<string | undefined> {
  const [fn] = await world.admin.functions.listFunctions(world.ids);
  return (await world.admin.functions.getFunction({ ...world.ids, functionId: fn!._id! })).source;
}

describe("pushApp failure paths", () => {
  it("reports a secret the folder names but the app lacks, before sending anything", async () => {
    writeFileSync(
      join(dir, "values/apiKey.json"),
      stableJson({ name: "apiKey", private: true, from_secret: true, value: "payments_key" }),
    );
    world.emu.control.resetCounts();
    const error = await rejectionOf(pushApp(world.admin, { ...world.ids, dir }));
    expect(error).toBeInstanceOf(MissingSecretsError);
    expect((error as MissingSecretsError).missing.map((m) => m.name)).toEqual(["payments_key"]);
    expect((error as Error).message).toContain("values/apiKey.json:5:12");
    expect(writes()).toEqual([]);
    // Not even the import's diff, which would carry the configuration: only reads went out.
    expect(world.emu.control.requests().filter((r) => r.method !== "GET")).toEqual([]);
    expect(await functionSource()).toBe("exports = () => 1;\n");
  });

  it("pushes once the secret exists, checked while it lists drafts, the import's diff after, the app read once that diff finds a change", async () => {
    writeFileSync(
      join(dir, "values/apiKey.json"),
      stableJson({ name: "apiKey", private: true, from_secret: true, value: "payments_key" }),
    );
    await world.admin.secrets.createSecret({
      ...world.ids,
      body: { name: "payments_key", value: "s3cr3t" },
    });
    const seen: string[] = [];
    const admin = createAdminClient({
      baseUrl: world.emu.url,
      credentials: world.emu.credentials,
      fetch: async (request) => {
        const last = new URL(request.url).pathname.split("/").at(-1);
        seen.push(`${request.method} ${last}`);
        const response = await fetch(request);
        if (last === "secrets") seen.push("secrets answered");
        return response;
      },
    });
    await admin.deploy.listDeploymentDrafts(world.ids); // logged in before the push
    seen.length = 0;
    const result = await pushApp(admin, { ...world.ids, dir });
    expect(result.deployment?.status).toBe("successful");
    const answered = seen.indexOf("secrets answered");
    expect(answered).toBeGreaterThan(0);
    expect(seen.indexOf("GET drafts")).toBeLessThan(answered);
    expect(seen.indexOf("POST import")).toBeGreaterThan(answered);
    expect(seen.indexOf("GET pull")).toBeGreaterThan(seen.indexOf("POST import"));
  });

  it("refuses an invalid config file with file, line, column and pointer, sending nothing", async () => {
    const config = JSON.parse(readFileSync(join(dir, "functions/config.json"), "utf8"));
    config[0].private = "no";
    writeFileSync(join(dir, "functions/config.json"), stableJson(config));
    world.emu.control.resetCounts();
    const error = await rejectionOf(pushApp(world.admin, { ...world.ids, dir }));
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).issues).toEqual([
      expect.objectContaining({
        file: "functions/config.json",
        line: 4,
        column: 16,
        pointer: "/0/private",
      }),
    ]);
    expect((error as Error).message).toContain("functions/config.json:4:16 /0/private:");
    expect(world.emu.control.counts().total).toBe(0);
  });

  it("discards the draft when the deployment fails, and says so", async () => {
    world.emu.control.failNextDeployment("syntax error in function hello");
    const error = await rejectionOf(pushApp(world.admin, { ...world.ids, dir }));
    expect(error).toBeInstanceOf(PushAppError);
    const push = error as PushAppError;
    expect(push.cause).toBeInstanceOf(DeploymentFailedError);
    expect(push.message).toContain("syntax error in function hello");
    expect(push.progress).toMatchObject({ importSent: true, draftDiscarded: true });
    expect(push.progress.deploymentId).toMatch(/^[0-9a-f]{24}$/);
    // What was done, and that it came to nothing: the failed deployment's draft went with it.
    expect(push.message).toContain(
      `deployment ${push.progress.deploymentId} was started and its draft ${push.progress.draftId} discarded.`,
    );
    expect(await world.admin.deploy.listDeploymentDrafts(world.ids)).toEqual([]);
  });

  it("says once that a deployment still pending when timeoutMs runs out goes on, and how to wait for it", async () => {
    // Every read of the deployment finds it pending, however long the push waits.
    world.emu.control.failNext({
      method: "GET",
      path: paths.deployment,
      status: 200,
      count: 1000,
      body: { _id: "000000000000000000000000", status: "pending" },
    });
    const error = await rejectionOf(pushApp(world.admin, { ...world.ids, dir, timeoutMs: 200 }));
    world.emu.control.clearFaults();
    expect(error).toBeInstanceOf(PushAppError);
    const push = error as PushAppError;
    expect(push.cause).toBeInstanceOf(DeploymentTimeoutError);
    const deploymentId = push.progress.deploymentId!;
    expect(push.nextStep).toBe(
      `waitForDeployment with deploymentId ${deploymentId} resumes the wait.`,
    );
    expect(push.message.match(/goes on|continues/g)).toEqual(["continues"]);
  });

  it("loses the connection on the import: the draft is discarded, nothing is applied", async () => {
    // Armed when the draft is created, so the import's diff (also a POST /import) goes through.
    const admin = clientSeeing((request) => {
      if (request.method === "POST" && request.url.endsWith("/drafts")) {
        world.emu.control.failNext({ drop: true, method: "POST", path: IMPORT });
      }
    });
    const error = await rejectionOf(pushApp(admin, { ...world.ids, dir }));
    expect(error).toBeInstanceOf(PushAppError);
    const push = error as PushAppError;
    expect(push.cause).toBeInstanceOf(AdminConnectionError);
    expect(push.progress).toMatchObject({
      importSent: true,
      draftDiscarded: true,
      deploymentId: undefined,
    });
    expect(push.nextStep).toMatch(/push again/);
    expect(await world.admin.deploy.listDeploymentDrafts(world.ids)).toEqual([]);
    expect(await functionSource()).toBe("exports = () => 1;\n");
    expect((await world.admin.deploy.listDeployments(world.ids)).length).toBe(0);
  });

  it("loses the connection for good: says the draft may be open, and a later push can discard it", async () => {
    // From the deploy call on, the server is unreachable: the deploy, the discard and the check.
    const admin = clientSeeing((request) => {
      if (request.method === "POST" && request.url.endsWith("/deployment")) {
        world.emu.control.failNext({ drop: true, method: "POST", path: paths.deployDraft });
        world.emu.control.failNext({ drop: true, count: 5, method: "DELETE", path: paths.draft });
        world.emu.control.failNext({ drop: true, count: 5, method: "GET", path: paths.drafts });
      }
    });
    const error = await rejectionOf(pushApp(admin, { ...world.ids, dir }));
    expect(error).toBeInstanceOf(PushAppError);
    const push = error as PushAppError;
    expect(push.progress.draftDiscarded).toBe(false);
    expect(push.message).toMatch(/may still be open/);
    expect(push.nextStep).toMatch(/onExistingDraft: "discard"/);
    world.emu.control.clearFaults();
    const drafts = await world.admin.deploy.listDeploymentDrafts(world.ids);
    expect(drafts.map((d) => d._id)).toEqual([push.progress.draftId]);

    const refused = await rejectionOf(pushApp(world.admin, { ...world.ids, dir }));
    expect(refused).toBeInstanceOf(DraftAlreadyExistsError);
    const retry = await pushApp(world.admin, { ...world.ids, dir, onExistingDraft: "discard" });
    expect(retry.deployment?.status).toBe("successful");
    expect(await functionSource()).toBe("exports = () => 2;\n");
  });

  it("interrupted while the deployment runs: says it goes on, not that the app is unchanged", async () => {
    const controller = new AbortController();
    const error = await rejectionOf(
      pushApp(world.admin, {
        ...world.ids,
        dir,
        signal: controller.signal,
        onStatus: () => controller.abort(new Error("stopped by the user")),
      }),
    );
    expect(error).toBeInstanceOf(PushAppError);
    const push = error as PushAppError;
    expect(push.cause).toBeInstanceOf(AdminAbortError);
    const deploymentId = push.progress.deploymentId!;
    expect(deploymentId).toMatch(/^[0-9a-f]{24}$/);
    expect(push.message).toContain(`deployment ${deploymentId} was started`);
    expect(push.message).not.toContain("unchanged");
    expect(push.nextStep).toContain(`waitForDeployment with deploymentId ${deploymentId}`);
    // On the system clock, as the emulator's deployments are: a fake one would run out its deadline
    // in as many polls as fit in the deployment's real duration on a fast machine.
    await expect(
      waitForDeployment(world.admin, { ...world.ids, deploymentId }),
    ).resolves.toMatchObject({ status: "successful" });
    expect(await functionSource()).toBe("exports = () => 2;\n");
  });

  it("loses the answer to opening its draft: the draft it may have opened is left open, and named", async () => {
    const admin = createAdminClient({
      baseUrl: world.emu.url,
      credentials: world.emu.credentials,
      fetch: async (request) => {
        const response = await fetch(request);
        if (!(request.method === "POST" && new URL(request.url).pathname.endsWith("/drafts")))
          return response;
        await response.arrayBuffer();
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
        });
      },
    });
    const error = await rejectionOf(pushApp(admin, { ...world.ids, dir }));
    expect(error).toBeInstanceOf(PushAppError);
    const push = error as PushAppError;
    // Nothing tells the draft it may have opened from one another process of the same user
    // opened meanwhile: it is left open, and named.
    const [left, ...more] = await world.admin.deploy.listDeploymentDrafts(world.ids);
    expect(more).toEqual([]);
    expect(push.message).toContain("push failed while opening a draft");
    expect(push.message).toContain("the configuration was never sent, so no change was applied");
    expect(push.progress.draftId).toBeUndefined();
    expect(push.nextStep).toBe(
      `Draft ${left!._id} is open and shows no change: it may be the one this push opened (the answer was lost) or one another process of the same user opened meanwhile, so it was left open. If no other push or deploy of this app is under way, push again with onExistingDraft: "discard".`,
    );
    expect(await world.admin.deploy.listDeployments(world.ids)).toEqual([]);
    const retry = await pushApp(world.admin, { ...world.ids, dir, onExistingDraft: "discard" });
    expect(retry.deployment?.status).toBe("successful");
  });

  it("loses the answer to opening its draft and cannot read the open draft's diff: says so, not that it shows no change", async () => {
    const admin = createAdminClient({
      baseUrl: world.emu.url,
      credentials: world.emu.credentials,
      fetch: async (request) => {
        const path = new URL(request.url).pathname;
        if (request.method === "GET" && /\/drafts\/[^/]+\/diff$/.test(path))
          return new Response("unavailable", { status: 503 });
        const response = await fetch(request);
        if (!(request.method === "POST" && path.endsWith("/drafts"))) return response;
        await response.arrayBuffer();
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
        });
      },
      retries: false,
    });
    const push = (await rejectionOf(pushApp(admin, { ...world.ids, dir }))) as PushAppError;
    expect(push).toBeInstanceOf(PushAppError);
    const [left] = await world.admin.deploy.listDeploymentDrafts(world.ids);
    expect(push.nextStep).toContain(`Draft ${left!._id} is open (its changes could not be read)`);
    expect(push.nextStep).not.toContain("shows no change");
  });

  it("loses the answer to opening its draft when another's draft with changes was opened meanwhile: that draft is kept", async () => {
    let other: string | undefined;
    const admin = createAdminClient({
      baseUrl: world.emu.url,
      credentials: world.emu.credentials,
      fetch: async (request) => {
        const creation =
          request.method === "POST" && new URL(request.url).pathname.endsWith("/drafts");
        if (!creation || other !== undefined) return fetch(request);
        // Between the push's look for a draft and its creation, the same user (another process,
        // the UI) opens one and makes a change in it: the push's creation is refused (409), and
        // that answer is lost.
        other = (await world.admin.deploy.createDeploymentDraft(world.ids))._id;
        await createValue(world.admin, world.ids, "users_work");
        await (await fetch(request)).arrayBuffer();
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
        });
      },
    });
    const error = await rejectionOf(pushApp(admin, { ...world.ids, dir }));
    expect(error).toBeInstanceOf(PushAppError);
    const open = await world.admin.deploy.listDeploymentDrafts(world.ids);
    expect(open.map((d) => d._id)).toEqual([other]);
    expect(await valueNames(world.admin, world.ids)).toEqual(["users_work"]);
    expect((error as PushAppError).progress.draftDiscarded).toBe(false);
  });

  it('with onExistingDraft "reuse", a lost answer while finding the draft leaves the user\'s draft open', async () => {
    const draft = await world.admin.deploy.createDeploymentDraft(world.ids);
    let failNextListing = false;
    const admin = createAdminClient({
      baseUrl: world.emu.url,
      credentials: world.emu.credentials,
      retries: 0,
      fetch: async (request) => {
        const drafts = new URL(request.url).pathname.endsWith("/drafts");
        if (drafts && request.method === "GET" && failNextListing) {
          failNextListing = false;
          throw new TypeError("fetch failed", {
            cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
          });
        }
        const response = await fetch(request);
        // The draft's creation is refused (one is open): the listing that follows is lost.
        if (drafts && request.method === "POST") failNextListing = true;
        return response;
      },
    });
    const error = await rejectionOf(
      pushApp(admin, { ...world.ids, dir, onExistingDraft: "reuse" }),
    );
    expect(error).toBeInstanceOf(PushAppError);
    expect((error as PushAppError).progress.draftId).toBeUndefined();
    const open = await world.admin.deploy.listDeploymentDrafts(world.ids);
    expect(open.map((d) => d._id)).toEqual([draft._id]);
  });

  // With the listing lagging behind, the new deployment is not in it yet: the draft is gone
  // because it was deployed, not discarded, and the push cannot name the deployment.
  it.each([false, true])(
    "loses the deploy call's answer after the server started it (listing lags: %s): never says the app is unchanged",
    async (listLags) => {
      const error = await rejectionOf(pushApp(deployAnswerLost(listLags), { ...world.ids, dir }));
      expect(error).toBeInstanceOf(PushAppError);
      const push = error as PushAppError;
      expect(push.cause).toBeInstanceOf(DeploymentOutcomeUnknownError);
      const [deployment] = await world.admin.deploy.listDeployments(world.ids);
      expect(deployment?.draft_id).toBe(push.progress.draftId);
      expect(push.progress.draftDiscarded).toBe(false);
      expect(push.message).not.toContain("unchanged");
      expect(push.message).not.toContain("no configuration change was applied");
      if (listLags) {
        expect(push.nextStep).toContain("deploy.listDeployments");
      } else {
        expect(push.progress.deploymentId).toBe(deployment?._id);
        expect(push.nextStep).toContain(`waitForDeployment with deploymentId ${deployment?._id}`);
      }
    },
  );

  it("with dryRun, diffs and sends nothing that changes the app", async () => {
    world.emu.control.resetCounts();
    const result = await pushApp(world.admin, { ...world.ids, dir, dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.deployment).toBeUndefined();
    expect(result.diff.changes.map((c) => `${c.change} ${c.kind} ${c.name}`)).toEqual([
      "changed function hello",
    ]);
    expect(writes()).toEqual([]);
  });
});

// An unlucky push: each step can fail half-way, and what the error says must be what happened.
describe("pushApp: the hosting part interrupted", () => {
  it("aborted after some uploads were answered: progress.hostingApplied names exactly those", async () => {
    const { admin, ids } = world;
    const site = Array.from({ length: 6 }, (_, i) => `/page${i}.html`);
    for (const path of site) {
      await uploadAsset(admin, { ...ids, path, file: new TextEncoder().encode(`<p>${path}</p>`) });
    }
    dir = join(tempDir(), "app");
    await pullApp(admin, { ...ids, dir, includeHosting: true });
    for (const path of site) writeFileSync(join(dir, "hosting/files", path), `<p>new ${path}</p>`);
    const controller = new AbortController();
    let sent = 0;
    let answered = 0;
    const client = createAdminClient({
      baseUrl: world.emu.url,
      credentials: world.emu.credentials,
      fetch: async (request) => {
        const upload = request.method === "PUT" && request.url.includes("/hosting/assets/asset");
        if (!upload) return fetch(request);
        // Two uploads reach the server; the others wait there until the user stops the push
        // once both are answered, and never arrive.
        if (++sent > 2) {
          await new Promise((resolve) => request.signal.addEventListener("abort", resolve));
          throw request.signal.reason;
        }
        const response = await fetch(request);
        if (++answered === 2) controller.abort(new Error("stopped by the user"));
        return response;
      },
    });
    const error = await rejectionOf(
      pushApp(client, { ...ids, dir, includeHosting: true, signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(PushAppError);
    const push = error as PushAppError;
    const hosted = await admin.hosting.getAllHostedAssets({ ...ids, recursive: true });
    const changed = hosted
      .filter((a) => site.includes(a.path!) && a.hash !== md5(`<p>${a.path}</p>`))
      .map((a) => a.path)
      .sort();
    expect(changed).toHaveLength(2);
    expect([...push.progress.hostingApplied].sort()).toEqual(changed);
    expect(push.message).toContain(`${changed.length} hosting file(s) were already changed`);
  });
});

describe("pushApp: an open draft that goes away by itself", () => {
  it('with onExistingDraft "discard", a draft discarded by someone else meanwhile (404) is no failure', async () => {
    const { admin, ids } = world;
    const left = await admin.deploy.createDeploymentDraft(ids);
    const client = createAdminClient({
      baseUrl: world.emu.url,
      credentials: world.emu.credentials,
      fetch: async (request) => {
        // Someone else discards it between the push's listing and its discard.
        if (request.method === "DELETE" && request.url.endsWith(`/drafts/${left._id}`)) {
          await admin.deploy.discardDraft({ ...ids, draftId: left._id! });
        }
        return fetch(request);
      },
    });
    const result = await pushApp(client, { ...ids, dir, onExistingDraft: "discard" });
    expect(result.deployment?.status).toBe("successful");
    expect(result.diff.changes.map((c) => `${c.change} ${c.kind} ${c.name}`)).toEqual([
      "changed function hello",
    ]);
  });
});

/**
 * A client whose deploy call reaches the server but whose answer is lost (the connection resets
 * once the server has answered); with `listLags`, the deployment listing does not show the new
 * deployment yet.
 */
function deployAnswerLost(listLags = false) {
  return createAdminClient({
    baseUrl: world.emu.url,
    credentials: world.emu.credentials,
    fetch: async (request) => {
      const { pathname } = new URL(request.url);
      if (listLags && request.method === "GET" && pathname.endsWith("/deployments")) {
        return new Response("[]", { headers: { "Content-Type": "application/json" } });
      }
      const response = await fetch(request);
      if (!(request.method === "POST" && pathname.endsWith("/deployment"))) return response;
      await response.arrayBuffer();
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      });
    },
  });
}
