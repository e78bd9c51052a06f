/**
 * The CLI's commands across the projects of one login, against the emulator serving several
 * projects to one key (its `projects` option): `apps list` with no project lists every project's
 * apps, `-a <app>` finds the app in whichever project has it, a name two projects share stops with
 * exit 2 listing both, and `apps delete -a` deletes each app in its own project. The loopback stubs
 * (apps-list-projects.test.ts, app-without-project.test.ts) keep the roles the emulator never
 * gives: one without a group id, a hostile group id.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { expectNoSecretPrinted, keysOnlyEnv, runCli } from "./helpers.js";

const P2 = "5f00000000000000000000b2";
const SHOP = { name: "shop", clientAppId: "shop-bbbbb", appId: "6a00000000000000000000a2" };
const TWIN = { name: "myapp", clientAppId: "myapp-twins", appId: "6a00000000000000000000a3" };
const DOOMED = { name: "doomed", clientAppId: "doomed-ccccc", appId: "6a00000000000000000000a4" };
const SECRET_VALUE = "v4lue-of-the-shop-secret";

let emu: RunningEmulator;
let admin: AdminClient;
let P1: string;
beforeAll(async () => {
  emu = await startEmulator({
    logs: { count: 0 },
    checkResponses: true,
    projects: [{ groupId: P2, apps: [SHOP, TWIN, DOOMED] }],
  });
  admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
  P1 = emu.groupId;
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey, SECRET_VALUE]);
  expect(emu.control.responseProblems()).toEqual([]);
  await emu.stop();
});

/** The emulator's key and URL only: no project, no app, no saved login. */
const noProject = () => keysOnlyEnv(emu);

describe("the CLI across the emulator's projects (one key, two projects)", () => {
  it("apps list with no project lists both projects' apps, each with its project", async () => {
    const run = await runCli(["apps", "list"], noProject());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^PROJECT\s+ID\s+CLIENT APP ID\s+NAME\s+PRODUCT/);
    const seeded = emu.projects[0]!.apps[0]!;
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 4))).toEqual([
      // By name, as the CLI sorts them; the two "myapp" in the projects' order.
      [P2, DOOMED.appId, DOOMED.clientAppId, "doomed"],
      [P1, emu.appId, seeded.clientAppId, "myapp"],
      [P2, TWIN.appId, TWIN.clientAppId, "myapp"],
      [P2, SHOP.appId, SHOP.clientAppId, "shop"],
    ]);
    const json = await runCli(["apps", "list", "-a", "SHO", "-f", "json"], noProject());
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ _id: SHOP.appId, group_id: P2, client_app_id: SHOP.clientAppId }),
    ]);
  });

  it("secrets list -a finds the app in the second project", async () => {
    const made = await admin.secrets.createSecret({
      groupId: P2,
      appId: SHOP.appId,
      body: { name: "shop_key", value: SECRET_VALUE },
    });
    for (const wanted of ["shop", SHOP.clientAppId, "shop-b"]) {
      const run = await runCli(["secrets", "list", "-a", wanted, "--verbose"], noProject());
      expect(run.code, wanted).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^ID\\s+NAME\\n${made._id}\\s+shop_key\\n$`));
      expect(run.stderr).toContain(`debug: app ${wanted} is ${SHOP.appId} of project ${P2}\n`);
    }
  });

  it("stops (exit 2) for a name both projects have, listing both apps with their projects", async () => {
    const before = emu.control.counts().byOperation["adminListSecrets"] ?? 0;
    const run = await runCli(["secrets", "list", "-a", "myapp"], noProject());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('app "myapp" matches 2 apps of the login\'s 2 projects');
    const seeded = emu.projects[0]!.apps[0]!;
    expect(run.stderr).toContain(
      `project ${P1}: myapp (client_app_id ${seeded.clientAppId}, _id ${emu.appId})`,
    );
    expect(run.stderr).toContain(
      `project ${P2}: myapp (client_app_id ${TWIN.clientAppId}, _id ${TWIN.appId})`,
    );
    expect(run.stderr).toContain("pass --project");
    // Neither app was asked for its secrets.
    expect(emu.control.counts().byOperation["adminListSecrets"] ?? 0).toBe(before);
    // The project named settles it.
    const named = await runCli(
      ["secrets", "list", "-a", "myapp", "--project", P2, "--json"],
      noProject(),
    );
    expect(named.stderr).toBe("");
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout)).toEqual([]);
  });

  it("apps delete -a deletes an app of each project, each in its own project", async () => {
    const made = await admin.apps.createApplication({ groupId: P1, body: { name: "old" } });
    const run = await runCli(
      ["apps", "delete", "-a", "old", "-a", "doomed", "--yes", "--json"],
      noProject(),
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ deleted: [made._id, DOOMED.appId], failed: [] });
    const deletes = emu.control
      .requests()
      .filter((r) => r.method === "DELETE")
      .map((r) => r.path);
    expect(deletes).toEqual([
      `/groups/${P1}/apps/${made._id}`,
      `/groups/${P2}/apps/${DOOMED.appId}`,
    ]);
    const left = async (groupId: string) =>
      (await admin.apps.listApplications({ groupId })).map((a) => a.name);
    expect(await left(P1)).toEqual(["myapp"]);
    expect(await left(P2)).toEqual(["shop", "myapp"]);
    // An ambiguous name deletes nothing, in either project.
    const twin = await runCli(
      ["apps", "delete", "-a", "shop", "-a", "myapp", "--yes"],
      noProject(),
    );
    expect(twin.code).toBe(2);
    expect(twin.stderr).toContain('app "myapp" matches 2 apps');
    expect(await left(P1)).toEqual(["myapp"]);
    expect(await left(P2)).toEqual(["shop", "myapp"]);
  });
});
