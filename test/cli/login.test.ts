/**
 * `login`, `whoami`, `logout` and the saved login every command falls back to, against the
 * emulator (the first login through the compiled bin, the rest in-process): the profile file is
 * 0600 in a 0700 folder and holds the session, not the private key; refreshed tokens are saved
 * back; a key pair in the environment wins; saved tokens never go to another server; an ended
 * session says to log in again; logout ends it on the server. Nothing secret is printed by any
 * of it.
 */
import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import {
  configHome,
  emulatorEnv,
  expectNoSecretPrinted,
  minimalEnv,
  runCli,
  startCli,
} from "./helpers.js";

let emu: RunningEmulator;
const seenTokens: string[] = [];
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey, ...seenTokens]);
  await emu.stop();
});

const FILE = join(configHome(), "appservices-admin", "profiles.json");

/** The emulator's URL and ids, and no key pair: commands must use the saved login. */
function savedLoginEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...minimalEnv(), APPSERVICES_BASE_URL: emu.url, ...extra };
}

interface SavedProfile {
  baseUrl?: string;
  publicKey?: string;
  accessToken?: string;
  refreshToken?: string;
  groupId?: string;
  appId?: string;
}

function saved(name = "default"): SavedProfile | undefined {
  if (!existsSync(FILE)) return undefined;
  const profile = (
    JSON.parse(readFileSync(FILE, "utf8")) as { profiles: Record<string, SavedProfile> }
  ).profiles[name];
  if (profile?.accessToken) seenTokens.push(profile.accessToken);
  if (profile?.refreshToken) seenTokens.push(profile.refreshToken);
  return profile;
}

const mode = (path: string) => statSync(path).mode & 0o777;
/** The public key as the CLI shows it: its last four characters. */
const masked = () => {
  const key = emu.credentials.publicKey;
  return `${"*".repeat(Math.max(4, key.length - 4))}${key.slice(-4)}`;
};

/** `login` with the private key on stdin, as a script would pipe it. */
const loginArgs = (args: string[] = []) => [
  "login",
  "--public-key",
  emu.credentials.publicKey,
  "--private-key-stdin",
  "--group-id",
  emu.groupId,
  "--app-id",
  emu.appId,
  ...args,
];

async function login(args: string[] = []) {
  return runCli(loginArgs(args), savedLoginEnv(), `${emu.credentials.privateKey}\n`);
}

