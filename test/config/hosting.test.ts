import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import {
  ConfigValidationError,
  diffApp,
  pullApp,
  pushApp,
  PushAppError,
} from "../../packages/config/index.js";
import { uploadAsset } from "../../packages/hosting/upload-asset.js";
import { rejectionOf, startWorld } from "../deploy/helpers.js";
import { tempDir } from "./helpers.js";

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
let dir: string;

const bytes = (text: string) => new TextEncoder().encode(text);

beforeEach(async () => {
  world = await startWorld();
  const { admin, ids } = world;
  await uploadAsset(admin, { ...ids, path: "/index.html", file: bytes("<h1>shop</h1>\n") });
  await uploadAsset(admin, { ...ids, path: "/css/site.css", file: bytes("h1 { color: red }\n") });
  await uploadAsset(admin, {
    ...ids,
    path: "/download.bin",
    file: bytes("\u0000\u0001"),
    attrs: [
      { name: "Content-Type", value: "application/octet-stream" },
      { name: "Content-Disposition", value: "attachment" },
    ],
  });
  dir = join(tempDir(), "app");
});
afterEach(() => world.emu.stop());

/** A fetch for hosted-file downloads that counts them. */
function countingFetch() {
  const urls: string[] = [];
  const counted: typeof fetch = (input, init) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return fetch(input, init);
  };
  return { urls, fetch: counted };
}

