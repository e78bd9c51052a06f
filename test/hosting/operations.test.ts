import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { AdminNotFoundError } from "../../packages/client/index.js";
import { uploadAsset } from "../../packages/hosting/index.js";
import { hosted, md5, startHarness, type Harness } from "./helpers.js";

// The other hosting calls are the generated operations (with the spec repairs that declare asset
// DELETE, the cache call and `recursive`); each is checked against the emulator here.
let h: Harness;
let ids: { groupId: string; appId: string };

beforeAll(async () => {
  h = await startHarness();
  ids = { groupId: h.groupId, appId: h.appId };
});
afterAll(() => h.emu.stop());
beforeEach(async () => {
  for (const path of (await hosted(h)).keys())
    await h.admin.hosting.deleteHostedAsset({ ...ids, path });
  await uploadAsset(h.admin, { ...ids, path: "/index.html", file: Buffer.from("<h1>x</h1>") });
  await uploadAsset(h.admin, { ...ids, path: "/css/site.css", file: Buffer.from("a{}") });
});

describe("generated hosting operations against the emulator", () => {
  test("getAllHostedAssets: recursive lists every file after the '/' entry; without it, top-level folders", async () => {
    const all = await h.admin.hosting.getAllHostedAssets({ ...ids, recursive: true });
    expect(all.map((a) => a.path)).toEqual(["/", "/css/site.css", "/index.html"]);
    expect(all[2]).toMatchObject({
      appId: h.appId,
      hash: md5("<h1>x</h1>"),
      size: 10,
      attrs: [{ name: "Content-Type", value: "text/html" }],
    });
    const top = await h.admin.hosting.getAllHostedAssets(ids);
    expect(top.map((a) => a.path)).toEqual(["/", "/index.html", "/css/"]);
  });

  test("getHostedAsset: one asset's metadata; a missing one is AdminNotFoundError", async () => {
    const asset = await h.admin.hosting.getHostedAsset({ ...ids, path: "/css/site.css" });
    expect(asset).toMatchObject({ path: "/css/site.css", hash: md5("a{}"), size: 3 });
    await expect(
      h.admin.hosting.getHostedAsset({ ...ids, path: "/nope.html" }),
    ).rejects.toBeInstanceOf(AdminNotFoundError);
  });

  test("updateHostedAsset: replaces all attributes", async () => {
    const attributes = [{ name: "Cache-Control", value: "no-store" }];
    await expect(
      h.admin.hosting.updateHostedAsset({ ...ids, path: "/index.html", body: { attributes } }),
    ).resolves.toBeUndefined();
    expect((await hosted(h)).get("/index.html")?.attrs).toEqual(attributes);
  });

  test("deleteHostedAsset: removes the asset", async () => {
    await expect(
      h.admin.hosting.deleteHostedAsset({ ...ids, path: "/index.html" }),
    ).resolves.toBeUndefined();
    expect([...(await hosted(h)).keys()]).toEqual(["/css/site.css"]);
  });

  test("moveCopyHostedAsset: copy keeps the source, move does not", async () => {
    await h.admin.hosting.moveCopyHostedAsset({
      ...ids,
      body: { copy_from: "/index.html", copy_to: "/copy.html" },
    });
    await h.admin.hosting.moveCopyHostedAsset({
      ...ids,
      body: { move_from: "/css/site.css", move_to: "/moved.css" },
    });
    const remote = await hosted(h);
    expect([...remote.keys()].sort()).toEqual(["/copy.html", "/index.html", "/moved.css"]);
    expect(remote.get("/copy.html")?.hash).toBe(md5("<h1>x</h1>"));
    expect(remote.get("/moved.css")?.hash).toBe(md5("a{}"));
  });

  test("invalidateHostingCache: PUT /hosting/cache {invalidate: true, path: '/*'} -> 204", async () => {
    await expect(
      h.admin.hosting.invalidateHostingCache({ ...ids, body: { invalidate: true, path: "/*" } }),
    ).resolves.toBeUndefined();
    const last = h.emu.control.requests().at(-1)!;
    expect(last).toMatchObject({
      method: "PUT",
      operation: "adminInvalidateHostingCache",
      status: 204,
    });
    expect(last.path).toBe(`/groups/${h.groupId}/apps/${h.appId}/hosting/cache`);
  });
});
