/**
 * `apps`, `deploy` and `function run` through the real bin against the emulator: each command's
 * text and `--json` forms checked against the server's state read with the SDK, and their exit
 * codes (2 for what the command line got wrong, 5 for the API's refusals, 7 for a failed
 * deployment, 8 for a wait that ran out).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { deployWithDraft } from "../../packages/deploy/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";

let emu: RunningEmulator;
let admin: AdminClient;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 }, checkResponses: true });
  admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  expect(emu.control.responseProblems()).toEqual([]);
  await emu.stop();
});

const json = <T>(stdout: string) => JSON.parse(stdout) as T;
type App = { _id: string; client_app_id: string; name: string; product: string };

describe("appservices-admin apps", () => {
  it("list: a table of the project's apps, or the API's array with --json", async () => {
    const text = await runCli(["apps", "list"], emulatorEnv(emu));
    expect(text.code).toBe(0);
    const [heading, row, ...rest] = text.stdout.trimEnd().split("\n");
    expect(heading).toMatch(/^ID\s+CLIENT APP ID\s+NAME\s+PRODUCT\s+LOCATION\s+MODEL$/);
    expect(row).toMatch(new RegExp(`^${emu.appId}\\s+myapp-\\w{5}\\s+myapp\\s+standard\\s`));
    expect(rest).toEqual([]);
    const listed = json<App[]>((await runCli(["apps", "ls", "--json"], emulatorEnv(emu))).stdout);
    expect(listed).toEqual(await admin.apps.listApplications({ groupId: emu.groupId }));
  });

  it("create --json answers the new app; list --product all shows it", async () => {
    const created = await runCli(
      [
        "apps",
        "create",
        "--name",
        "second",
        "--deployment-model",
        "LOCAL",
        "--location",
        "IE",
        "--json",
      ],
      emulatorEnv(emu),
    );
    expect(created.code).toBe(0);
    const app = json<App & { deployment_model: string; location: string }>(created.stdout);
    expect(app).toMatchObject({ name: "second", deployment_model: "LOCAL", location: "IE" });
    const all = json<App[]>(
      (await runCli(["apps", "list", "--product", "all", "--json"], emulatorEnv(emu))).stdout,
    );
    expect(all.map((a) => a.name).sort()).toEqual(["myapp", "second"]);
  });

  it("delete needs --yes; then it deletes the app named by its client_app_id", async () => {
    const [app] = (await admin.apps.listApplications({ groupId: emu.groupId })).filter(
      (a) => a.name === "second",
    ) as App[];
    const unconfirmed = await runCli(
      ["apps", "delete", "--app-id", app!.client_app_id],
      emulatorEnv(emu),
    );
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain("confirm with --yes");
    expect(await admin.apps.listApplications({ groupId: emu.groupId })).toHaveLength(2);
    const deleted = await runCli(
      ["apps", "delete", "--yes", "--app-id", app!.client_app_id, "--json"],
      emulatorEnv(emu),
    );
    expect(deleted.code).toBe(0);
    expect(json(deleted.stdout)).toEqual({ deleted: [app!._id], failed: [] });
    const left = await admin.apps.listApplications({ groupId: emu.groupId });
    expect(left.map((a) => a._id)).toEqual([emu.appId]);
  });

  it("list shows every product type unless --product narrows it, as the official CLI", async () => {
    const atlas = (await admin.apps.createApplication({
      groupId: emu.groupId,
      product: "atlas",
      body: { name: "triggers" },
    })) as App;
    const names = async (...argv: string[]) => {
      const run = await runCli(["apps", "list", "--json", ...argv], emulatorEnv(emu));
      expect(run.code).toBe(0);
      return json<App[]>(run.stdout).map((a) => `${a.name}:${a.product}`);
    };
    const both = ["myapp:standard", "triggers:atlas"];
    expect(await names()).toEqual(both);
    expect(await names("--product", "standard")).toEqual(["myapp:standard"]);
    expect(await names("--product", "atlas")).toEqual(["triggers:atlas"]);
    expect(await names("--product", "atlas", "--product", "standard")).toEqual(both);
    expect(await names("--product", "atlas,standard")).toEqual(both);
    const text = await runCli(["apps", "list"], emulatorEnv(emu));
    expect(text.stdout).toMatch(
      new RegExp(`\\n${atlas._id}\\s+triggers-\\w{5}\\s+triggers\\s+atlas\\s`),
    );
    await admin.apps.deleteApplication({ groupId: emu.groupId, appId: atlas._id });
  });

  it("rejects a product type it does not know, before any request (exit 2)", async () => {
    const result = await runCli(["apps", "list", "--product", "standard,atlsa"], emulatorEnv(emu));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "--product takes standard, atlas, data-api, device-sync or all",
    );
  });

  it("describe: the app's description, as the official CLI shows it", async () => {
    const result = await runCli(["apps", "describe", "--json"], emulatorEnv(emu));
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toMatchObject({ name: "myapp", auth_providers: expect.any(Array) });
  });
});

describe("appservices-admin deploy", () => {
  it("status with no deployment is a usage error; list prints none", async () => {
    const status = await runCli(["deploy", "status"], emulatorEnv(emu));
    expect(status.code).toBe(2);
    expect(status.stderr).toContain("the app has no deployment yet");
    expect((await runCli(["deploy", "list"], emulatorEnv(emu))).stdout).toBe("no deployments\n");
  });

  it("list and status --wait follow deployments; a failed one exits 7 with the server's message", async () => {
    const ids = { groupId: emu.groupId, appId: emu.appId };
    const ok = await deployWithDraft(admin, ids, async (client) => {
      await client.values.createValue({ ...ids, body: { name: "v", private: false, value: 1 } });
    });
    emu.control.failNextDeployment("syntax error in function x");
    const failing = await deployWithDraft(admin, ids, async (client) => {
      await client.values.createValue({ ...ids, body: { name: "w", private: false, value: 2 } });
    }).catch((error: { deploymentId?: string }) => error.deploymentId);

    const listed = json<{ _id: string; status: string }[]>(
      (await runCli(["deploy", "list", "--json"], emulatorEnv(emu))).stdout,
    );
    expect(listed.map((d) => d._id)).toEqual([failing, ok._id]);

    const waited = await runCli(["deploy", "status", ok._id, "--wait", "--json"], emulatorEnv(emu));
    expect(waited.code).toBe(0);
    expect(json(waited.stdout)).toMatchObject({ _id: ok._id, status: "successful" });

    const failed = await runCli(["deploy", "status", "--wait"], emulatorEnv(emu));
    expect(failed.code).toBe(7);
    expect(failed.stderr).toContain(`deployment ${failing} failed: syntax error in function x`);
  });
});

describe("deploy status --wait --timeout", () => {
  // A deployment that stays pending for an hour: the wait ends by --timeout, never by the server.
  let slow: RunningEmulator;
  beforeAll(async () => {
    slow = await startEmulator({
      logs: { count: 0 },
      deploymentTiming: { createdMs: 0, pendingMs: 3_600_000 },
    });
  });
  afterAll(async () => {
    expectNoSecretPrinted([slow.credentials.publicKey, slow.credentials.privateKey]);
    await slow.stop();
  });

  it("exits 8 (not 5: the API did not fail) and says the deployment goes on and how to follow it", async () => {
    const client = createAdminClient({ baseUrl: slow.url, credentials: slow.credentials });
    const ids = { groupId: slow.groupId, appId: slow.appId };
    const draft = await client.deploy.createDeploymentDraft(ids);
    await client.values.createValue({ ...ids, body: { name: "v", private: false, value: 1 } });
    const deployment = await client.deploy.deployDraft({ ...ids, draftId: draft._id! });

    const result = await runCli(
      ["deploy", "status", deployment._id!, "--wait", "--timeout", "1"],
      emulatorEnv(slow),
    );
    expect(result.code).toBe(8);
    expect(result.stderr).toBe(
      `deployment ${deployment._id}: pending\n` +
        `appservices-admin: deployment ${deployment._id} was still pending when --timeout (1 s) ran out; ` +
        `it goes on on the server (follow it with appservices-admin deploy status ${deployment._id} --wait)\n`,
    );
    const now = await client.deploy.getDeployment({ ...ids, deploymentId: deployment._id! });
    expect(now.status).toBe("pending");
  });
});

describe("appservices-admin function run", () => {
  it("runs as the system user by default: result on stdout, console output on stderr", async () => {
    await admin.functions.createFunction({
      groupId: emu.groupId,
      appId: emu.appId,
      body: { name: "sum", source: "exports = (a, b) => a + b;", private: false },
    });
    emu.control.stubFunction("sum", { result: { total: 3 }, logs: ["adding 1 and 2"] });
    const result = await runCli(["function", "run", "sum", "--args", "[1, 2]"], emulatorEnv(emu));
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toEqual({ total: 3 });
    expect(result.stderr).toBe("adding 1 and 2\nran in 0s\n");
    const sent = emu.control
      .requests()
      .filter((r) => r.path.endsWith("/execute_function"))
      .at(-1)!;
    expect(sent.query).toBe("run_as_system=true");
  });

  it("--user runs as that user; --json prints the API's answer", async () => {
    const user = await admin.users.createUser({
      groupId: emu.groupId,
      appId: emu.appId,
      body: { email: "runner@example.com", password: "correct horse" },
    });
    const result = await runCli(
      ["function", "run", "sum", "--user", user._id!, "--args", '{"a": 1}', "--json"],
      emulatorEnv(emu),
    );
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toEqual({
      result: { total: 3 },
      logs: ["adding 1 and 2"],
      stats: { execution_time: "0s" },
    });
    const sent = emu.control
      .requests()
      .filter((r) => r.path.endsWith("/execute_function"))
      .at(-1)!;
    expect(sent.query).toBe(`user_id=${user._id}`);
  });

  it("refuses --user with --system and bad --args (exit 2); an unknown function is the API's 404 (exit 5)", async () => {
    const both = await runCli(
      ["function", "run", "sum", "--user", "u1", "--system"],
      emulatorEnv(emu),
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--user and --system exclude each other");
    const bad = await runCli(["function", "run", "sum", "--args", "[1,"], emulatorEnv(emu));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^appservices-admin: --args is not JSON: /);
    const missing = await runCli(["function", "run", "nosuch"], emulatorEnv(emu));
    expect(missing.code).toBe(5);
    expect(missing.stderr).toMatch(/execute_function failed: 404/);
  });
});
