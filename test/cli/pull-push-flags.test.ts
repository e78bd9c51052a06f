/**
 * The official CLI's `pull -x, --dry-run` and `push -c, --reset-cdn-cache`, through the real
 * program against the emulator. A dry pull writes nothing anywhere (no file, no staging folder,
 * no lock beside the folder, no hosted file downloaded) and names what the real pull then writes
 * and deletes. `-c` invalidates the CDN cache once a push's hosting sync changed a hosted file,
 * never when it changed none, and is refused without `-s` (the official CLI ignores it there).
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  watch,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminClient } from "../../packages/client/index.js";
import { pushApp } from "../../packages/config/index.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { snapshotWithTimes } from "../config/helpers.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";
import { startHelloApp } from "./hello-app.js";

let emu: RunningEmulator;
let admin: AdminClient;
let ids: { groupId: string; appId: string };
let work: string;
beforeAll(async () => {
  ({ emu, admin, ids } = await startHelloApp());
  work = mkdtempSync(join(tmpdir(), "cli-parity-flags-"));
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  await emu.stop();
  rmSync(work, { recursive: true, force: true });
});

const env = () => emulatorEnv(emu);
type Pulled = {
  dir: string;
  written: string[];
  deleted: string[];
  unchanged: number;
  dryRun: boolean;
};
const json = <T>(stdout: string) => JSON.parse(stdout) as T;

/**
 * Starts noting the names created, changed or removed in `folder`; the function returned says
 * which, once a marker written after them has been seen (inotify keeps events in order), then
 * removes the marker.
 */
function watchFolder(folder: string): () => Promise<string[]> {
  const names: string[] = [];
  const watcher = watch(folder);
  let markerSeen!: () => void;
  let failed!: (error: unknown) => void;
  const marked = new Promise<void>((resolve, reject) => {
    markerSeen = resolve;
    failed = reject;
  });
  watcher.on("error", failed);
  watcher.on("change", (_event, name) => {
    if (String(name) === MARKER) markerSeen();
    else names.push(String(name));
  });
  return async () => {
    writeFileSync(join(folder, MARKER), "");
    try {
      await marked;
    } finally {
      watcher.close();
      rmSync(join(folder, MARKER));
    }
    return names;
  };
}
const MARKER = ".watch-marker";

const cacheInvalidations = () =>
  emu.control.requests().filter((r) => r.method === "PUT" && r.path.endsWith("/hosting/cache"))
    .length;
const downloads = () => emu.control.requests().filter((r) => r.path.startsWith("/hosted/")).length;

