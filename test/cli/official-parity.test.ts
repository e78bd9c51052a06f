/**
 * The official CLI's (realm-cli) flag names, through the real program against the emulator: a
 * script written for it finds its flags here and gets what it meant. `-a/--app` and `--remote`
 * (an app's name or client_app_id), `--project`, `-y/--yes` (we never ask), `pull`/`push` as
 * `export`/`import`, `apps diff`, `apps list --app` (a filter), `logs list --errors --tail`,
 * the secrets' `-n`/`-v`, and `function run --name` with `--args` repeated (one argument each).
 * A value given twice under two names must agree (exit 2).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminClient } from "../../packages/client/index.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { scratchDir } from "../setup/scratch.js";
import { expectNoSecretPrinted, keysOnlyEnv, minimalEnv, runCli } from "./helpers.js";
import { startHelloApp } from "./hello-app.js";

const SECRET_VALUE = "s3cr3t-official-parity";
const NEW_SECRET_VALUE = "n3w-s3cr3t-official-parity";

let emu: RunningEmulator;
let admin: AdminClient;
let ids: { groupId: string; appId: string };
let app: { name: string; client_app_id: string };
beforeAll(async () => {
  ({ emu, admin, ids } = await startHelloApp());
  const found = (await admin.apps.listApplications({ groupId: ids.groupId })).find(
    (a) => a._id === ids.appId,
  )!;
  app = { name: found.name!, client_app_id: found.client_app_id! };
});
afterAll(async () => {
  expectNoSecretPrinted([
    emu.credentials.publicKey,
    emu.credentials.privateKey,
    SECRET_VALUE,
    NEW_SECRET_VALUE,
  ]);
  await emu.stop();
});

const keysOnly = () => keysOnlyEnv(emu);

const json = <T>(stdout: string) => JSON.parse(stdout) as T;

describe("-a/--app, --remote and --project", () => {
  it("name the app by client_app_id or by name, and the project, as the official CLI's", async () => {
    const expected = await admin.secrets.getAllSecrets(ids);
    for (const argv of [
      ["--project", ids.groupId, "-a", app.client_app_id],
      ["--project", ids.groupId, "--app", app.name],
      ["--group-id", ids.groupId, "--app-id", app.name],
    ]) {
      const run = await runCli(["secrets", "list", "--json", ...argv], keysOnly());
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(json(run.stdout)).toEqual(expected);
    }
  });

  it("refuse two names for different values, and an app no name or id matches (exit 2)", async () => {
    const both = await runCli(
      ["secrets", "list", "--project", ids.groupId, "--app", app.name, "--app-id", "other-abcde"],
      keysOnly(),
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--app and --app-id name different values");
    const projects = await runCli(
      ["secrets", "list", "--project", ids.groupId, "--group-id", "5f1a00000000000000000000"],
      keysOnly(),
    );
    expect(projects.code).toBe(2);
    expect(projects.stderr).toContain("--project and --group-id name different values");
    // The same value twice is no conflict.
    const same = await runCli(
      ["secrets", "list", "--project", ids.groupId, "--group-id", ids.groupId, "-a", app.name],
      keysOnly(),
    );
    expect(same.code).toBe(0);
    const unknown = await runCli(
      ["secrets", "list", "--project", ids.groupId, "-a", "nosuchapp"],
      keysOnly(),
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no app with client_app_id or name "nosuchapp"');
  });

  it("apps list --app filters by the start of the client_app_id, as the official CLI's", async () => {
    const env = { ...keysOnly(), APPSERVICES_GROUP_ID: ids.groupId };
    const prefix = app.client_app_id.slice(0, 3).toUpperCase();
    const some = await runCli(["apps", "list", "--json", "-a", prefix], env);
    expect(json<{ _id: string }[]>(some.stdout).map((a) => a._id)).toEqual([ids.appId]);
    const none = await runCli(["apps", "list", "--json", "--app", "zzz"], env);
    expect(json(none.stdout)).toEqual([]);
    // An app id from the environment is no filter.
    const all = await runCli(["apps", "list", "--json"], { ...env, APPSERVICES_APP_ID: "zzz" });
    expect(json<unknown[]>(all.stdout)).toHaveLength(1);
  });
});

describe("apps delete -a, repeated", () => {
  it("deletes every app named (by name or client_app_id); an unknown one deletes none (exit 2)", async () => {
    const make = (name: string) =>
      admin.apps.createApplication({ groupId: ids.groupId, body: { name } });
    const [one, two] = [await make("doomed1"), await make("doomed2")];
    const env = { ...keysOnly(), APPSERVICES_GROUP_ID: ids.groupId };
    const remaining = async () =>
      (await admin.apps.listApplications({ groupId: ids.groupId })).map((a) => a.name);
    const unknown = await runCli(
      ["apps", "delete", "-a", "doomed1", "-a", "nosuchapp", "--yes"],
      env,
    );
    expect(unknown.code).toBe(2);
    expect(await remaining()).toEqual(expect.arrayContaining(["doomed1", "doomed2"]));
    const flagAsValue = await runCli(["apps", "delete", "-a", "--app-id", ids.appId, "-y"], env);
    expect(flagAsValue.code).toBe(2);
    const mixed = await runCli(
      ["apps", "delete", "-a", "doomed1", "--app-id", ids.appId, "-y"],
      env,
    );
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("-a/--app (repeatable) or --app-id, not both");
    const run = await runCli(
      ["apps", "delete", "-a", "doomed1", "--app", two.client_app_id!, "--yes", "--json"],
      env,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toEqual({ deleted: [one._id, two._id], failed: [] });
    const left = await remaining();
    expect(left).not.toContain("doomed1");
    expect(left).not.toContain("doomed2");
    expect(left).toContain(app.name);
  });
});

describe("export/import, apps diff, --remote and -y", () => {
  it("export --remote -y writes the folder; apps diff sees nothing; import -y pushes nothing", async () => {
    const dir = join(scratchDir("parity-"), "app");
    const env = { ...keysOnly(), APPSERVICES_GROUP_ID: ids.groupId };
    const pulled = await runCli(["export", "--remote", app.name, "--local", dir, "-y"], env);
    expect(pulled.stderr).toBe("");
    expect(pulled.code).toBe(0);
    expect(existsSync(join(dir, "functions", "hello.js"))).toBe(true);
    // In the pulled folder the ids come from .mdb/app_meta.json; --remote names the same app.
    const diff = await runCli(
      ["apps", "diff", "--local", dir, "--remote", app.client_app_id, "--exit-code"],
      env,
    );
    expect(diff.code).toBe(0);
    const pushed = await runCli(["import", "--local", dir, "--yes"], keysOnly());
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toBe("nothing to push: no deployment created\n");
  });

  it("pull --include-package-json asks for the dependencies, as -d", async () => {
    const env = { ...keysOnly(), APPSERVICES_GROUP_ID: ids.groupId, APPSERVICES_APP_ID: ids.appId };
    for (const flag of ["--include-package-json", "-d"]) {
      emu.control.resetCounts();
      const dir = join(scratchDir("parity-deps-"), "app");
      await runCli(["pull", "--local", dir, flag], env);
      const asked = emu.control.requests().map((r) => r.operation);
      expect(asked).toContain("adminExportDependencies");
    }
  });

  it("login -y and apps create -n -l -d -e -y are accepted", async () => {
    const login = await runCli(["login", "-y", "--json"], keysOnly());
    expect(login.code).toBe(0);
    const created = await runCli(
      ["apps", "create", "-n", "second", "-l", "IE", "-d", "LOCAL", "-e", "qa", "-y", "--json"],
      { ...keysOnly(), APPSERVICES_GROUP_ID: ids.groupId },
    );
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(json(created.stdout)).toMatchObject({
      name: "second",
      location: "IE",
      deployment_model: "LOCAL",
      environment: "qa",
    });
  });
});

describe("secrets -n and -v", () => {
  it("create -n -v and update -s -v set the value, by the official CLI's short flags", async () => {
    const env = { ...keysOnly(), APPSERVICES_GROUP_ID: ids.groupId, APPSERVICES_APP_ID: ids.appId };
    const created = await runCli(["secrets", "create", "-n", "token", "-v", SECRET_VALUE], env);
    expect(created.code).toBe(0);
    const updated = await runCli(
      ["secrets", "update", "-s", "token", "-n", "token2", "-v", NEW_SECRET_VALUE],
      env,
    );
    expect(updated.code).toBe(0);
    const names = (await admin.secrets.getAllSecrets(ids)).map((s) => s.name);
    expect(names).toContain("token2");
    expect(names).not.toContain("token");
  });
});

describe("users list -u", () => {
  it("lists only the users named, across pages, and stops once it has them all", async () => {
    const made = [];
    for (let i = 0; i < 60; i++) {
      made.push(
        await admin.users.createUser({
          ...ids,
          body: { email: `u${i}@example.com`, password: "correct horse" },
        }),
      );
    }
    const [first, last] = [made[0]!._id!, made[59]!._id!];
    const env = { ...keysOnly(), APPSERVICES_GROUP_ID: ids.groupId, APPSERVICES_APP_ID: ids.appId };
    emu.control.resetCounts();
    const run = await runCli(["users", "list", "-u", `${last},${first}`, "--json"], env);
    expect(run.code).toBe(0);
    const listed = json<{ _id: string }[]>(run.stdout).map((u) => u._id);
    expect(listed.sort()).toEqual([first, last].sort());
    const pages = () =>
      emu.control.requests().filter((r) => r.method === "GET" && r.path.endsWith("/users"));
    expect(pages()).toHaveLength(2);
    emu.control.resetCounts();
    const one = await runCli(["users", "ls", "--user", first, "--json"], env);
    expect(json<{ _id: string }[]>(one.stdout).map((u) => u._id)).toEqual([first]);
    // The first page held it: no second request.
    expect(pages()).toHaveLength(1);
    const empty = await runCli(["users", "list", "-u", ""], env);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("--user needs at least one user id");
  });
});

describe("logs list, --errors, --tail", () => {
  const env = () => ({
    ...keysOnly(),
    APPSERVICES_GROUP_ID: ids.groupId,
    APPSERVICES_APP_ID: ids.appId,
  });

  it("logs list --errors asks the API for errors only, as logs --errors-only", async () => {
    for (const argv of [
      ["logs", "list", "--errors"],
      ["logs", "ls", "--errors-only"],
    ]) {
      emu.control.resetCounts();
      const run = await runCli([...argv, "--json"], env());
      expect(run.code).toBe(0);
      const sent = emu.control.requests().filter((r) => r.operation === "adminGetLogs");
      expect(sent.length).toBeGreaterThan(0);
      for (const request of sent) expect(request.query).toContain("errors_only=true");
    }
  });

  it("--tail is --follow (so it refuses --end); another word than list is refused (exit 2)", async () => {
    const tail = await runCli(["logs", "--tail", "--end", "1h"], env());
    expect(tail.code).toBe(2);
    expect(tail.stderr).toContain("--follow cannot be combined with --end");
    const word = await runCli(["logs", "lsit"], env());
    expect(word.code).toBe(2);
    expect(word.stderr).toContain('logs takes no argument but "list" or "ls", got "lsit"');
  });
});

/**
 * A loopback Admin API that answers `execute_function` with the arguments it was sent, which
 * the emulator does not record.
 */