describe("appservices-admin login", () => {
  it("refuses to start without a key pair or a saved login (exit 2, both ways named)", async () => {
    const result = await runCli(["secrets", "list"], savedLoginEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^appservices-admin: not logged in: no key pair \(--public-key and --private-key, or \$APPSERVICES_PUBLIC_KEY and \$APPSERVICES_PRIVATE_KEY\) and no login saved in profile "default" \(appservices-admin login\); missing --app-id or \$APPSERVICES_APP_ID/,
    );
  });

  it("a wrong key: exit 4 and nothing saved", async () => {
    const result = await runCli(
      ["login", "--public-key", emu.credentials.publicKey, "--private-key-stdin"],
      savedLoginEnv(),
      "0b7f3c1e-wrong-private-key-4e8a\n",
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("failed to authenticate");
    expect(result.stderr).not.toContain("0b7f3c1e-wrong-private-key-4e8a");
    expect(existsSync(FILE)).toBe(false);
  });

  it("saves the session (not the private key) in a 0600 file in a 0700 folder", async () => {
    // A process of its own: the key piped to a real stdin, the file's mode under a real umask.
    const input = `${emu.credentials.privateKey}\n`;
    const result = await startCli(loginArgs(), savedLoginEnv(), { input }).done;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `logged in as ${masked()} at ${emu.url}; ` +
        `session saved to profile "default" in ${FILE}\n`,
    );
    expect(mode(FILE)).toBe(0o600);
    expect(mode(dirname(FILE))).toBe(0o700);
    expect(readFileSync(FILE, "utf8")).not.toContain(emu.credentials.privateKey);
    const profile = saved()!;
    expect(profile).toMatchObject({
      baseUrl: emu.url,
      publicKey: emu.credentials.publicKey,
      groupId: emu.groupId,
      appId: emu.appId,
    });
    expect(profile.accessToken).toMatch(/^eyJ/);
    expect(profile.refreshToken).toMatch(/^eyJ/);
  });

  it("every command then uses the saved session, without logging in again", async () => {
    const before = emu.control.counts().logins;
    const secrets = await runCli(["secrets", "list", "--json"], savedLoginEnv());
    expect(secrets.code).toBe(0);
    expect(Array.isArray(JSON.parse(secrets.stdout))).toBe(true);
    const whoami = await runCli(["whoami", "--json"], savedLoginEnv());
    expect(whoami.code).toBe(0);
    const me = JSON.parse(whoami.stdout) as Record<string, unknown>;
    expect(me).toMatchObject({
      source: "profile",
      profile: "default",
      file: FILE,
      baseUrl: emu.url,
      groupId: emu.groupId,
      appId: emu.appId,
      roles: [{ role_name: "GROUP_OWNER", group_id: emu.groupId }],
    });
    expect(me["publicKey"]).toBe(masked());
    expect(emu.control.counts().logins).toBe(before);
    const text = await runCli(["whoami"], savedLoginEnv());
    expect(text.stdout).toMatch(/^acting as \*+\w{4} \(saved login, profile "default"\)\n/);
  });

  it("saves a refreshed access token back to the profile, still 0600", async () => {
    const old = saved()!;
    const refreshes = emu.control.counts().refreshes;
    emu.control.expireAccessTokens();
    const result = await runCli(["values", "list"], savedLoginEnv());
    expect(result.code).toBe(0);
    expect(emu.control.counts().refreshes).toBe(refreshes + 1);
    const now = saved()!;
    expect(now.accessToken).not.toBe(old.accessToken);
    expect(now.refreshToken).toBe(old.refreshToken);
    expect(mode(FILE)).toBe(0o600);
  });

  it("narrows a profile file others can read to 0600, with a warning", async () => {
    chmodSync(FILE, 0o644);
    const result = await runCli(["whoami"], savedLoginEnv());
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `warning: ${FILE} was readable by others (mode 644); narrowed to 600.`,
    );
    expect(mode(FILE)).toBe(0o600);
  });

  it("a key pair in the environment wins over the saved login", async () => {
    const result = await runCli(["whoami", "--json"], emulatorEnv(emu));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ source: "key pair" });
  });

  it("never sends the saved tokens to another server", async () => {
    const result = await runCli(
      ["values", "list", "--base-url", "http://127.0.0.1:9/api/admin/v3.0"],
      savedLoginEnv(),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `profile "default" is logged in to ${emu.url}, not http://127.0.0.1:9/api/admin/v3.0`,
    );
  });

  it("keeps logins apart by --profile and $APPSERVICES_PROFILE", async () => {
    expect((await login(["--profile", "ci"])).code).toBe(0);
    expect(saved("ci")?.refreshToken).toMatch(/^eyJ/);
    const result = await runCli(["whoami", "--json"], savedLoginEnv({ APPSERVICES_PROFILE: "ci" }));
    expect(JSON.parse(result.stdout)).toMatchObject({ source: "profile", profile: "ci" });
  });

  it("an ended session: exit 4, saying to log in again", async () => {
    emu.control.expireRefreshTokens();
    emu.control.expireAccessTokens();
    const result = await runCli(["values", "list"], savedLoginEnv({ APPSERVICES_PROFILE: "ci" }));
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /^appservices-admin: POST \/auth\/session failed: 401 InvalidSession: .*\(the saved session has ended: log in again with appservices-admin login\)\n$/,
    );
  });

  it("logout ends the session on the server and removes the profile", async () => {
    expect((await login()).code).toBe(0);
    const logouts = emu.control.counts().logouts;
    const result = await runCli(["logout", "--json"], savedLoginEnv());
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ profile: "default", loggedOut: true, file: FILE });
    expect(emu.control.counts().logouts).toBe(logouts + 1);
    expect(saved()).toBeUndefined();
    expect(mode(FILE)).toBe(0o600);
    const again = await runCli(["logout"], savedLoginEnv());
    expect(again.stdout).toBe(`not logged in (no profile "default" in ${FILE})\n`);
    const whoami = await runCli(["whoami"], savedLoginEnv());
    expect(whoami.code).toBe(2);
  });
});
