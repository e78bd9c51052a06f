import { mkdirSync, writeFileSync } from "node:fs";
import { md5 } from "../hosting/helpers.js";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import { PushAppError, pullApp, pushApp } from "../../packages/config/index.js";
import { uploadAsset } from "../../packages/hosting/upload-asset.js";
import { rejectionOf, startWorld } from "../deploy/helpers.js";
import { tempDir, worldWithPulledFunction } from "./helpers.js";

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
