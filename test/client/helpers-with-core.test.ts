/**
 * Every helper needs only `call` (issue 16 item 3): the same helper runs with the small client
 * (`createAdminCore`) and the full one (`createAdminClient`), against the emulator. This file also
 * type-checks each call with both clients (`npm run typecheck` covers test/): a helper that went
 * back to a namespace (`client.logs.getLogs`) would fail to compile for the core, and at run time
 * would throw on `undefined`.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createAdminClient,
  createAdminCore,
  deployWithDraft,
  findApp,
  iterateLogs,
  logPages,
  syncHosting,
  tailLogs,
  uploadAsset,
  waitForDeployment,
  type AdminCaller,
} from "../../packages/index.js";
import { CreateValue } from "../../generated/operations/values.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";

let emu: RunningEmulator;
const sites: string[] = [];

beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 30 } });
});
afterAll(async () => {
  await emu?.stop();
  for (const site of sites) await rm(site, { recursive: true, force: true });
});

const clients: [string, () => AdminCaller][] = [
  ["createAdminCore", () => createAdminCore({ baseUrl: emu.url, credentials: emu.credentials })],
  [
    "createAdminClient",
    () => createAdminClient({ baseUrl: emu.url, credentials: emu.credentials }),
  ],
];

describe.each(clients)("the helpers with %s", (_, make) => {
  test("logs: iterateLogs, logPages, tailLogs", async () => {
    const client = make();
    const { groupId, appId } = emu;
    const entries: string[] = [];
    for await (const entry of iterateLogs(client, { groupId, appId }, { maxEntries: 12 })) {
      entries.push(entry._id ?? "");
    }
    expect(entries).toHaveLength(12);
    const page = await logPages(client, { groupId, appId }).next();
    expect(page.value?.logs.length).toBeGreaterThan(0);
    const controller = new AbortController();
    const tailed: string[] = [];
    const newest = page.value?.logs[0]?.started;
    const tail = (async () => {
      const options = { signal: controller.signal, pollIntervalMs: 100 };
      for await (const entry of tailLogs(client, { groupId, appId, start_date: newest }, options)) {
        tailed.push(entry.type ?? "");
        if (tailed.length === 2) controller.abort();
      }
    })();
    emu.control.appendLogs([{ type: "AUTH" }, { type: "FUNCTION" }]);
    await tail;
    expect(tailed).toEqual(["AUTH", "FUNCTION"]);
  });

  test("deploy: findApp, deployWithDraft (its callback gets the same client), waitForDeployment", async () => {
    const client = make();
    const { groupId, appId } = emu;
    const apps = await client.call(
      (await import("../../generated/operations/apps.js")).ListApplications,
      { groupId },
    );
    const found = await findApp(client, { groupId, clientAppId: apps[0]!.client_app_id! });
    expect(found._id).toBe(appId);
    const name = `core_${Math.random().toString(36).slice(2, 8)}`;
    const deployment = await deployWithDraft(
      client,
      { groupId, appId, pollIntervalMs: 5 },
      async (same) => {
        expect(same).toBe(client);
        await same.call(CreateValue, { groupId, appId, body: { name, private: false, value: 1 } });
      },
    );
    expect(deployment.status).toBe("successful");
    const again = await waitForDeployment(client, {
      groupId,
      appId,
      deploymentId: deployment._id,
      pollIntervalMs: 5,
    });
    expect(again._id).toBe(deployment._id);
  });

  test("hosting: uploadAsset and syncHosting", async () => {
    const client = make();
    const { groupId, appId } = emu;
    // A page of its own per client: the emulator's site is shared by both runs.
    const site = await mkdtemp(join(tmpdir(), "helpers-core-"));
    sites.push(site);
    const page = `${_}.html`;
    await writeFile(join(site, page), `<p>${_}</p>`);
    const meta = await uploadAsset(client, {
      groupId,
      appId,
      path: "/extra.txt",
      file: new TextEncoder().encode("extra"),
    });
    expect(meta.path).toBe("/extra.txt");
    const synced = await syncHosting(client, { groupId, appId, dir: site, deleteRemoved: true });
    expect(synced.uploaded).toEqual([`/${page}`]);
    expect(synced.deleted).toContain("/extra.txt");
    expect(synced.deleted).not.toContain(`/${page}`);
    expect(synced.failed).toEqual([]);
  });
});
