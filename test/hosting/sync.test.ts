import { rm, symlink, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { AdminServerError } from "../../packages/client/index.js";
import { HostingPathError, syncHosting, type SyncProgress } from "../../packages/hosting/index.js";
import {
  CACHE,
  DELETE,
  hosted,
  LIST,
  md5,
  ops,
  PATCH,
  removeTree,
  startHarness,
  tempTree,
  UPLOAD,
  writeTree,
  type Harness,
} from "./helpers.js";

let h: Harness;
let dir: string;
const cleanup: string[] = [];

const SITE = {
  "index.html": "<h1>home</h1>",
  "about/index.html": "<h1>about</h1>",
  "css/site.css": "body { margin: 0 }",
  "js/app.js": "console.log(1)",
  "img/logo.svg": "<svg/>",
  "robots.txt": "User-agent: *",
};

beforeEach(async () => {
  h = await startHarness();
  dir = await tempTree(SITE);
  cleanup.push(dir);
});
afterEach(async () => {
  await h.emu.stop();
  for (const d of cleanup.splice(0)) await removeTree(d);
});

const sync = (extra: Partial<Parameters<typeof syncHosting>[1]> = {}) =>
  syncHosting(h.admin, { groupId: h.groupId, appId: h.appId, dir, ...extra });

describe("syncHosting", () => {
  test("first run uploads every file with /-rooted paths, hashes and Content-Types; a second run uploads nothing", async () => {
    const first = await sync();
    const paths = [
      "/about/index.html",
      "/css/site.css",
      "/img/logo.svg",
      "/index.html",
      "/js/app.js",
      "/robots.txt",
    ];
    expect(first).toEqual({
      uploaded: paths,
      deleted: [],
      attrsUpdated: [],
      unchanged: 0,
      failed: [],
      cacheInvalidated: false,
      dryRun: false,
    });
    const remote = await hosted(h);
    expect([...remote.keys()].sort()).toEqual(paths);
    expect(remote.get("/css/site.css")).toEqual({
      hash: md5(SITE["css/site.css"]),
      size: SITE["css/site.css"].length,
      attrs: [{ name: "Content-Type", value: "text/css" }],
    });
    expect(remote.get("/index.html")?.attrs).toEqual([
      { name: "Content-Type", value: "text/html" },
    ]);
    expect(ops(h)[UPLOAD]).toBe(6);

    h.emu.control.resetCounts();
    const second = await sync({ deleteRemoved: true });
    expect(second).toEqual({
      uploaded: [],
      deleted: [],
      attrsUpdated: [],
      unchanged: 6,
      failed: [],
      cacheInvalidated: false,
      dryRun: false,
    });
    expect(h.emu.control.counts().byOperation).toEqual({ [LIST]: 1 });
  });

  test("changed and removed files: upload the changed, delete the removed (only with deleteRemoved)", async () => {
    await sync();
    await writeFile(join(dir, "css", "site.css"), "body { margin: 1px }");
    await rm(join(dir, "robots.txt"));
    await writeTree(dir, { "new/page.html": "<p>new</p>" });
    h.emu.control.resetCounts();

    const keep = await sync();
    expect(keep).toMatchObject({
      uploaded: ["/css/site.css", "/new/page.html"],
      deleted: [],
      unchanged: 4,
    });
    expect((await hosted(h)).has("/robots.txt")).toBe(true);

    const pruned = await sync({ deleteRemoved: true });
    expect(pruned).toMatchObject({
      uploaded: [],
      deleted: ["/robots.txt"],
      attrsUpdated: [],
      unchanged: 6,
      failed: [],
    });
    const remote = await hosted(h);
    expect(remote.has("/robots.txt")).toBe(false);
    expect(remote.get("/css/site.css")?.hash).toBe(md5("body { margin: 1px }"));
    expect(ops(h)).toMatchObject({ [UPLOAD]: 2, [DELETE]: 1 });
  });

  test("attribute-only change: a PATCH, not an upload; attributes compare in any order", async () => {
    await sync();
    h.emu.control.resetCounts();
    const attrs = [
      { name: "Content-Type", value: "text/html" },
      { name: "Cache-Control", value: "no-cache" },
    ];
    const result = await sync({ attrs: { "/index.html": attrs } });
    expect(result).toMatchObject({ uploaded: [], attrsUpdated: ["/index.html"], unchanged: 5 });
    expect(ops(h)[UPLOAD]).toBeUndefined();
    expect(ops(h)[PATCH]).toBe(1);
    expect((await hosted(h)).get("/index.html")?.attrs).toEqual(attrs);

    h.emu.control.resetCounts();
    const reversed = await sync({
      attrs: (path) => (path === "/index.html" ? [...attrs].reverse() : undefined),
    });
    expect(reversed).toMatchObject({ uploaded: [], attrsUpdated: [], unchanged: 6 });
    expect(ops(h)[PATCH]).toBeUndefined();
  });

  test("content and attributes both changed: one upload carrying the new attributes", async () => {
    await sync();
    await writeFile(join(dir, "index.html"), "<h1>home v2</h1>");
    h.emu.control.resetCounts();
    const attrs = [{ name: "Cache-Control", value: "max-age=60" }];
    const result = await sync({ attrs: { "/index.html": attrs } });
    expect(result).toMatchObject({ uploaded: ["/index.html"], attrsUpdated: [] });
    expect(ops(h)[PATCH]).toBeUndefined();
    expect((await hosted(h)).get("/index.html")).toMatchObject({
      hash: md5("<h1>home v2</h1>"),
      attrs,
    });
  });

  test("dry run returns the plan and changes nothing", async () => {
    await sync();
    await writeFile(join(dir, "index.html"), "<h1>changed</h1>");
    await rm(join(dir, "robots.txt"));
    await writeTree(dir, { "added.txt": "new" });
    const before = await hosted(h);
    h.emu.control.resetCounts();
    const plan = await sync({
      dryRun: true,
      deleteRemoved: true,
      invalidateCache: true,
      attrs: { "/js/app.js": [{ name: "Content-Type", value: "application/javascript" }] },
    });
    expect(plan).toEqual({
      uploaded: ["/added.txt", "/index.html"],
      deleted: ["/robots.txt"],
      attrsUpdated: ["/js/app.js"],
      unchanged: 3,
      failed: [],
      cacheInvalidated: false,
      dryRun: true,
    });
    expect(h.emu.control.counts().byOperation).toEqual({ [LIST]: 1 });
    expect(await hosted(h)).toEqual(before);
  });

  test("cache invalidation only when asked, after every operation succeeded", async () => {
    const result = await sync({ invalidateCache: true });
    expect(result.cacheInvalidated).toBe(true);
    const cache = h.emu.control.requests().filter((r) => r.operation === CACHE);
    expect(cache).toHaveLength(1);
    const last = h.emu.control.requests().at(-1)!;
    expect(last.operation).toBe(CACHE);
  });

  test("one injected failure among many: reported with its cause, the rest succeed, no cache invalidation; a re-run fixes it", async () => {
    const many = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`pages/p${i}.html`, `<p>${i}</p>`]),
    );
    await writeTree(dir, many);
    h.emu.control.failNext({
      method: "PUT",
      path: "/groups/{groupId}/apps/{appId}/hosting/assets/asset",
      status: 500,
    });
    const result = await sync({ invalidateCache: true, concurrency: 3 });
    expect(result.failed).toHaveLength(1);
    const [failure] = result.failed;
    expect(failure).toMatchObject({ operation: "upload" });
    expect(failure!.error).toBeInstanceOf(AdminServerError);
    expect(failure!.error).toMatchObject({ status: 500, errorCode: "InjectedFault" });
    expect(result.uploaded).toHaveLength(25);
    expect(result.uploaded).not.toContain(failure!.path);
    expect(result.cacheInvalidated).toBe(false);
    expect(ops(h)[CACHE]).toBeUndefined();
    expect((await hosted(h)).has(failure!.path)).toBe(false);

    const again = await sync({ invalidateCache: true });
    expect(again).toMatchObject({
      uploaded: [failure!.path],
      unchanged: 25,
      failed: [],
      cacheInvalidated: true,
    });
  });

  test("token expiry mid-sync: uploads are replayed with their full bodies", async () => {
    const many = Object.fromEntries(
      Array.from({ length: 24 }, (_, i) => [`p/${i}.txt`, `file number ${i} `.repeat(50)]),
    );
    await writeTree(dir, many);
    let expired = false;
    const onProgress = (p: SyncProgress) => {
      if (p.phase === "sync" && p.filesDone === 4 && !expired) {
        expired = true;
        h.emu.control.expireAccessTokens();
      }
    };
    const result = await sync({ onProgress, concurrency: 4 });
    expect(expired).toBe(true);
    expect(result.failed).toEqual([]);
    expect(result.uploaded).toHaveLength(30);
    const counts = h.emu.control.counts();
    expect(counts.refreshes).toBe(1);
    expect(counts.logins).toBe(1);
    const unauthorized = h.emu.control
      .requests()
      .filter((r) => r.operation === UPLOAD && r.status === 401).length;
    expect(unauthorized).toBeGreaterThan(0);
    expect(counts.byOperation[UPLOAD]).toBe(30 + unauthorized);
    const remote = await hosted(h);
    for (const [rel, content] of Object.entries(many))
      expect(remote.get(`/${rel}`)).toMatchObject({ hash: md5(content), size: content.length });
  });

  test("an interrupted sync rejects with the abort reason; re-running converges", async () => {
    const many = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`p/${i}.txt`, `content ${i}`]),
    );
    await writeTree(dir, many);
    const controller = new AbortController();
    const onProgress = (p: SyncProgress) => {
      if (p.phase === "sync" && p.filesDone === 5) controller.abort();
    };
    const error = await sync({
      onProgress,
      concurrency: 2,
      signal: controller.signal,
      invalidateCache: true,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(ops(h)[CACHE]).toBeUndefined();

    const partial = await hosted(h);
    expect(partial.size).toBeGreaterThanOrEqual(5);
    expect(partial.size).toBeLessThan(36);
    const local = { ...SITE, ...many } as Record<string, string>;
    for (const [path, asset] of partial) expect(asset.hash).toBe(md5(local[path.slice(1)]!));

    const resumed = await sync({ invalidateCache: true });
    expect(resumed.failed).toEqual([]);
    expect(resumed.uploaded.length + resumed.unchanged).toBe(36);
    expect(resumed.uploaded.length).toBeLessThanOrEqual(36 - 5);
    expect(resumed.cacheInvalidated).toBe(true);
    h.emu.control.resetCounts();
    expect(await sync()).toMatchObject({ uploaded: [], unchanged: 36 });
    expect(ops(h)[UPLOAD]).toBeUndefined();
  });

  test("onProgress: every file hashed, every request answered; request totals grow until final", async () => {
    const events: SyncProgress[] = [];
    await sync({ onProgress: (p) => events.push(p) });
    const hashing = events.filter((e) => e.phase === "hash");
    const syncing = events.filter((e) => e.phase === "sync");
    const total = Object.values(SITE).reduce((n, c) => n + c.length, 0);
    expect(hashing.map((e) => e.filesDone)).toEqual([1, 2, 3, 4, 5, 6]);
    // The folder is walked first: the number of files to hash is known and final from the start.
    for (const e of hashing) expect(e).toMatchObject({ filesTotal: 6, totalsFinal: true });
    expect(hashing.at(-1)).toMatchObject({ bytesDone: total, bytesTotal: undefined });
    expect(syncing.map((e) => e.filesDone)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const [i, e] of syncing.entries()) {
      const before = syncing[i - 1];
      expect(e.filesTotal).toBeGreaterThanOrEqual(Math.max(e.filesDone, before?.filesTotal ?? 0));
      expect(e.bytesTotal).toBeGreaterThanOrEqual(Math.max(e.bytesDone, before?.bytesTotal ?? 0));
      // Once final, totals stay final.
      if (before?.totalsFinal) expect(e.totalsFinal).toBe(true);
    }
    expect(syncing.at(-1)).toMatchObject({
      filesTotal: 6,
      bytesDone: total,
      bytesTotal: total,
      totalsFinal: true,
    });
    expect(new Set(syncing.map((e) => e.path)).size).toBe(6);
  });

  test("uploads are answered while another file is still being hashed (a 16 GiB sparse file)", async () => {
    // Reading 16 GiB takes seconds; six small uploads over loopback take milliseconds. The sync is
    // stopped once they are answered, so the large file is never read to its end.
    await writeFile(join(dir, "large.bin"), "");
    await truncate(join(dir, "large.bin"), 16 * 2 ** 30);
    const controller = new AbortController();
    const events: string[] = [];
    const error = await sync({
      signal: controller.signal,
      onProgress: (p) => {
        events.push(`${p.phase} ${p.path}`);
        if (p.phase === "sync" && p.filesDone === 6) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(events).not.toContain("hash /large.bin");
    expect(events.filter((e) => e.startsWith("sync "))).toHaveLength(6);
    expect([...(await hosted(h)).keys()].sort()).toEqual(
      Object.keys(SITE)
        .map((n) => `/${n}`)
        .sort(),
    );
  });

  test("ignore: ignored paths are neither uploaded nor deleted", async () => {
    await writeTree(dir, { ".git/HEAD": "ref", "js/app.js.map": "{}" });
    const ignore = [".git", /\.map$/];
    const result = await sync({ ignore });
    expect(result.uploaded).not.toContain("/.git/HEAD");
    expect(result.uploaded).not.toContain("/js/app.js.map");
    expect(result.uploaded).toHaveLength(6);
    await h.admin.hosting.moveCopyHostedAsset({
      groupId: h.groupId,
      appId: h.appId,
      body: { copy_from: "/robots.txt", copy_to: "/drafts/x.txt" },
    });
    const pruned = await sync({
      deleteRemoved: true,
      ignore: (path) => path.startsWith("/drafts/"),
    });
    expect(pruned.deleted).toEqual([]);
    expect((await hosted(h)).has("/drafts/x.txt")).toBe(true);
  });

  test("concurrency bounds the requests in flight", async () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`c/${i}.txt`, `c${i}`]));
    await writeTree(dir, many);
    h.emu.control.setLatency(30, { method: "PUT" });
    let inFlight = 0;
    let peak = 0;
    const fetch = async (request: Request) => {
      peak = Math.max(peak, ++inFlight);
      try {
        return await globalThis.fetch(request);
      } finally {
        inFlight--;
      }
    };
    const { createAdminClient } = await import("../../packages/client/index.js");
    const admin = createAdminClient({ baseUrl: h.emu.url, credentials: h.emu.credentials, fetch });
    await admin.apps.listApplications({ groupId: h.groupId });
    peak = 0;
    const result = await syncHosting(admin, {
      groupId: h.groupId,
      appId: h.appId,
      dir,
      concurrency: 2,
    });
    expect(result.uploaded).toHaveLength(18);
    expect(peak).toBe(2);
    await expect(
      syncHosting(admin, { groupId: h.groupId, appId: h.appId, dir, concurrency: 0 }),
    ).rejects.toThrow(RangeError);
  });
});