describe("pull -x, --dry-run", () => {
  it("into a missing folder: lists every file, creates nothing, not even beside it", async () => {
    const parent = join(work, "fresh");
    mkdirSync(parent);
    const dir = join(parent, "app");
    const made = watchFolder(parent);
    const run = await runCli(["pull", "-x", "--local", dir, "--json"], env());
    // Not even for a moment: a staging folder or lock made and removed shows here.
    expect(await made()).toEqual([]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const planned = json<Pulled>(run.stdout);
    expect(planned).toMatchObject({ dir, deleted: [], unchanged: 0, dryRun: true });
    expect(planned.written).toEqual(
      expect.arrayContaining(["realm_config.json", ".mdb/app_meta.json", "functions/hello.js"]),
    );
    expect(readdirSync(parent)).toEqual([]);
    // What the real pull writes, file for file.
    const pulled = json<Pulled>((await runCli(["pull", "--local", dir, "--json"], env())).stdout);
    expect(pulled).toEqual({ ...planned, dryRun: false });
  });

  it("over a pulled folder: what would be rewritten and deleted, the folder untouched", async () => {
    const parent = join(work, "edited");
    const dir = join(parent, "app");
    expect((await runCli(["pull", "--local", dir], env())).code).toBe(0);
    writeFileSync(join(dir, "functions", "hello.js"), "exports = () => 'edited';\n");
    mkdirSync(join(dir, "values"), { recursive: true });
    writeFileSync(join(dir, "values", "stale.json"), '{"name":"stale","value":1}\n');
    writeFileSync(join(dir, "README.md"), "mine\n");
    const before = await snapshotWithTimes(dir);
    const siblings = readdirSync(parent);

    const text = await runCli(["pull", "--dry-run", "--local", dir], env());
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split("\n");
    expect(lines.slice(0, -1)).toEqual([
      "would write   functions/hello.js",
      "would delete  values/stale.json",
    ]);
    expect(lines.at(-1)).toMatch(/ would write 1, delete 1, leave \d+ unchanged$/);
    expect(lines.at(-1)).toContain(`dry run, nothing written: pulling into ${dir} would`);
    const planned = json<Pulled>(
      (await runCli(["pull", "-x", "--local", dir, "--json"], env())).stdout,
    );
    expect(await snapshotWithTimes(dir)).toEqual(before);
    expect(readdirSync(parent)).toEqual(siblings);

    // -y: the edit and the stale value are to go, as planned.
    const pulled = json<Pulled>(
      (await runCli(["pull", "-y", "--local", dir, "--json"], env())).stdout,
    );
    expect(pulled).toEqual({ ...planned, dryRun: false });
    expect(pulled).toMatchObject({
      written: ["functions/hello.js"],
      deleted: ["values/stale.json"],
    });
    expect(readFileSync(join(dir, "README.md"), "utf8")).toBe("mine\n");
  });
});

describe("pull -x, the folder's checks", () => {
  it("fails as the pull would where the folder cannot take the app (exit 2), changing nothing", async () => {
    const dir = join(work, "blocked");
    mkdirSync(dir);
    writeFileSync(join(dir, "functions"), "a file of mine\n");
    const run = await runCli(["pull", "-x", "--local", dir], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("functions is a file, not a folder");
    expect(readdirSync(dir)).toEqual(["functions"]);
    expect(readFileSync(join(dir, "functions"), "utf8")).toBe("a file of mine\n");
  });
});

describe("push -c, --reset-cdn-cache", () => {
  let dir: string;
  beforeAll(async () => {
    dir = join(work, "hosted");
    expect((await runCli(["pull", "--local", dir], env())).code).toBe(0);
    mkdirSync(join(dir, "hosting", "files"), { recursive: true });
  });

  it("without -s is refused before any request (exit 2): there is no sync to follow", async () => {
    const requests = emu.control.requests().length;
    const run = await runCli(["push", "-c", "--local", dir], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--reset-cdn-cache (-c)");
    expect(run.stderr).toContain("needs --include-hosting (-s)");
    expect(emu.control.requests().length).toBe(requests);
    // The SDK's pushApp refuses it too, as a programming error.
    await expect(pushApp(admin, { ...ids, dir, invalidateCache: true })).rejects.toThrow(
      new TypeError("pushApp: invalidateCache needs includeHosting (the cache is of hosted files)"),
    );
    expect(emu.control.requests().length).toBe(requests);
  });

  it("after a sync that changed a hosted file: invalidated once; a push without -c leaves it", async () => {
    writeFileSync(join(dir, "hosting", "files", "index.html"), "<h1>one</h1>");
    const before = cacheInvalidations();
    const run = await runCli(["push", "-s", "-c", "--local", dir, "--json"], env());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const pushed = json<{ hosting: { uploaded: string[]; cacheInvalidated: boolean } }>(run.stdout);
    expect(pushed.hosting).toMatchObject({ uploaded: ["/index.html"], cacheInvalidated: true });
    expect(cacheInvalidations()).toBe(before + 1);

    writeFileSync(join(dir, "hosting", "files", "index.html"), "<h1>two</h1>");
    const plain = await runCli(["push", "-s", "--local", dir], env());
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("hosting: 1 uploaded, 0 attributes, 0 deleted\n");
    expect(cacheInvalidations()).toBe(before + 1);

    writeFileSync(join(dir, "hosting", "files", "index.html"), "<h1>three</h1>");
    const text = await runCli(
      ["push", "--include-hosting", "--reset-cdn-cache", "--local", dir],
      env(),
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      "hosting: 1 uploaded, 0 attributes, 0 deleted, CDN cache invalidated\n",
    );
    expect(cacheInvalidations()).toBe(before + 2);
  });

  it("when the hosted files did not change, as when nothing did, the cache is left alone", async () => {
    const before = cacheInvalidations();
    const idle = await runCli(["push", "-s", "-c", "--local", dir], env());
    expect(idle.code).toBe(0);
    expect(idle.stdout).toBe("nothing to push: no deployment created\n");
    writeFileSync(join(dir, "functions", "hello.js"), "exports = () => 'configuration only';\n");
    const config = await runCli(["push", "-s", "-c", "--local", dir, "--json"], env());
    expect(config.code).toBe(0);
    const pushed = json<{ deployment: unknown; hosting?: unknown }>(config.stdout);
    expect(pushed.deployment).toMatchObject({ status: "successful" });
    expect(pushed.hosting).toBeUndefined();
    expect(cacheInvalidations()).toBe(before);
  });

  it("a failed invalidation fails the push, saying the files are in place and how to invalidate", async () => {
    writeFileSync(join(dir, "hosting", "files", "index.html"), "<h1>four</h1>");
    emu.control.failNext({
      method: "PUT",
      path: "/groups/{groupId}/apps/{appId}/hosting/cache",
      status: 400,
      body: { error: "cache busy", error_code: "InvalidCacheRequest" },
    });
    const run = await runCli(["push", "-s", "-c", "--local", dir], env());
    expect(run.code).toBe(5);
    expect(run.stderr).toContain("push failed while invalidating the CDN cache");
    expect(run.stderr).toContain("1 hosting file(s) were already changed (/index.html)");
    expect(run.stderr).toContain(
      `With this CLI: appservices-admin api PUT /groups/${ids.groupId}/apps/${ids.appId}/hosting/cache --data '{"invalidate":true,"path":"/*"}'`,
    );
    const assets = await admin.hosting.getAllHostedAssets({ ...ids, recursive: true });
    expect(assets.map((a) => a.path)).toContain("/index.html");
  });
});

describe("pull -x with hosting", () => {
  it("lists the hosted files that differ without downloading one", async () => {
    const dir = join(work, "hosted-fresh");
    const before = downloads();
    const run = await runCli(["pull", "-x", "-s", "--local", dir, "--json"], env());
    expect(run.code).toBe(0);
    expect(json<Pulled>(run.stdout).written).toEqual(
      expect.arrayContaining(["hosting/files/index.html", "hosting/metadata.json"]),
    );
    expect(downloads()).toBe(before);
    const pulled = json<Pulled>(
      (await runCli(["pull", "-s", "--local", dir, "--json"], env())).stdout,
    );
    expect(pulled).toEqual({ ...json<Pulled>(run.stdout), dryRun: false });
    expect(downloads()).toBe(before + 1);
  });
});
