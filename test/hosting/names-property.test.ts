/**
 * Property (issue 15, fuzzing harness): any file name round-trips through plan -> upload -> list
 * -> a second sync that is a no-op, and then through the two calls that carry the path in the
 * query string (an attributes PATCH and a DELETE), against the emulator.
 *
 * Names mix every code point but `/` and NUL (the only ones a POSIX name cannot hold) with the
 * characters that break paths and URLs: spaces, `%` and percent-escapes, `#`, `?`, `&`, `+`, `=`,
 * `\`, dots (`...`, never `.` or `..`), control characters, combining marks, zero-width and
 * astral characters, and long names. A name longer than the file system holds (255 bytes) is
 * refused by it with ENAMETOOLONG, which the property checks and then leaves that name out.
 * Expectations come from what the file system reports (`readdir`), not from the generated names.
 *
 * Fixed seed and bounded runs, so a failure reproduces: seed 20261206, 25 runs of 1 to 5 names
 * (half of them in a fuzzed sub-folder).
 */
import fc from "fast-check";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { syncHosting, type SyncHostingOptions } from "../../packages/hosting/index.js";
import { md5, removeTree, startHarness, tempTree, type Harness } from "./helpers.js";

const SEED = 20261206;
const RUNS = 25;
const NAME_MAX_BYTES = 255;

let h: Harness;
let root: string;
beforeAll(async () => {
  h = await startHarness();
  root = await tempTree();
});
afterAll(async () => {
  await h.emu.stop();
  await removeTree(root);
});

const tricky = fc.constantFrom(
  " ",
  "%",
  "%20",
  "%2F",
  "%25",
  "#",
  "?",
  "&",
  "+",
  "=",
  ";",
  "\\",
  "...",
  ".",
  "~",
  "'",
  '"',
  "[]",
  "{}",
  "@:",
  "!$*",
  "\t",
  "\n",
  "\r",
  "é",
  "e\u0301",
  "日本語",
  "🚀",
  "\u200b",
  "\u202e",
  "\ufeff",
);
const piece = fc.oneof(tricky, fc.string({ unit: "binary", minLength: 1, maxLength: 6 }));
const shortName = fc.array(piece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(""));
const longName = fc.string({ unit: "grapheme", minLength: 60, maxLength: 140 });
const name = fc
  .oneof({ weight: 5, arbitrary: shortName }, { weight: 1, arbitrary: longName })
  .filter((n) => n !== "." && n !== ".." && !n.includes("/") && !n.includes("\0"));
const names = fc.uniqueArray(name, { minLength: 1, maxLength: 5 });
const folder = fc.option(name, { nil: undefined });

let run = 0;

test(
  "any file name round-trips: upload, list, no-op sync, attributes PATCH and DELETE by ?path=",
  async () => {
    await fc.assert(
      fc.asyncProperty(names, folder, async (given, sub) => {
        const dir = join(root, `run-${run++}`);
        await mkdir(dir);
        const base = sub === undefined ? dir : join(dir, sub);
        if (sub !== undefined && !(await writable(() => mkdir(base), sub))) return;
        for (const n of given) await writable(() => writeFile(join(base, n), `content of ${n}`), n);
        const expected = await onDisk(dir);
        const appId = (
          await h.admin.apps.createApplication({
            groupId: h.groupId,
            body: { name: `names${run}` },
          })
        )._id!;
        const sync = (extra: Partial<SyncHostingOptions> = {}) =>
          syncHosting(h.admin, { groupId: h.groupId, appId, dir, ...extra });
        const paths = [...expected.keys()].sort(byCodeUnit);

        expect(await sync({ dryRun: true })).toMatchObject({ uploaded: paths, failed: [] });
        expect(await sync()).toMatchObject({ uploaded: paths, unchanged: 0, failed: [] });
        const remote = await hostedAssets(appId);
        expect([...remote.keys()].sort(byCodeUnit)).toEqual(paths);
        for (const [path, content] of expected) expect(remote.get(path)?.hash).toBe(md5(content));

        h.emu.control.resetCounts();
        expect(await sync()).toMatchObject({ uploaded: [], unchanged: paths.length, failed: [] });
        expect(h.emu.control.counts().byOperation).toEqual({ adminGetAllHostedAssets: 1 });

        const cache = [{ name: "Cache-Control", value: "no-cache" }];
        expect(await sync({ attrs: () => cache })).toMatchObject({
          uploaded: [],
          attrsUpdated: paths,
          failed: [],
        });
        for (const asset of (await hostedAssets(appId)).values())
          expect(asset.attrs).toEqual(cache);

        await rm(dir, { recursive: true });
        await mkdir(dir);
        expect(await sync({ deleteRemoved: true })).toMatchObject({ deleted: paths, failed: [] });
        expect((await hostedAssets(appId)).size).toBe(0);
        await h.admin.apps.deleteApplication({ groupId: h.groupId, appId });
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  },
  // A budget from the work: each run is five syncs and a handful of requests per name.
  RUNS * 4_000,
);

/**
 * Runs a write the file system may refuse: a name longer than NAME_MAX must fail with
 * ENAMETOOLONG (and is then left out); any other name must be written.
 */
async function writable(write: () => Promise<unknown>, n: string): Promise<boolean> {
  if (Buffer.byteLength(n) <= NAME_MAX_BYTES) {
    await write();
    return true;
  }
  await expect(write()).rejects.toMatchObject({ code: "ENAMETOOLONG" });
  return false;
}

/** Resource path -> content of every file under `dir`, as the file system names them. */
async function onDisk(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = join(entry.parentPath, entry.name).slice(dir.length);
    out.set(rel, `content of ${entry.name}`);
  }
  return out;
}

async function hostedAssets(
  appId: string,
): Promise<Map<string, { hash: string; attrs: unknown[] }>> {
  const assets = await h.admin.hosting.getAllHostedAssets({
    groupId: h.groupId,
    appId,
    recursive: true,
  });
  const out = new Map<string, { hash: string; attrs: unknown[] }>();
  for (const a of assets) {
    if (a.path && !a.path.endsWith("/"))
      out.set(a.path, { hash: a.hash ?? "", attrs: a.attrs ?? [] });
  }
  return out;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
