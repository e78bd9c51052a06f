/**
 * `push -x -c` (a dry run with --reset-cdn-cache) against the emulator: it says whether the push
 * would invalidate the CDN cache (only when a hosted file would change, as a real `push -c`
 * does), in text and as `wouldInvalidateCache` in JSON, and invalidates nothing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";
import { startHelloApp } from "./hello-app.js";

let emu: RunningEmulator;
let dir: string;
let work: string;
beforeAll(async () => {
  ({ emu } = await startHelloApp());
  work = mkdtempSync(join(tmpdir(), "cli-push-dry-cache-"));
  dir = join(work, "app");
  expect((await runCli(["pull", "--local", dir], emulatorEnv(emu))).code).toBe(0);
  mkdirSync(join(dir, "hosting", "files"), { recursive: true });
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  await emu.stop();
  rmSync(work, { recursive: true, force: true });
});

const cacheInvalidations = () =>
  emu.control.requests().filter((r) => r.method === "PUT" && r.path.endsWith("/hosting/cache"))
    .length;

describe("push -x -c", () => {
  it("a hosted file would change: says -c would invalidate the cache, invalidates nothing", async () => {
    writeFileSync(join(dir, "hosting", "files", "index.html"), "<h1>new</h1>");
    const before = cacheInvalidations();
    const text = await runCli(["push", "-x", "-s", "-c", "--local", dir], emulatorEnv(emu));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /dry run: nothing was changed; -c: would invalidate the CDN cache \(hosted files would change\)\n$/,
    );
    const json = await runCli(
      ["push", "-x", "-s", "-c", "--local", dir, "--json"],
      emulatorEnv(emu),
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ dryRun: true, wouldInvalidateCache: true });
    expect(cacheInvalidations()).toBe(before);
  });

  it("no hosted file would change: says -c would not invalidate it", async () => {
    rmSync(join(dir, "hosting", "files", "index.html"));
    const text = await runCli(["push", "-x", "-s", "-c", "--local", dir], emulatorEnv(emu));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /dry run: nothing was changed; -c: would not invalidate the CDN cache \(no hosted file would change\)\n$/,
    );
    const json = await runCli(
      ["push", "-x", "-s", "-c", "--local", dir, "--json"],
      emulatorEnv(emu),
    );
    expect(JSON.parse(json.stdout)).toMatchObject({ dryRun: true, wouldInvalidateCache: false });
  });

  it("without -c a dry run says nothing about the cache", async () => {
    const text = await runCli(["push", "-x", "-s", "--local", dir], emulatorEnv(emu));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/dry run: nothing was changed\n$/);
    const json = await runCli(["push", "-x", "-s", "--local", dir, "--json"], emulatorEnv(emu));
    expect(JSON.parse(json.stdout)).not.toHaveProperty("wouldInvalidateCache");
  });

  it("-x -c without -s is refused as -c alone is (exit 2)", async () => {
    const run = await runCli(["push", "-x", "-c", "--local", dir], emulatorEnv(emu));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("needs --include-hosting (-s)");
  });
});