test("deletions start only once every upload and attribute change has been answered", async () => {
  await h.emu.stop();
  const events: string[] = [];
  h = await startHarness(async (request) => {
    events.push(`start ${request.method}`);
    const response = await globalThis.fetch(request);
    events.push(`end ${request.method}`);
    return response;
  });
  await sync();
  const pages = Object.fromEntries(
    Array.from({ length: 6 }, (_, i) => [`old/page-${i}.html`, `<p>${i}</p>`]),
  );
  await writeTree(dir, pages);
  await sync();
  for (const name of Object.keys(pages)) await rm(join(dir, ...name.split("/")));
  for (const name of Object.keys(SITE)) await writeFile(join(dir, ...name.split("/")), "changed");
  // Slow uploads: with concurrency 8 every step could start at once; deletions must still wait.
  h.emu.control.setLatency(40, {
    method: "PUT",
    path: "/groups/{groupId}/apps/{appId}/hosting/assets/asset",
  });
  events.length = 0;
  const result = await sync({ deleteRemoved: true, concurrency: 8 });
  expect(result).toMatchObject({
    uploaded: Object.keys(SITE)
      .map((n) => `/${n}`)
      .sort(),
    failed: [],
  });
  expect(result.deleted).toHaveLength(6);
  const firstDelete = events.indexOf("start DELETE");
  const lastPutAnswered = events.lastIndexOf("end PUT");
  expect(firstDelete).toBeGreaterThan(-1);
  expect(lastPutAnswered).toBeGreaterThan(-1);
  expect(firstDelete).toBeGreaterThan(lastPutAnswered);
});

