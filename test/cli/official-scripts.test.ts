/**
 * Command lines from scripts written for the official CLI (realm-cli), run as they were written
 * against the emulator: `log list` (its alias), the `--start`/`--end` forms its flags.Date reads
 * (`2024-05-01T12`, `-0700` offsets, and no offset read as UTC whatever the machine's zone), and
 * `users delete|revoke -u ... --state/--provider`, which act only on the named users that match.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, expectNoSecretPrinted, runCli, startCli } from "./helpers.js";

const PASSWORD = "official-scripts-pw-1";

let emu: RunningEmulator;
let admin: AdminClient;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 400 } });
  admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey, PASSWORD]);
  await emu.stop();
});

const ids = () => ({ groupId: emu.groupId, appId: emu.appId });

/** The ids of the JSON lines a `logs --json` run printed. */
function logIds(stdout: string): string[] {
  return stdout === ""
    ? []
    : stdout
        .trimEnd()
        .split("\n")
        .map((line) => (JSON.parse(line) as { _id: string })._id);
}

describe("logs, as the official CLI's scripts call it", () => {
  it("answers to `log` (the official CLI's alias) as to `logs`", async () => {
    const logs = await runCli(["logs", "list", "--json", "--limit", "3"], emulatorEnv(emu));
    const log = await runCli(["log", "ls", "--json", "--limit", "3"], emulatorEnv(emu));
    expect(log.stderr).toBe("");
    expect(log.code).toBe(0);
    expect(logIds(log.stdout)).toHaveLength(3);
    expect(log.stdout).toBe(logs.stdout);
  });

  it("takes the official CLI's shorter times: to the hour, and an offset after the day or hour", async () => {
    const all = await runCli(["logs", "--json"], emulatorEnv(emu));
    const started = (JSON.parse(all.stdout.split("\n")[0]!) as { started: string }).started;
    const day = started.slice(0, 10);
    const hour = started.slice(11, 13);
    // Each names the same instant two ways: the official form, and ISO 8601 written out.
    const pairs = [
      [`${day}T${hour}`, `${day}T${hour}:00:00Z`],
      [`${day}T${hour}-0700`, `${day}T${hour}:00:00-07:00`],
      [`${day}-0000`, `${day}T00:00:00Z`],
      [`${day}T${hour}:00:00.000+0000`, `${day}T${hour}:00:00Z`],
    ];
    for (const [official, iso] of pairs) {
      const ours = await runCli(["logs", "--json", "--end", iso!], emulatorEnv(emu));
      const theirs = await runCli(["logs", "--json", "--end", official!], emulatorEnv(emu));
      expect(theirs.stderr).toBe("");
      expect(theirs.code).toBe(0);
      expect(logIds(theirs.stdout)).toEqual(logIds(ours.stdout));
    }
  });

  it("reads a time without an offset as UTC, as the official CLI does, in any zone", async () => {
    const all = await runCli(["logs", "--json"], emulatorEnv(emu));
    const entries = all.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { _id: string; started: string });
    // A cut to the second, written without a zone, with entries on both sides of it (many
    // seeded entries share one time).
    const atOrBefore = (cut: string) =>
      entries.filter((e) => Date.parse(e.started) <= Date.parse(`${cut}Z`)).map((e) => e._id);
    const cut = entries
      .map((e) => e.started.slice(0, 19))
      .find((c) => atOrBefore(c).length > 0 && atOrBefore(c).length < entries.length);
    expect(cut).toBeDefined();
    const expected = atOrBefore(cut!);
    // A process of its own: the zone is the process's, seven hours behind UTC here. ISO 8601's
    // space for the `T` too (Date.parse read that one in the machine's zone), and RFC 3339's
    // lower-case `t` and `z`.
    for (const end of [cut!, cut!.replace("T", " "), `${cut!.replace("T", "t")}z`]) {
      const child = startCli(["logs", "--json", "--end", end], {
        ...emulatorEnv(emu),
        TZ: "America/Denver",
      });
      const run = await child.done;
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(logIds(run.stdout)).toEqual(expected);
    }
  });
});

describe("users delete|revoke with the official CLI's filters", () => {
  async function newUser(email: string): Promise<string> {
    const user = await admin.users.createUser({ ...ids(), body: { email, password: PASSWORD } });
    return user._id!;
  }

  it("--state acts on the named users in that state only, and says which it left", async () => {
    const [on, off] = [await newUser("on@example.com"), await newUser("off@example.com")];
    await admin.users.disableUser({ ...ids(), userId: off });
    const run = await runCli(
      ["users", "delete", "-u", on, "-u", off, "--state", "disabled", "--json"],
      emulatorEnv(emu),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ deleted: [off], failed: [] });
    expect(run.stderr).toBe(`skipped  ${on}: does not match --state disabled\n`);
    const left = (await admin.users.listUsers(ids())).map((u) => u._id);
    expect(left).toContain(on);
    expect(left).not.toContain(off);
  });

  it("--provider narrows too; none left is an error that changes nothing", async () => {
    const user = await newUser("kept@example.com");
    const none = await runCli(
      ["users", "revoke", "--user", user, "--provider", "api-key"],
      emulatorEnv(emu),
    );
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toMatch(
      /^appservices-admin: nothing to revoke: none of the users named matches --provider api-key/,
    );
    const some = await runCli(
      ["users", "revoke", "--user", user, "--provider", "local-userpass,api-key"],
      emulatorEnv(emu),
    );
    expect(some.code).toBe(0);
    expect(some.stdout).toBe(`revoked  ${user}\n`);
  });

  it("refuses --pending, and filters without ids, saying what to run instead", async () => {
    const pending = await runCli(["users", "delete", "--pending", "-u", "x"], emulatorEnv(emu));
    expect(pending.code).toBe(2);
    expect(pending.stderr).toContain("user_registrations/by_email/<email>");
    const unnamed = await runCli(["users", "delete", "--state", "disabled"], emulatorEnv(emu));
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toMatch(
      /name the users to delete \(ids, or -u\): users list --state disabled --json gives the ids/,
    );
  });
});

describe("secrets update -n alone, the official CLI's rename", () => {
  it("is refused with why, and the secret keeps its name and value", async () => {
    await admin.secrets.createSecret({ ...ids(), body: { name: "renamed", value: "v-1234" } });
    const run = await runCli(
      ["secrets", "update", "-s", "renamed", "-n", "other"],
      emulatorEnv(emu),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^appservices-admin: secrets update -n renames only with the value: give --value or --value-stdin too/,
    );
    const names = (await admin.secrets.getAllSecrets(ids())).map((s) => s.name);
    expect(names).toContain("renamed");
    expect(names).not.toContain("other");
  });
});
