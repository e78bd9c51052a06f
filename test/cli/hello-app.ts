import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";

/** An emulator, a client of it, and its app's ids. */
export interface HelloApp {
  emu: RunningEmulator;
  admin: AdminClient;
  ids: { groupId: string; appId: string };
}

/**
 * An emulator (no seeded logs) whose app has one function, `hello`, for the suites that pull,
 * edit and push it.
 */
export async function startHelloApp(): Promise<HelloApp> {
  const emu = await startEmulator({ logs: { count: 0 } });
  const admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
  const ids = { groupId: emu.groupId, appId: emu.appId };
  await admin.functions.createFunction({
    ...ids,
    body: { name: "hello", private: false, source: 'exports = () => "hello";\n' },
  });
  return { emu, admin, ids };
}

/** The hello app pulled by the CLI into `dir` (`<work>/app`), its function edited. */
export interface PulledHelloApp extends HelloApp {
  work: string;
  dir: string;
}

/**
 * `startHelloApp`, pulled by the CLI into a fresh folder, with `functions/hello.js` edited: a
 * change every push there has to make, and a local edit a pull would overwrite.
 */
export async function pulledHelloApp(prefix: string): Promise<PulledHelloApp> {
  const hello = await startHelloApp();
  const work = mkdtempSync(join(tmpdir(), prefix));
  const dir = join(work, "app");
  expect((await runCli(["pull", "--local", dir], emulatorEnv(hello.emu))).code).toBe(0);
  writeFileSync(join(dir, "functions", "hello.js"), 'exports = () => "hello, world";\n');
  return { ...hello, work, dir };
}

/** Ends a `pulledHelloApp`, once no run of the suite has printed its key pair. */
export async function endPulledHelloApp({ emu, work }: PulledHelloApp): Promise<void> {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  await emu.stop();
  rmSync(work, { recursive: true, force: true });
}
