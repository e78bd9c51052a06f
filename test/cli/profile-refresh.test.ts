/**
 * A command's session refreshed while another terminal changed the saved login: the refreshed
 * token is saved only over the login the command started from. A profile removed meanwhile (a
 * logout) is not brought back with the command's tokens, and another login made meanwhile keeps
 * its own tokens.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openClient } from "../../packages/cli/open-client.js";
import { ProfileStore } from "../../packages/cli/profile-store.js";
import type { CliIo } from "../../packages/cli/io.js";
import { Redactor } from "../../packages/core/redact.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { configHome, minimalEnv, runCli } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
});
afterAll(async () => {
  await emu.stop();
});

const FILE = join(configHome(), "appservices-admin", "profiles.json");
const env = () => ({ ...minimalEnv(), APPSERVICES_BASE_URL: emu.url });
const saved = () =>
  existsSync(FILE)
    ? (
        JSON.parse(readFileSync(FILE, "utf8")) as {
          profiles: Record<string, Record<string, string>>;
        }
      ).profiles["default"]
    : undefined;

async function login(): Promise<void> {
  const args = ["login", "--public-key", emu.credentials.publicKey, "--private-key-stdin"];
  const result = await runCli(args, env(), `${emu.credentials.privateKey}\n`);
  expect(result.code, result.stderr).toBe(0);
}

const io = (): CliIo => ({
  out: async () => undefined,
  err: () => undefined,
  stdin: Readable.from([]),
  errIsTTY: false,
  errStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
  redactor: new Redactor(),
});

/** A command's client, opened from the saved login, with its session refreshed on its next call. */
async function runningCommand() {
  const { admin } = await openClient({}, env(), io(), { appId: false });
  await admin.apps.listApplications({ groupId: emu.groupId });
  emu.control.expireAccessTokens();
  return admin;
}

beforeEach(login);

describe("a refresh after another terminal changed the saved login", () => {
  it("saves the refreshed token when the login is still the one the command started from", async () => {
    const admin = await runningCommand();
    const before = saved()!;
    const refreshes = emu.control.counts().refreshes;
    await admin.apps.listApplications({ groupId: emu.groupId });
    expect(emu.control.counts().refreshes).toBe(refreshes + 1);
    expect(saved()!.accessToken).not.toBe(before.accessToken);
    expect(saved()!.refreshToken).toBe(before.refreshToken);
  });

  it("leaves a profile removed meanwhile removed", async () => {
    const admin = await runningCommand();
    // As `logout` leaves it (here without ending the session on the server, so the refresh works).
    new ProfileStore(FILE, () => undefined).set("default", undefined);
    const refreshes = emu.control.counts().refreshes;
    await admin.apps.listApplications({ groupId: emu.groupId });
    expect(emu.control.counts().refreshes).toBe(refreshes + 1);
    expect(saved()).toBeUndefined();
  });

  it("keeps another login made meanwhile", async () => {
    const admin = await runningCommand();
    await login();
    const other = saved()!;
    const refreshes = emu.control.counts().refreshes;
    await admin.apps.listApplications({ groupId: emu.groupId });
    expect(emu.control.counts().refreshes).toBe(refreshes + 1);
    expect(saved()).toEqual(other);
  });
});