describe("pullApp and pushApp with includeHosting", () => {
  it("pulls hosted files and the attributes that are not the extension's default", async () => {
    const downloads = countingFetch();
    const result = await pullApp(world.admin, {
      ...world.ids,
      dir,
      includeHosting: true,
      fetch: downloads.fetch,
    });
    expect(result.written).toEqual(
      expect.arrayContaining([
        "hosting/files/css/site.css",
        "hosting/files/download.bin",
        "hosting/files/index.html",
        "hosting/metadata.json",
      ]),
    );
    expect(readFileSync(join(dir, "hosting/files/css/site.css"), "utf8")).toBe(
      "h1 { color: red }\n",
    );
    expect(JSON.parse(readFileSync(join(dir, "hosting/metadata.json"), "utf8"))).toEqual([
      {
        path: "/download.bin",
        attrs: [
          { name: "Content-Disposition", value: "attachment" },
          { name: "Content-Type", value: "application/octet-stream" },
        ],
      },
    ]);
    expect(downloads.urls).toHaveLength(3);
  });

  it("downloads nothing the second time: local files with the listed MD5 are kept", async () => {
    await pullApp(world.admin, { ...world.ids, dir, includeHosting: true });
    const downloads = countingFetch();
    const again = await pullApp(world.admin, {
      ...world.ids,
      dir,
      includeHosting: true,
      fetch: downloads.fetch,
    });
    expect(again.written).toEqual([]);
    expect(downloads.urls).toEqual([]);
  });

  it("without includeHosting, leaves hosted files and their metadata alone", async () => {
    await pullApp(world.admin, { ...world.ids, dir, includeHosting: true });
    const result = await pullApp(world.admin, { ...world.ids, dir });
    expect(result.deleted).toEqual([]);
    expect(existsSync(join(dir, "hosting/files/index.html"))).toBe(true);
  });

  it("streams a download of unknown length through the staging folder", async () => {
    // The same bytes without a Content-Length: too big to hold, as far as the pull can tell.
    const unsized: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      return new Response(response.body, { status: response.status });
    };
    await pullApp(world.admin, { ...world.ids, dir, includeHosting: true, fetch: unsized });
    expect(readFileSync(join(dir, "hosting/files/download.bin"))).toEqual(Buffer.from([0, 1]));
    expect(readFileSync(join(dir, "hosting/files/index.html"), "utf8")).toBe("<h1>shop</h1>\n");
  });

  // A sized body is read whole and hashed at once, an unsized one hashed as it streams to disk.
  it.each([
    ["unsized (streamed)", {}],
    ["sized (read whole)", { "content-length": "8" }],
  ])(
    "refuses a download whose bytes do not match the listed MD5, leaving the folder as it was: %s",
    async (_, headers) => {
      const corrupt: typeof fetch = async () => new Response("tampered", { headers });
      const error = await rejectionOf(
        pullApp(world.admin, { ...world.ids, dir, includeHosting: true, fetch: corrupt }),
      );
      expect((error as Error).message).toMatch(/downloaded with MD5 .* but the listing says/);
      expect(existsSync(dir)).toBe(false);
    },
  );

  it("stops a download under way when the caller aborts, leaving the folder as it was", async () => {
    const controller = new AbortController();
    const signals: (AbortSignal | undefined)[] = [];
    // A download that never answers: only its signal can end it.
    const hanging: typeof fetch = (_input, init) => {
      signals.push(init?.signal ?? undefined);
      controller.abort(new Error("stopped by the caller"));
      return new Promise((_resolve, reject) => {
        const signal = init?.signal;
        if (signal?.aborted) reject(signal.reason);
        else signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
    };
    const error = await rejectionOf(
      pullApp(world.admin, {
        ...world.ids,
        dir,
        includeHosting: true,
        fetch: hanging,
        concurrency: 1,
        signal: controller.signal,
      }),
    );
    expect((error as Error).message).toBe("stopped by the caller");
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    // The download's signal follows the caller's; it is not the caller's own (see pull-hosting).
    expect(signals[0]).not.toBe(controller.signal);
    expect(existsSync(dir)).toBe(false);
  });

  it("diffs and pushes hosting changes without a deployment when the configuration is unchanged", async () => {
    const { admin, ids } = world;
    await pullApp(admin, { ...ids, dir, includeHosting: true });
    writeFileSync(join(dir, "hosting/files/index.html"), "<h1>shop v2</h1>\n");
    writeFileSync(join(dir, "hosting/files/new.txt"), "new\n");
    rmSync(join(dir, "hosting/files/css/site.css"));
    writeFileSync(join(dir, "hosting/metadata.json"), "[]\n");

    const diff = await diffApp(admin, { ...ids, dir, includeHosting: true });
    expect(diff.changes).toEqual([]);
    expect(diff.hosting).toEqual({
      upload: ["/index.html", "/new.txt"],
      patch: ["/download.bin"],
      delete: ["/css/site.css"],
    });
    expect(diff.hasChanges).toBe(true);
    expect(diff.configChanged).toBe(false);

    const deployments = (await admin.deploy.listDeployments(ids)).length;
    const pushed = await pushApp(admin, { ...ids, dir, includeHosting: true });
    expect(pushed.deployment).toBeUndefined();
    expect(pushed.hosting).toMatchObject({
      uploaded: ["/index.html", "/new.txt"],
      attrsUpdated: ["/download.bin"],
      deleted: ["/css/site.css"],
      failed: [],
    });
    expect(await admin.deploy.listDeployments(ids)).toHaveLength(deployments);

    const fresh = join(tempDir(), "again");
    await pullApp(admin, { ...ids, dir: fresh, includeHosting: true });
    for (const file of ["index.html", "new.txt", "download.bin"]) {
      expect(readFileSync(join(fresh, "hosting/files", file))).toEqual(
        readFileSync(join(dir, "hosting/files", file)),
      );
    }
    expect(existsSync(join(fresh, "hosting/files/css/site.css"))).toBe(false);
    expect((await diffApp(admin, { ...ids, dir, includeHosting: true })).hasChanges).toBe(false);
  });

  it("says which hosting paths were applied when others fail, and a second push finishes", async () => {
    const { admin, ids, emu } = world;
    await pullApp(admin, { ...ids, dir, includeHosting: true });
    writeFileSync(join(dir, "hosting/files/index.html"), "<h1>shop v3</h1>\n");
    rmSync(join(dir, "hosting/files/css/site.css"));
    emu.control.failNext({
      status: 500,
      count: 10,
      method: "PUT",
      path: "/groups/{groupId}/apps/{appId}/hosting/assets/asset",
    });
    const error = await rejectionOf(pushApp(admin, { ...ids, dir, includeHosting: true }));
    expect(error).toBeInstanceOf(PushAppError);
    const push = error as PushAppError;
    expect(push.progress.hostingApplied).toEqual(["/css/site.css"]);
    expect(push.message).toContain("1 hosting file(s) failed: /index.html");
    expect(push.nextStep).toMatch(/Push again with includeHosting/);
    emu.control.clearFaults();
    const retry = await pushApp(admin, { ...ids, dir, includeHosting: true });
    expect(retry.hosting?.uploaded).toEqual(["/index.html"]);
  });

  it("hashes while the folder loads but sends nothing for a folder that fails its checks", async () => {
    const { admin, ids, emu } = world;
    await pullApp(admin, { ...ids, dir, includeHosting: true });
    writeFileSync(join(dir, "hosting/files/index.html"), "<h1>shop v4</h1>\n");
    const pulledMetadata = readFileSync(join(dir, "hosting/metadata.json"), "utf8");
    // Enough files that the load yields to the event loop while the plan walks and hashes.
    const names = Array.from({ length: 400 }, (_, i) => `fn${i}`);
    mkdirSync(join(dir, "functions"), { recursive: true });
    for (const name of names) writeFileSync(join(dir, `functions/${name}.js`), "exports = 1;\n");
    writeFileSync(
      join(dir, "functions/config.json"),
      JSON.stringify(names.map((name) => ({ name, private: false }))),
    );
    writeFileSync(join(dir, "hosting/metadata.json"), '[{"path": "/download.bin", "attrs": 7}]\n');
    emu.control.resetCounts();
    for (const run of [pushApp, diffApp]) {
      const error = await rejectionOf(run(admin, { ...ids, dir, includeHosting: true }));
      expect(error).toBeInstanceOf(ConfigValidationError);
      expect((error as Error).message).toContain("hosting/metadata.json:1:37 /0/attrs:");
    }
    expect(emu.control.counts().total).toBe(0);
    // Once the folder is fixed, the plan uses its metadata: /download.bin keeps its attributes.
    writeFileSync(join(dir, "hosting/metadata.json"), pulledMetadata);
    const diff = await diffApp(admin, { ...ids, dir, includeHosting: true });
    expect(diff.hosting).toEqual({ upload: ["/index.html"], patch: [], delete: [] });
  });

  it("refuses includeHosting without a hosting/files folder instead of deleting every hosted file", async () => {
    await pullApp(world.admin, { ...world.ids, dir });
    const error = await rejectionOf(
      pushApp(world.admin, { ...world.ids, dir, includeHosting: true }),
    );
    expect((error as Error).message).toMatch(/hosting\/files/);
    expect(
      await world.admin.hosting.getAllHostedAssets({ ...world.ids, recursive: true }),
    ).not.toEqual([]);
  });
});

describe("pullApp with includeDependencies", () => {
  it("writes functions/package.json as the dependencies export names it", async () => {
    const { admin, ids, emu } = world;
    await admin.admin.getAdminProfile(); // logs in, so the session has a token to upload with
    const form = new FormData();
    const manifest = JSON.stringify({ dependencies: { lodash: "^4.17.21" } });
    form.append("file", new Blob([manifest], { type: "application/json" }), "package.json");
    const upload = await fetch(`${emu.url}/groups/${ids.groupId}/apps/${ids.appId}/dependencies`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${admin.session.get().accessToken}` },
      body: form,
    });
    expect(upload.status).toBe(204);

    const result = await pullApp(admin, { ...ids, dir, includeDependencies: true });
    expect(result.written).toContain("functions/package.json");
    expect(JSON.parse(readFileSync(join(dir, "functions/package.json"), "utf8"))).toEqual({
      dependencies: { lodash: "^4.17.21" },
    });
    const without = await pullApp(admin, { ...ids, dir });
    expect(without.deleted).toEqual([]);
    expect(existsSync(join(dir, "functions/package.json"))).toBe(true);
  });

  it("refuses an export named anything but package.json or a node_modules archive", async () => {
    const admin = createAdminClient({
      baseUrl: world.emu.url,
      credentials: world.emu.credentials,
      fetch: async (request) =>
        request.url.endsWith("/dependencies/export")
          ? new Response("x", {
              headers: { "Content-Disposition": 'attachment; filename="../../evil.sh"' },
            })
          : fetch(request),
    });
    const error = await rejectionOf(
      pullApp(admin, { ...world.ids, dir, includeDependencies: true }),
    );
    expect((error as Error).message).toMatch(/dependencies export/);
    expect(existsSync(dir)).toBe(false);
  });
});