describe("symlinks", () => {
  test("a symlink leading outside the folder is refused before any request", async () => {
    const outside = await tempTree({ "secret.txt": "do not publish" });
    cleanup.push(outside);
    await symlink(join(outside, "secret.txt"), join(dir, "leak.txt"));
    h.emu.control.resetCounts();
    const error = await sync().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostingPathError);
    expect((error as Error).message).toMatch(
      /symlink \/leak\.txt .* leads outside the synced folder/,
    );
    expect(h.emu.control.counts().total).toBe(0);

    await rm(join(dir, "leak.txt"));
    await symlink(outside, join(dir, "linked-dir"));
    await expect(sync()).rejects.toThrow(/symlink \/linked-dir .* leads outside/);
    await rm(join(dir, "linked-dir"));
    await symlink("..", join(dir, "css", "up"));
    await expect(sync()).rejects.toThrow(HostingPathError);
    expect(h.emu.control.counts().total).toBe(0);
  });

  test("symlinks inside the folder are followed; dangling ones and loops are refused", async () => {
    await symlink("index.html", join(dir, "home.html"));
    await symlink("css", join(dir, "styles"));
    const result = await sync();
    expect(result.uploaded).toEqual(expect.arrayContaining(["/home.html", "/styles/site.css"]));
    expect((await hosted(h)).get("/home.html")?.hash).toBe(md5(SITE["index.html"]));

    await symlink(".", join(dir, "loop"));
    await expect(sync()).rejects.toThrow(/leads back to a folder that contains it/);
    await rm(join(dir, "loop"));
    await symlink("missing.html", join(dir, "dangling.html"));
    await expect(sync()).rejects.toThrow(/points at nothing/);
  });

  test("a missing folder is a HostingPathError", async () => {
    await expect(sync({ dir: join(dir, "nope") })).rejects.toBeInstanceOf(HostingPathError);
  });
});
