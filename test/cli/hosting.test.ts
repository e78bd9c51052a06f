/**
 * `appservices-admin hosting sync <dir>` as a child process against the emulator: a dry run
 * changes nothing, a real run uploads and invalidates the cache, `--delete` removes remote-only
 * files, `--no-invalidate` leaves the cache alone; progress goes to stderr as one line per phase
 * when stderr is not a terminal, and not at all with `--quiet`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { closedPort, emulatorEnv, runCli } from "./helpers.js";

let emu: RunningEmulator;
let admin: AdminClient;
let site: string;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
  admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
  site = mkdtempSync(join(tmpdir(), "cli-hosting-"));
  mkdirSync(join(site, "css"));
  writeFileSync(join(site, "index.html"), "<h1>hello</h1>");
  writeFileSync(join(site, "css", "site.css"), "body { margin: 0 }");
  writeFileSync(join(site, "old.txt"), "going away");
});
afterAll(async () => {
  await emu.stop();
  rmSync(site, { recursive: true, force: true });
});

async function remotePaths(): Promise<string[]> {
  const assets = await admin.hosting.getAllHostedAssets({
    groupId: emu.groupId,
    appId: emu.appId,
    recursive: true,
  });
  return assets
    .map((a) => a.path!)
    .filter((p) => p !== "/")
    .sort();
}

const cacheInvalidations = () =>
  emu.control.requests().filter((r) => r.method === "PUT" && r.path.endsWith("/hosting/cache"))
    .length;

describe("appservices-admin hosting sync", () => {
  it("--dry-run lists what would change and changes nothing", async () => {
    const result = await runCli(["hosting", "sync", site, "--dry-run"], emulatorEnv(emu));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "would upload  /css/site.css",
        "would upload  /index.html",
        "would upload  /old.txt",
        "dry run: 3 to upload, 0 attributes, 0 to delete, 0 unchanged, 0 failed; nothing was changed",
        "",
      ].join("\n"),
    );
    expect(await remotePaths()).toEqual([]);
    expect(cacheInvalidations()).toBe(0);
  });

  it("uploads the folder, reports progress on stderr, then invalidates the cache", async () => {
    const result = await runCli(["hosting", "sync", site, "--concurrency", "2"], emulatorEnv(emu));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("uploaded  /index.html\n");
    expect(result.stdout).toMatch(
      /3 uploaded, 0 attributes, 0 deleted, 0 unchanged, 0 failed; cache invalidated\n$/,
    );
    // Not a terminal: one line per phase, not one per file; 14 + 18 + 10 bytes.
    expect(result.stderr).toBe("hashed 3/3 files (42 B)\nsynced 3/3 (42 B/42 B)\n");
    expect(await remotePaths()).toEqual(["/css/site.css", "/index.html", "/old.txt"]);
    expect(cacheInvalidations()).toBe(1);
  });

  it("--delete removes hosted files without a local file; --no-invalidate keeps the cache; --json; --quiet", async () => {
    rmSync(join(site, "old.txt"));
    writeFileSync(join(site, "index.html"), "<h1>hello again</h1>");
    const result = await runCli(
      ["hosting", "sync", site, "--delete", "--no-invalidate", "--json", "--quiet"],
      emulatorEnv(emu),
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      uploaded: ["/index.html"],
      attrsUpdated: [],
      deleted: ["/old.txt"],
      unchanged: 1,
      failed: [],
      cacheInvalidated: false,
      dryRun: false,
    });
    expect(await remotePaths()).toEqual(["/css/site.css", "/index.html"]);
    expect(cacheInvalidations()).toBe(1);
  });

  it("reports a failed upload on its path and exits 1; the rest still syncs", async () => {
    writeFileSync(join(site, "new.html"), "<p>new</p>");
    emu.control.failNext({
      status: 400,
      method: "PUT",
      path: "/groups/{groupId}/apps/{appId}/hosting/assets/asset",
    });
    const result = await runCli(["hosting", "sync", site], emulatorEnv(emu));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^failed \(upload\)  \/new\.html: PUT \/groups\/\w+\/apps\/\w+\/hosting\/assets\/asset failed: 400/m,
    );
    expect(result.stdout).toMatch(/0 uploaded, 0 attributes, 0 deleted, 2 unchanged, 1 failed\n$/);
    const again = await runCli(["hosting", "sync", site], emulatorEnv(emu));
    expect(again.code).toBe(0);
    expect(await remotePaths()).toEqual(["/css/site.css", "/index.html", "/new.html"]);
  });

  it.each([
    [
      "a wrong key",
      4,
      /POST \/auth\/providers\/mongodb-cloud\/login failed: 401: .*\(the key pair was refused: check --public-key and --private-key/,
    ],
    ["nobody listening", 6, /POST \/auth\/providers\/mongodb-cloud\/login failed.*ECONNREFUSED/],
  ] as const)(
    "%s while a large file is still being hashed: one error line, exit %i",
    async (fault, code, error) => {
      // A sparse 16 GiB file takes many seconds to hash and no disk space; the failed login comes
      // back within milliseconds, while hashing is under way. That rejection used to go unhandled
      // (a raw stack, exit 1); now the sync stops hashing and the error is reported.
      const dir = mkdtempSync(join(tmpdir(), "cli-hosting-fail-"));
      try {
        writeFileSync(join(dir, "index.html"), "<h1>hi</h1>");
        writeFileSync(join(dir, "large.bin"), "");
        truncateSync(join(dir, "large.bin"), 16 * 2 ** 30);
        const env =
          fault === "a wrong key"
            ? emulatorEnv(emu, { APPSERVICES_PRIVATE_KEY: "0b7f3c1e-wrong-private-key-4e8a" })
            : emulatorEnv(emu, {
                APPSERVICES_BASE_URL: `http://127.0.0.1:${await closedPort()}/api/admin/v3.0`,
              });
        const result = await runCli(["hosting", "sync", dir], env);
        expect(result.code).toBe(code);
        expect(result.stdout).toBe("");
        // Progress lines (stderr is not a terminal) for what was hashed, then the one error line.
        const lines = result.stderr.trimEnd().split("\n");
        expect(lines.filter((line) => !line.startsWith("hashed "))).toEqual([
          expect.stringMatching(new RegExp(`^appservices-admin: ${error.source}`)),
        ]);
        expect(lines.filter((line) => line.includes("/large.bin"))).toEqual([]);
        expect(result.stderr).not.toContain("wrong-private-key");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("--ignore takes gitignore patterns, repeatable, several lines in one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-hosting-ignore-"));
    try {
      for (const name of ["index.html", "app.js", "app.js.map", "notes.md"])
        writeFileSync(join(dir, name), name);
      mkdirSync(join(dir, "drafts"));
      writeFileSync(join(dir, "drafts", "x.html"), "x");
      const result = await runCli(
        ["hosting", "sync", dir, "--dry-run", "--ignore", "*.map\n/drafts/", "--ignore", "*.md"],
        emulatorEnv(emu),
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^would upload {2}\/app\.js\nwould upload {2}\/index\.html\n/);
      expect(result.stdout).not.toMatch(/map|drafts|notes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a missing folder is a usage error (exit 2, one line)", async () => {
    const result = await runCli(["hosting", "sync", join(site, "nope")], emulatorEnv(emu));
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("nope");
  });
});

describe("hosting sync -o FILE inside the folder it uploads", () => {
  // Every file there is hosted: the report would be uploaded by the next sync, and its temporary
  // file, made before the sync lists the folder, by this one.
  it("is refused before anything is sent, however deep; outside the folder it is written", async () => {
    const folder = mkdtempSync(join(tmpdir(), "cli-sync-o-"));
    writeFileSync(join(folder, "index.html"), "<p>hi</p>\n");
    mkdirSync(join(folder, "deep"));
    try {
      for (const inside of ["report.json", join("deep", "report.json")]) {
        emu.control.resetCounts();
        const file = join(folder, inside);
        const run = await runCli(
          ["hosting", "sync", folder, "--json", "-o", file],
          emulatorEnv(emu),
        );
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(
          `appservices-admin: --output-target ${file} is inside ${folder}, the folder synced, whose every file is uploaded: name a file outside it (see --help)\n`,
        );
        expect(emu.control.counts().total).toBe(0);
      }
      const outside = `${folder}.report.json`;
      const run = await runCli(
        ["hosting", "sync", folder, "--dry-run", "--json", "-o", outside],
        emulatorEnv(emu),
      );
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(readFileSync(outside, "utf8"))).toMatchObject({ dryRun: true });
      rmSync(outside);
    } finally {
      rmSync(folder, { recursive: true });
    }
  });
});
