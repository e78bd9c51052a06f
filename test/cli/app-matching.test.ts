/**
 * How `-a/--app/--app-id` finds an app, against the emulator, as the official CLI (realm-cli)
 * does where it is clear: a client_app_id in any case (it lower-cases what it is given), a name,
 * then the one client_app_id that starts with the value (internal/cloud/realm/app.go FindApps:
 * HasPrefix(ClientAppID, ToLower(app))); where several match, the official CLI asks and this
 * refuses, listing them (exit 2). `apps delete -a` matches exactly, as the official one does
 * (internal/commands/app/delete_inputs.go). And the flags no command may ignore: `apps list
 * --app-id` filters, `apps create --app-id` and `api` with nothing to fill are refused, `login`
 * refuses two spellings of one key without printing either; an upper-case project id is sent
 * in lower case.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { expectNoSecretPrinted, keysOnlyEnv, runCli } from "./helpers.js";

let emu: RunningEmulator;
let admin: AdminClient;
interface Made {
  _id: string;
  name: string;
  client_app_id: string;
}
const made: Record<string, Made> = {};

beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
  admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
  const make = async (key: string, name: string) => {
    const app = await admin.apps.createApplication({ groupId: emu.groupId, body: { name } });
    made[key] = { _id: app._id!, name: app.name!, client_app_id: app.client_app_id! };
  };
  await make("zebra", "zebra");
  await make("eggcorn", "eggcorn");
  await make("eggcorn2", "eggcorn2");
  await make("alpha", "alpha");
  // An app whose name is another app's client_app_id.
  await make("twin", made["alpha"]!.client_app_id);
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  await emu.stop();
});

const env = () => ({ ...keysOnlyEnv(emu), APPSERVICES_GROUP_ID: emu.groupId });
const json = <T>(stdout: string) => JSON.parse(stdout) as T;

/** The app `describe` ran on, by the `_id` in the path it asked for. */
async function describedApp(
  app: string,
): Promise<{ code: number | null; appId?: string; stderr: string }> {
  emu.control.resetCounts();
  const run = await runCli(["apps", "describe", "--json", "-a", app], env());
  const asked = emu.control
    .requests()
    .find((r) => r.path.startsWith(`/groups/${emu.groupId}/apps/`) && r.method === "GET");
  return { code: run.code, appId: asked?.path.split("/")[4], stderr: run.stderr };
}

describe("-a finds the app as the official CLI's --app", () => {
  it("by its client_app_id in any case, or its name", async () => {
    const zebra = made["zebra"]!;
    for (const value of [zebra.client_app_id, zebra.client_app_id.toUpperCase(), zebra.name]) {
      const run = await describedApp(value);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.appId).toBe(zebra._id);
    }
  });

  it("by the start of one client_app_id, in any case", async () => {
    for (const value of ["zeb", "ZEBR"]) {
      const run = await describedApp(value);
      expect(run.code).toBe(0);
      expect(run.appId).toBe(made["zebra"]!._id);
    }
  });

  it("an exact name wins over the other client_app_ids it starts", async () => {
    // "eggcorn" starts eggcorn2's client_app_id too, but is eggcorn's name.
    const run = await describedApp("eggcorn");
    expect(run.code).toBe(0);
    expect(run.appId).toBe(made["eggcorn"]!._id);
  });

  it("the start of several client_app_ids is refused, listing them (exit 2), where the official CLI asks", async () => {
    const run = await describedApp("egg");
    expect(run.code).toBe(2);
    expect(run.appId).toBeUndefined();
    expect(run.stderr).toContain('app "egg" starts the client_app_id of 2 apps');
    expect(run.stderr).toContain(made["eggcorn"]!.client_app_id);
    expect(run.stderr).toContain(made["eggcorn2"]!.client_app_id);
    expect(run.stderr).toContain("give the whole client_app_id or the _id");
  });

  it("one app's client_app_id that is another's name is refused, naming both (exit 2)", async () => {
    const alpha = made["alpha"]!;
    const twin = made["twin"]!;
    expect(twin.name).toBe(alpha.client_app_id);
    const run = await describedApp(alpha.client_app_id);
    expect(run.code).toBe(2);
    expect(run.appId).toBeUndefined();
    expect(run.stderr).toContain(`app "${alpha.client_app_id}" names 2 apps`);
    expect(run.stderr).toContain(alpha._id);
    expect(run.stderr).toContain(twin._id);
    // Either one by its _id.
    expect((await describedApp(twin._id)).appId).toBe(twin._id);
  });

  it("an _id in upper case is the same app", async () => {
    const run = await describedApp(made["zebra"]!._id.toUpperCase());
    expect(run.code).toBe(0);
    expect(run.appId).toBe(made["zebra"]!._id);
  });
});

