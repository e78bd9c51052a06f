/**
 * `push -s` and `diff -s` of a folder without `hosting/files`, as a git checkout of a `pull -s`
 * leaves it when the app had no hosted files (git keeps no empty folder): the missing folder
 * stands for "no hosted files" while the app has none, and is refused (exit 2, naming how many
 * hosted files a sync would delete) once it has some; nothing hosted is ever deleted by it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";

let work: string;
let emu: RunningEmulator;
let admin: AdminClient;
let dir: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "cli-push-hosting-missing-"));
  emu = await startEmulator({ logs: { count: 0 } });
  admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
  dir = join(work, "app");
  const pulled = await runCli(["pull", "--local", dir, "-s"], emulatorEnv(emu));
  expect(pulled.code, pulled.stderr).toBe(0);
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  await emu.stop();
  rmSync(work, { recursive: true, force: true });
});

const hostedPaths = async () =>
  (await admin.hosting.getAllHostedAssets({ groupId: emu.groupId, appId: emu.appId })).map(
    (asset) => asset.path,
  );
/** The hosting requests that change something (uploads, attribute updates, deletions). */
const hostingChanges = () =>
  emu.control.requests().filter((r) => r.method !== "GET" && r.path.includes("/hosting/"));

describe("push -s without hosting/files", () => {
  it("the app has no hosted files either: push -s, push -x -s and diff -s go ahead, hosting unchanged", async () => {
    // What a pull -s of an app without hosted files leaves (and all a git checkout could keep).
    expect(existsSync(join(dir, "hosting", "files"))).toBe(false);
    const diff = await runCli(["diff", "--local", dir, "-s", "--json"], emulatorEnv(emu));
    expect(diff.code, diff.stderr).toBe(0);
    expect(JSON.parse(diff.stdout)).toMatchObject({
      hosting: { upload: [], patch: [], delete: [] },
      hasChanges: false,
    });
    const dry = await runCli(["push", "--local", dir, "-s", "-x", "--json"], emulatorEnv(emu));
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      diff: { hosting: { upload: [], patch: [], delete: [] } },
    });
    const pushed = await runCli(["push", "--local", dir, "-s"], emulatorEnv(emu));
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toBe("nothing to push: no deployment created\n");
    expect(hostingChanges()).toEqual([]);
    // The folder is not written to: a dry run or a diff must change nothing, and a push neither.
    expect(existsSync(join(dir, "hosting", "files"))).toBe(false);
  });

  it("the app has hosted files: exit 2, how many a sync would delete and what to do; nothing deleted", async () => {
    const site = join(work, "site");
    mkdirSync(site);
    writeFileSync(join(site, "index.html"), "<h1>kept</h1>\n");
    writeFileSync(join(site, "about.html"), "<h1>kept too</h1>\n");
    const synced = await runCli(["hosting", "sync", site], emulatorEnv(emu));
    expect(synced.code, synced.stderr).toBe(0);
    emu.control.resetCounts();
    const files = join(dir, "hosting", "files");
    for (const args of [["push"], ["push", "-x"], ["diff"], ["push", "-c"]]) {
      const run = await runCli([...args, "--local", dir, "-s"], emulatorEnv(emu));
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toBe(
        `appservices-admin: --include-hosting (-s): ${files} is not a folder, and the app has 2 ` +
          "hosted file(s), which syncing it would delete: pull -s writes them there; to delete " +
          `them, make it an empty folder (mkdir -p ${files}) and run again; or leave -s out (see --help)\n`,
      );
    }
    expect(hostingChanges()).toEqual([]);
    expect((await hostedPaths()).sort()).toEqual(["/about.html", "/index.html"]);
  });

  it("hosting/files is a file: exit 2 before anything is sent", async () => {
    const other = join(work, "file-there");
    const pulled = await runCli(["pull", "--local", other], emulatorEnv(emu));
    expect(pulled.code, pulled.stderr).toBe(0);
    writeFileSync(join(other, "hosting", "files"), "not a folder\n");
    emu.control.resetCounts();
    const run = await runCli(["push", "--local", other, "-s"], emulatorEnv(emu));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `appservices-admin: --include-hosting (-s): ${join(other, "hosting", "files")} is not a ` +
        "folder: hosted files go in a folder there, or leave -s out (see --help)\n",
    );
    expect(emu.control.counts().total).toBe(0);
  });
});