let echo: Server;
let echoUrl = "";
beforeAll(async () => {
  echo = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const answer = req.url!.endsWith("/auth/providers/mongodb-cloud/login")
        ? { access_token: "a.b.c", refresh_token: "d.e.f" }
        : { result: (JSON.parse(body) as { arguments: unknown[] }).arguments, logs: [] };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/api/admin/v3.0`;
});
afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));

describe("function run --name and --args", () => {
  const env = () => ({
    ...minimalEnv(),
    APPSERVICES_BASE_URL: echoUrl,
    APPSERVICES_PUBLIC_KEY: "pubkeyabcd",
    APPSERVICES_PRIVATE_KEY: "d3adbeef-0000-4000-8000-000000000000",
    APPSERVICES_GROUP_ID: "5f1a00000000000000000001",
    APPSERVICES_APP_ID: "5f1a00000000000000000002",
  });
  const sent = async (argv: string[]) => {
    const run = await runCli(["function", "run", ...argv], env());
    expect(run.code).toBe(0);
    return json(run.stdout);
  };

  it("--args repeated: one JSON argument each, as the official CLI's", async () => {
    expect(
      await sent(["--name", "sum", "--args", "1", "--args", '"two"', "--args", "[3]"]),
    ).toEqual([1, "two", [3]]);
  });

  it("--args once keeps our form: an array is the arguments, another value the only one", async () => {
    expect(await sent(["sum", "--args", "[1, 2]"])).toEqual([1, 2]);
    expect(await sent(["sum", "--args", "7"])).toEqual([7]);
  });

  it("the name once, as <name> or --name (exit 2 when missing or differing)", async () => {
    expect(await sent(["sum", "--name", "sum", "--args", "[1]"])).toEqual([1]);
    const differ = await runCli(["function", "run", "sum", "--name", "other"], env());
    expect(differ.code).toBe(2);
    expect(differ.stderr).toContain('<name> "sum" and --name "other" differ');
    const none = await runCli(["function", "run"], env());
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("function run needs a function name (<name> or --name)");
  });
});
