/**
 * `secrets`, `values` and `users` through the real bin against the emulator: create, list,
 * update and delete checked against the server's state read with the SDK; the users list follows
 * every page (50 per request) and filters by state and provider; several targets fail one by one
 * (exit 1) while one unknown name fails before anything changes (exit 2). A secret's value and a
 * user's password are never printed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";

const SECRET_VALUE = "s3cr3t-value-that-must-not-show";
const NEW_SECRET_VALUE = "an0ther-s3cr3t-value";
const PASSWORD = "pa55word-never-shown";

let emu: RunningEmulator;
let admin: AdminClient;
let ids: { groupId: string; appId: string };
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 }, checkResponses: true });
  admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
  ids = { groupId: emu.groupId, appId: emu.appId };
});
afterAll(async () => {
  expectNoSecretPrinted([
    emu.credentials.publicKey,
    emu.credentials.privateKey,
    SECRET_VALUE,
    NEW_SECRET_VALUE,
    PASSWORD,
  ]);
  expect(emu.control.responseProblems()).toEqual([]);
  await emu.stop();
});

const json = <T>(stdout: string) => JSON.parse(stdout) as T;

describe("appservices-admin secrets", () => {
  it("create (value from stdin), list as a table and as JSON", async () => {
    const created = await runCli(
      ["secrets", "create", "--name", "apiToken", "--value-stdin", "--json"],
      emulatorEnv(emu),
      `${SECRET_VALUE}\n`,
    );
    expect(created.code).toBe(0);
    const secret = json<{ _id: string; name: string }>(created.stdout);
    expect(secret.name).toBe("apiToken");
    await admin.secrets.createSecret({ ...ids, body: { name: "other", value: "x-other-x" } });
    const text = await runCli(["secrets", "list"], emulatorEnv(emu));
    expect(text.stdout).toMatch(/^ID\s+NAME\n/);
    expect(text.stdout).toContain(`${secret._id}  apiToken\n`);
    const listed = json<unknown[]>(
      (await runCli(["secrets", "ls", "--json"], emulatorEnv(emu))).stdout,
    );
    expect(listed).toEqual(await admin.secrets.getAllSecrets(ids));
  });

  it("update by name replaces the value, keeping the name; --value is required", async () => {
    const missing = await runCli(["secrets", "update", "apiToken"], emulatorEnv(emu));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--value or --value-stdin is required");
    const updated = await runCli(
      ["secrets", "update", "apiToken", "--value", NEW_SECRET_VALUE, "--json"],
      emulatorEnv(emu),
    );
    expect(updated.code).toBe(0);
    const [secret] = (await admin.secrets.getAllSecrets(ids)).filter((s) => s.name === "apiToken");
    expect(json(updated.stdout)).toEqual({ updated: [secret!._id], failed: [] });
    const put = emu.control
      .requests()
      .filter((r) => r.method === "PUT" && r.path.includes("/secrets/"));
    expect(put.map((r) => r.status)).toEqual([204]);
  });

  it("update with --name says the secret was renamed", async () => {
    const made = await admin.secrets.createSecret({
      ...ids,
      body: { name: "oldName", value: NEW_SECRET_VALUE },
    });
    const renamed = await runCli(
      ["secrets", "update", "oldName", "--value", NEW_SECRET_VALUE, "--name", "newName"],
      emulatorEnv(emu),
    );
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toBe(`updated  oldName (${made._id}), now named newName\n`);
    const names = (await admin.secrets.getAllSecrets(ids)).map((s) => s.name);
    expect(names).toContain("newName");
    expect(names).not.toContain("oldName");
    await admin.secrets.deleteSecret({ ...ids, secretId: made._id! });
    expect(renamed.stdout).not.toContain(NEW_SECRET_VALUE);
  });

  it("delete: an unknown name fails before anything is deleted (exit 2); then by name and id", async () => {
    const before = await admin.secrets.getAllSecrets(ids);
    const unknown = await runCli(["secrets", "delete", "apiToken", "nosuch"], emulatorEnv(emu));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no secret named "nosuch"');
    expect(await admin.secrets.getAllSecrets(ids)).toEqual(before);
    const other = before.find((s) => s.name === "other")!;
    const deleted = await runCli(
      ["secrets", "delete", "apiToken", "--secret", other._id!],
      emulatorEnv(emu),
    );
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toBe(
      `deleted  apiToken (${before.find((s) => s.name === "apiToken")!._id})\ndeleted  other (${other._id})\n`,
    );
    expect(await admin.secrets.getAllSecrets(ids)).toEqual([]);
  });
});

describe("appservices-admin values", () => {
  it("create takes JSON (a bare word is refused with a hint); list shows it", async () => {
    const bare = await runCli(
      ["values", "create", "--name", "greeting", "--value", "hello"],
      emulatorEnv(emu),
    );
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain(`(a JSON string needs quotes: --value '"text"')`);
    const created = await runCli(
      ["values", "create", "--name", "limits", "--value", '{"max": 5}', "--private"],
      emulatorEnv(emu),
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toBe("created value limits\n");
    const [summary] = await admin.values.listValues(ids);
    expect(summary).toMatchObject({ name: "limits", private: true });
    const listed = await runCli(["values", "list"], emulatorEnv(emu));
    expect(listed.stdout).toMatch(
      new RegExp(`^ID\\s+NAME\\s+PRIVATE\\n${summary!._id}\\s+limits\\s+yes\\n$`),
    );
  });

  it("update replaces the value, keeping what was not given; delete by id", async () => {
    const [summary] = await admin.values.listValues(ids);
    const updated = await runCli(
      ["values", "update", "limits", "--value", '{"max": 9}'],
      emulatorEnv(emu),
    );
    expect(updated.code).toBe(0);
    const value = await admin.values.getValue({ ...ids, valueId: summary!._id! });
    expect(value).toMatchObject({ name: "limits", value: { max: 9 }, private: true });

    const deleted = await runCli(["values", "delete", summary!._id!, "--json"], emulatorEnv(emu));
    expect(json(deleted.stdout)).toEqual({ deleted: [summary!._id], failed: [] });
    expect(await admin.values.listValues(ids)).toEqual([]);
  });
});

describe("appservices-admin users", () => {
  it("create: an email/password user (password from stdin), and an API key user", async () => {
    const user = await runCli(
      ["users", "create", "--email", "ada@example.com", "--password-stdin", "--json"],
      emulatorEnv(emu),
      `${PASSWORD}\n`,
    );
    expect(user.code).toBe(0);
    expect(json(user.stdout)).toMatchObject({
      data: { email: "ada@example.com" },
      disabled: false,
    });
    const key = await runCli(
      ["users", "create", "--type", "api-key", "--name", "ci-bot"],
      emulatorEnv(emu),
    );
    expect(key.code).toBe(0);
    expect(key.stdout).toMatch(
      /^created API key ci-bot \(\w+\); its key, shown this once:\n\S+\n$/,
    );
    const noPassword = await runCli(
      ["users", "create", "--email", "x@example.com"],
      emulatorEnv(emu),
    );
    expect(noPassword.code).toBe(2);
  });

  it("list follows every page of 50 and matches the SDK's own paging", async () => {
    for (let i = 0; i < 60; i++) {
      await admin.users.createUser({
        ...ids,
        body: { email: `user${i}@example.com`, password: "pw-123456" },
      });
    }
    const before = emu.control.requests().length;
    const result = await runCli(["users", "list", "--json"], emulatorEnv(emu));
    expect(result.code).toBe(0);
    const listed = json<{ _id: string }[]>(result.stdout);
    const pages = emu.control
      .requests()
      .slice(before)
      .filter((r) => r.method === "GET" && r.path.endsWith("/users"));
    expect(pages).toHaveLength(2);
    expect(pages[1]!.query).toBe(`after=${listed[49]!._id}`);
    const all: { _id?: string }[] = [];
    for (let page = await admin.users.listUsers(ids); ;) {
      all.push(...page);
      if (page.length < 50) break;
      page = await admin.users.listUsers({ ...ids, after: page.at(-1)!._id });
    }
    expect(listed.map((u) => u._id)).toEqual(all.map((u) => u._id));
    expect(listed.length).toBeGreaterThanOrEqual(60);
    const limited = await runCli(["users", "list", "--limit", "55", "--json"], emulatorEnv(emu));
    expect(json<unknown[]>(limited.stdout)).toHaveLength(55);
  });

  it("disable several at once; --state and --provider filter, as the official CLI sends them", async () => {
    const users = (await admin.users.listUsers(ids)).slice(0, 2).map((u) => u._id!);
    const disabled = await runCli(["users", "disable", ...users, "--json"], emulatorEnv(emu));
    expect(json(disabled.stdout)).toEqual({ disabled: users, failed: [] });
    const off = json<{ _id: string; disabled: boolean }[]>(
      (await runCli(["users", "list", "--state", "disabled", "--json"], emulatorEnv(emu))).stdout,
    );
    expect(off.map((u) => u._id).sort()).toEqual([...users].sort());
    const sent = emu.control
      .requests()
      .filter((r) => r.path.endsWith("/users"))
      .at(-1)!;
    expect(sent.query).toBe("status=disabled");
    const keys = json<{ identities: { provider_type: string }[] }[]>(
      (await runCli(["users", "list", "--provider", "api-key", "--json"], emulatorEnv(emu))).stdout,
    );
    expect(keys).toHaveLength(1);
    expect(keys[0]!.identities.map((i) => i.provider_type)).toEqual(["api-key"]);
    const bad = await runCli(["users", "list", "--provider", "google"], emulatorEnv(emu));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--provider takes local-userpass, api-key");
  });

  it("enable and revoke: the users are enabled, their sessions ended; --pending lists registrations", async () => {
    const [first] = await admin.users.listUsers(ids);
    expect(first!.disabled).toBe(true);
    const enabled = await runCli(["users", "enable", first!._id!], emulatorEnv(emu));
    expect(enabled.code).toBe(0);
    expect(enabled.stdout).toBe(`enabled  ${first!._id}\n`);
    expect((await admin.users.getUser({ ...ids, userId: first!._id! })).disabled).toBe(false);
    const revoked = await runCli(
      ["users", "revoke", "--user", first!._id!, "--json"],
      emulatorEnv(emu),
    );
    expect(JSON.parse(revoked.stdout)).toEqual({ revoked: [first!._id], failed: [] });
    const logout = emu.control
      .requests()
      .filter((r) => r.path.endsWith(`/users/${first!._id}/logout`));
    expect(logout.map((r) => [r.method, r.status])).toEqual([["PUT", 204]]);
    const pending = await runCli(["users", "list", "--pending", "--json"], emulatorEnv(emu));
    expect(pending.code).toBe(0);
    expect(emu.control.requests().at(-1)!.path).toMatch(/\/user_registrations\/pending_users$/);
    expect(JSON.parse(pending.stdout)).toEqual(await admin.users.listPendingUsers(ids));
  });

  it("delete goes on past a failing id and exits 1, listing it; one failing id alone exits 5", async () => {
    const [first] = await admin.users.listUsers(ids);
    const result = await runCli(
      ["users", "delete", first!._id!, "-u", "0123456789abcdef01234567"],
      emulatorEnv(emu),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `^deleted  ${first!._id}\\nfailed  0123456789abcdef01234567: DELETE /groups/\\w+/apps/\\w+/users/0123456789abcdef01234567 failed: 404`,
      ),
    );
    await expect(admin.users.getUser({ ...ids, userId: first!._id! })).rejects.toMatchObject({
      status: 404,
    });
    const all = await runCli(["users", "revoke", "0123456789abcdef01234567"], emulatorEnv(emu));
    expect(all.code).toBe(5);
  });
});
