/**
 * What a sync over a mostly unchanged folder decides, file by file (issue 17 item 3): each
 * decision comes from the MD5 and the attributes, never from stat; content types from the name's
 * extension; deletions reach every depth of the listing when there are no ignore rules.
 */
import { statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { syncHosting } from "../../packages/hosting/index.js";
import {
  DELETE,
  hosted,
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

beforeEach(async () => {
  h = await startHarness();
  dir = await tempTree({
    "index.html": "<h1>home</h1>",
    "v1.2/README": "no extension, in a folder with a dot",
    "v1.2/.css": "a name that is all extension is no extension",
    "a.b/site.CSS": "body {}",
    "deep/er/page.html": "<p>deep</p>",
  });
});
afterEach(async () => {
  await h.emu.stop();
  await removeTree(dir);
});

const sync = (extra: Partial<Parameters<typeof syncHosting>[1]> = {}) =>
  syncHosting(h.admin, { groupId: h.groupId, appId: h.appId, dir, ...extra });

test("content types come from the name's extension, not from a folder's", async () => {
  await sync();
  const remote = await hosted(h);
  expect(remote.get("/v1.2/README")?.attrs).toEqual([]);
  expect(remote.get("/v1.2/.css")?.attrs).toEqual([]);
  expect(remote.get("/a.b/site.CSS")?.attrs).toEqual([{ name: "Content-Type", value: "text/css" }]);
  expect(remote.get("/index.html")?.attrs).toEqual([{ name: "Content-Type", value: "text/html" }]);
  h.emu.control.resetCounts();
  expect(await sync()).toMatchObject({ uploaded: [], attrsUpdated: [], unchanged: 5 });
  expect(ops(h)[UPLOAD]).toBeUndefined();
});

test("a file changed behind the same size and modification time is uploaded: compared by MD5", async () => {
  const file = join(dir, "index.html");
  // A whole second, which every file system stores exactly.
  utimesSync(file, 1_700_000_000, 1_700_000_000);
  await sync();
  const before = statSync(file);
  writeFileSync(file, "<h1>HOME</h1>"); // same length
  utimesSync(file, 1_700_000_000, 1_700_000_000);
  expect(statSync(file)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs });
  h.emu.control.resetCounts();
  const result = await sync();
  expect(result).toMatchObject({ uploaded: ["/index.html"], unchanged: 4, failed: [] });
  expect(ops(h)[UPLOAD]).toBe(1);
  expect((await hosted(h)).get("/index.html")?.hash).toBe(md5("<h1>HOME</h1>"));
});

test("attributes alone changed: a PATCH, not an upload", async () => {
  await sync();
  h.emu.control.resetCounts();
  const cache = [{ name: "Cache-Control", value: "no-cache" }];
  const result = await sync({ attrs: { "/deep/er/page.html": cache } });
  expect(result).toMatchObject({
    uploaded: [],
    attrsUpdated: ["/deep/er/page.html"],
    unchanged: 4,
  });
  expect(ops(h)).toMatchObject({ [PATCH]: 1 });
  expect(ops(h)[UPLOAD]).toBeUndefined();
  expect((await hosted(h)).get("/deep/er/page.html")?.attrs).toEqual(cache);
});

test("without ignore rules, hosted files at any depth with no local file are deleted, the folder entries are not", async () => {
  await writeTree(dir, { "old/gone.html": "x", "v1.2/old.txt": "y", "deep/er/gone.js": "z" });
  await sync();
  await removeTree(join(dir, "old"));
  await removeTree(join(dir, "v1.2", "old.txt"));
  await removeTree(join(dir, "deep", "er", "gone.js"));
  h.emu.control.resetCounts();
  const result = await sync({ deleteRemoved: true });
  expect(result).toMatchObject({
    uploaded: [],
    deleted: ["/deep/er/gone.js", "/old/gone.html", "/v1.2/old.txt"],
    unchanged: 5,
    failed: [],
  });
  expect(ops(h)[DELETE]).toBe(3);
  expect([...(await hosted(h)).keys()].sort()).toEqual([
    "/a.b/site.CSS",
    "/deep/er/page.html",
    "/index.html",
    "/v1.2/.css",
    "/v1.2/README",
  ]);
});
