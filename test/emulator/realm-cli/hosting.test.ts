// internal/cloud/realm/hosting_test.go
import { describe, expect, it } from "vitest";
import {
  hostingAssetAttributesUpdate,
  hostingAssetRemove,
  hostingAssets,
  hostingAssetUpload,
  hostingCacheInvalidate,
} from "./api-hosting.js";
import { importApp } from "./api-import-export.js";
import { AppStructureV2 } from "./app-structure.js";
import { indexHtml } from "./fixtures.js";
import { caught, realmServer, serverError, setupTestApp } from "./setup.js";

const server = realmServer();

describe("TestRealmHosting", () => {
  const t = setupTestApp(server, "hosting-test");

  it("should initially get empty hosting assets", async () => {
    expect((await hostingAssets(t.ref)) ?? []).toHaveLength(0);
  });

  it("should upload a file successfully", async () => {
    await hostingAssetUpload(t.ref, indexHtml, {
      path: "/index.html",
      hash: "9163ebc83aa75cae0a7e74b4e16af317",
      size: 51,
    });
  });

  let asset: any;
  it("should then get the hosting asset", async () => {
    const assets = await hostingAssets(t.ref);
    expect(assets).toHaveLength(1);

    asset = assets[0];
    expect(asset.appId).toBe(t.app._id);
    expect(asset.path).toBe("/index.html");
    expect(asset.hash).toBe("9163ebc83aa75cae0a7e74b4e16af317");
    expect(asset.size).toBe(51);
    expect(asset.attrs ?? []).toHaveLength(0);
    expect(asset.url).not.toBe("");
    expect(asset.last_modified).not.toBe(0);
  });

  describe("should then get the hosting asset", () => {
    it("should be able to update the hosting asset attribute", async () => {
      const attr = { name: "Content-Type", value: "application/json" };
      await hostingAssetAttributesUpdate(t.ref, asset.path, [attr]);

      const appAssets = await hostingAssets(t.ref);
      expect(appAssets).toHaveLength(1);

      const updated = appAssets[0];
      expect(updated.appId).toBe(t.app._id);
      expect(updated.path).toBe("/index.html");
      expect(updated.hash).toBe("9163ebc83aa75cae0a7e74b4e16af317");
      expect(updated.size).toBe(51);
      expect(updated.attrs).toEqual([attr]);
      expect(updated.url).toBe(asset.url);
      expect(asset.last_modified).not.toBe(0);
    });

    it("should be able to remove the hosting asset", async () => {
      await hostingAssetRemove(t.ref, asset.path);
      expect((await hostingAssets(t.ref)) ?? []).toHaveLength(0);
    });
  });

  it("should fail to invalidate the cache with hosting disabled", async () => {
    expect(await caught(hostingCacheInvalidate(t.ref, "/*"))).toEqual(
      serverError("hosting is disabled"),
    );
  });

  it("should invalidate the cache for all files successfully with hosting enabled", async () => {
    await importApp(t.ref, AppStructureV2, {
      config_version: 20210101,
      hosting: { enabled: true },
    });
    await hostingCacheInvalidate(t.ref, "/*");
  });
});