describe("apps delete -a", () => {
  it("matches exactly (no prefix), lists the apps once for all the names, deletes each app once", async () => {
    const doomed = await admin.apps.createApplication({
      groupId: emu.groupId,
      body: { name: "doomed" },
    });
    // Neither by -a nor by the settings' app (the flag, the environment).
    for (const [argv, extra] of [
      [["-a", "doom"], {}],
      [["--app-id", "doom"], {}],
      [[], { APPSERVICES_APP_ID: "doom" }],
    ] as const) {
      const prefix = await runCli(["apps", "delete", ...argv, "--yes"], { ...env(), ...extra });
      expect(prefix.code).toBe(2);
      expect(prefix.stderr).toContain('no app with client_app_id or name "doom"');
    }
    const left = await admin.apps.listApplications({ groupId: emu.groupId });
    expect(left.map((a) => a._id)).toContain(doomed._id);
    emu.control.resetCounts();
    const run = await runCli(
      [
        "apps",
        "delete",
        "-a",
        "doomed",
        "-a",
        doomed.client_app_id!,
        "-a",
        "doomed",
        "-y",
        "--json",
      ],
      env(),
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toEqual({ deleted: [doomed._id], failed: [] });
    const requests = emu.control.requests();
    const listings = requests.filter((r) => r.operation === "adminListApplications");
    // One request per product type, whatever the number of names.
    expect(listings).toHaveLength(4);
    expect(requests.filter((r) => r.method === "DELETE")).toHaveLength(1);
  });
});

describe("flags no command ignores", () => {
  it("apps list --app-id filters as -a: a client_app_id's start, or an _id", async () => {
    const ids = async (...argv: string[]) => {
      const run = await runCli(["apps", "list", "--json", ...argv], env());
      expect(run.code).toBe(0);
      return json<{ _id: string }[]>(run.stdout).map((a) => a._id);
    };
    const eggs = [made["eggcorn"]!._id, made["eggcorn2"]!._id].sort();
    expect((await ids("--app-id", "EGG")).sort()).toEqual(eggs);
    expect((await ids("-a", "egg")).sort()).toEqual(eggs);
    expect(await ids("--app-id", made["zebra"]!._id)).toEqual([made["zebra"]!._id]);
  });

  it("apps create refuses --app-id and -a (the new app is named by --name)", async () => {
    for (const flag of ["--app-id", "-a"]) {
      const run = await runCli(["apps", "create", "-n", "fresh", flag, "zebra"], env());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("apps create makes a new app: --app-id/-a name an existing one");
    }
    const names = (await admin.apps.listApplications({ groupId: emu.groupId })).map((a) => a.name);
    expect(names).not.toContain("fresh");
  });

  it("api refuses --app-id or --group-id when the path has nothing for them to fill", async () => {
    const path = `/groups/${emu.groupId}/apps/${made["zebra"]!._id}/values`;
    const app = await runCli(["api", "GET", path, "--app-id", "eggcorn"], env());
    expect(app.code).toBe(2);
    expect(app.stderr).toContain("--app-id (-a) is given, but the path has no {appId} to fill");
    const group = await runCli(["api", "GET", path, "--group-id", emu.groupId], env());
    expect(group.code).toBe(2);
    expect(group.stderr).toContain(
      "--group-id (--project) is given, but the path has no {groupId}",
    );
    const filled = await runCli(
      ["api", "GET", "/groups/{groupId}/apps/{appId}/values", "-a", "zebra"],
      env(),
    );
    expect(filled.code).toBe(0);
  });

  it("an upper-case project id is sent in lower case", async () => {
    emu.control.resetCounts();
    const run = await runCli(
      ["apps", "list", "--json", "--group-id", emu.groupId.toUpperCase()],
      keysOnlyEnv(emu),
    );
    expect(run.code).toBe(0);
    const paths = emu.control
      .requests()
      .filter((r) => r.operation === "adminListApplications")
      .map((r) => r.path);
    // One listing per product type, each for the project in lower case.
    expect(paths).toEqual(Array(4).fill(`/groups/${emu.groupId}/apps`));
  });
});

describe("login: one key, one spelling", () => {
  it("refuses --api-key beside --public-key, or a private key given twice, naming the flags and no key", async () => {
    const { publicKey, privateKey } = emu.credentials;
    const base = { ...keysOnlyEnv(emu) };
    delete base.APPSERVICES_PUBLIC_KEY;
    delete base.APPSERVICES_PRIVATE_KEY;
    const cases: Array<[string[], string, string | undefined]> = [
      [
        ["--api-key", publicKey, "--public-key", "otherpub", "--private-key", privateKey],
        "--api-key and --public-key name different values: give one",
        undefined,
      ],
      [
        [
          "--public-key",
          publicKey,
          "--private-api-key",
          privateKey,
          "--private-key",
          "other-private-1",
        ],
        "--private-api-key and --private-key name different values: give one",
        undefined,
      ],
      [
        ["--public-key", publicKey, "--private-api-key", privateKey, "--private-key-stdin"],
        "--private-key-stdin and --private-api-key both give the private key: give one",
        privateKey,
      ],
    ];
    for (const [argv, message, stdin] of cases) {
      const run = await runCli(["login", ...argv], base, stdin);
      expect(run.code, message).toBe(2);
      expect(run.stderr).toContain(message);
      for (const key of [publicKey, privateKey, "otherpub", "other-private-1"]) {
        expect(run.stderr).not.toContain(key);
        expect(run.stdout).not.toContain(key);
      }
    }
    // The same key under both names is no conflict.
    const same = await runCli(
      [
        "login",
        "--api-key",
        publicKey,
        "--public-key",
        publicKey,
        "--private-key",
        privateKey,
        "--json",
      ],
      base,
    );
    expect(same.stderr).toBe("");
    expect(same.code).toBe(0);
  });
});
