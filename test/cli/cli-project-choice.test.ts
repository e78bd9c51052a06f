/**
 * The commands that need a project but no app (`apps create`, `api` on a `{groupId}` path) when
 * no project is given (flag, variable, saved login, pulled folder): the login's one project is
 * used, as the official CLI's `apps create` does (--verbose says which); several stop with exit 2
 * listing them, none with exit 2 saying so. And every list of choices an error shows (those
 * projects, the apps a name matches across projects or in one) stops at 20 with how many more,
 * where `--json` prints them all. Against the emulator serving 25 projects to one key; a loopback
 * stub plays the login whose roles reach no project, which the emulator never has.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { scratchDir } from "../setup/scratch.js";
import { expectNoSecretPrinted, keysOnlyEnv, runCli } from "./helpers.js";
import { stubAdminServer } from "./stub-server.js";

const hex = (i: number) => i.toString(16).padStart(2, "0");
/** 24 projects besides the seeded one, each with an app named "twin"; the first also has 22 "egg"s. */
const EXTRA = Array.from({ length: 24 }, (_, i) => ({
  groupId: `5f${"0".repeat(20)}${hex(i + 1)}`,
  apps: [
    { name: "twin", clientAppId: `twin-${hex(i + 1)}` },
    ...(i === 0 ? Array.from({ length: 22 }, (_, e) => ({ name: `egg${e}` })) : []),
  ],
}));
const EGGS = EXTRA[0]!.groupId;

let one: RunningEmulator;
let many: RunningEmulator;
beforeAll(async () => {
  [one, many] = await Promise.all([
    startEmulator({ logs: { count: 0 } }),
    startEmulator({ logs: { count: 0 }, projects: EXTRA }),
  ]);
});
afterAll(async () => {
  for (const emu of [one, many]) {
    expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  }
  await Promise.all([one.stop(), many.stop()]);
});

const created = (emu: RunningEmulator) =>
  emu.control.counts().byOperation["adminCreateApplication"] ?? 0;
const profileAsked = (emu: RunningEmulator) =>
  emu.control.requests().filter((r) => r.path.endsWith("/auth/profile")).length;

describe("a command that needs a project, with none given", () => {
  it("uses the login's one project (apps create, api {groupId}), --verbose saying which", async () => {
    const run = await runCli(
      ["apps", "create", "-n", "fresh", "--json", "--verbose"],
      keysOnlyEnv(one),
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `debug: project ${one.groupId}, the only one the login's roles reach\n`,
    );
    const app = JSON.parse(run.stdout) as { _id: string; group_id: string; name: string };
    expect(app).toMatchObject({ name: "fresh", group_id: one.groupId });
    const api = await runCli(["api", "GET", "/groups/{groupId}/apps", "--json"], keysOnlyEnv(one));
    expect(api.stderr).toBe("");
    expect(api.code).toBe(0);
    expect((JSON.parse(api.stdout) as { _id: string }[]).map((a) => a._id)).toContain(app._id);
  });

  it("stops (exit 2) when the login reaches several, listing the first 20, creating nothing", async () => {
    const json = await runCli(["apps", "create", "-n", "fresh", "--json"], keysOnlyEnv(many));
    expect(json.code).toBe(2);
    const { projects, error } = JSON.parse(json.stdout) as { projects: string[]; error: string };
    // All 25, in the login's order, where the line shows 20.
    expect([...projects].sort()).toEqual(many.projects.map((p) => p.groupId).sort());
    const line =
      "no project was given (--project, --group-id or $APPSERVICES_GROUP_ID), and the login's " +
      `roles reach 25 projects: ${projects.slice(0, 20).join(", ")}, … and 5 more; pass --project with the one meant`;
    expect(error).toBe(line);
    expect(json.stderr).toBe(`appservices-admin: ${line} (see --help)\n`);
    const text = await runCli(["apps", "create", "-n", "fresh"], keysOnlyEnv(many));
    expect(text.code).toBe(2);
    expect(text.stdout).toBe("");
    expect(text.stderr).toBe(json.stderr);
    const api = await runCli(["api", "GET", "/groups/{groupId}/apps"], keysOnlyEnv(many));
    expect(api.code).toBe(2);
    expect(api.stderr).toBe(json.stderr);
    expect(created(many)).toBe(0);
    // The project named settles it.
    const named = await runCli(
      ["apps", "create", "-n", "fresh", "--project", EGGS, "--json"],
      keysOnlyEnv(many),
    );
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout)).toMatchObject({ name: "fresh", group_id: EGGS });
  });

  it("-o FILE --json gets the whole list of projects, as stdout would", async () => {
    const out = scratchDir("project-choice-o-");
    const file = join(out, "choice.json");
    const run = await runCli(
      ["api", "GET", "/groups/{groupId}/apps", "-f", "json", "-o", file],
      keysOnlyEnv(many),
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(
      (JSON.parse(readFileSync(file, "utf8")) as { projects: string[] }).projects,
    ).toHaveLength(25);
    expect(readdirSync(out)).toEqual(["choice.json"]);
  });

  it("takes a pulled folder's project first: no project list is asked for", async () => {
    const dir = scratchDir("project-choice-folder-");
    mkdirSync(join(dir, ".mdb"));
    const [, second] = many.projects;
    writeFileSync(
      join(dir, ".mdb", "app_meta.json"),
      JSON.stringify({
        config_version: 20210101,
        group_id: second!.groupId,
        app_id: second!.apps[0]!.appId,
      }),
    );
    const before = process.cwd();
    const asked = profileAsked(many);
    process.chdir(dir);
    try {
      const run = await runCli(["apps", "create", "-n", "folded", "--json"], keysOnlyEnv(many));
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ name: "folded", group_id: second!.groupId });
      const api = await runCli(
        ["api", "GET", "/groups/{groupId}/apps", "--json"],
        keysOnlyEnv(many),
      );
      expect(api.code).toBe(0);
      expect((JSON.parse(api.stdout) as { name: string }[]).map((a) => a.name)).toContain("folded");
    } finally {
      process.chdir(before);
    }
    expect(profileAsked(many)).toBe(asked);
  });

  it("reads no folder when a project is given: a broken app_meta.json does not stop them", async () => {
    const dir = scratchDir("project-choice-broken-");
    mkdirSync(join(dir, ".mdb"));
    writeFileSync(join(dir, ".mdb", "app_meta.json"), "{ not json");
    const [, second] = many.projects;
    const before = process.cwd();
    process.chdir(dir);
    try {
      const run = await runCli(
        ["apps", "create", "-n", "given", "--project", second!.groupId, "--json"],
        keysOnlyEnv(many),
      );
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ name: "given", group_id: second!.groupId });
      const api = await runCli(["api", "GET", "/groups/{groupId}/apps", "--json"], {
        ...keysOnlyEnv(many),
        APPSERVICES_GROUP_ID: second!.groupId,
      });
      expect(api.stderr).toBe("");
      expect(api.code).toBe(0);
      expect((JSON.parse(api.stdout) as { name: string }[]).map((a) => a.name)).toContain("given");
    } finally {
      process.chdir(before);
    }
  });
});

describe("the choices an error lists stop at 20", () => {
  it("an app name 24 projects have: 20 listed, --json lists all 24 with their projects", async () => {
    const run = await runCli(["secrets", "list", "-a", "twin"], keysOnlyEnv(many));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('app "twin" matches 24 apps of the login\'s 25 projects: ');
    expect(run.stderr.match(/project [0-9a-f]{24}: twin /g)).toHaveLength(20);
    expect(run.stderr).toContain("; … and 4 more; pass --project with the project meant");
    const json = await runCli(["secrets", "list", "-a", "twin", "--json"], keysOnlyEnv(many));
    expect(json.code).toBe(2);
    expect(json.stderr).toBe(run.stderr);
    const { apps } = JSON.parse(json.stdout) as { apps: Record<string, string>[] };
    expect(apps).toHaveLength(24);
    expect(new Set(apps.map((a) => a["group_id"]))).toEqual(new Set(EXTRA.map((p) => p.groupId)));
    const first = many.projects.find((p) => p.groupId === EGGS)!.apps[0]!;
    expect(apps).toContainEqual({
      _id: first.appId,
      client_app_id: first.clientAppId,
      name: "twin",
      product: "standard",
      group_id: EGGS,
    });
  });

  it("a client_app_id start 22 apps of one project have: 20 listed, --json lists all 22", async () => {
    const args = ["secrets", "list", "-a", "egg", "--project", EGGS];
    const run = await runCli(args, keysOnlyEnv(many));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('app "egg" starts the client_app_id of 22 apps: ');
    expect(run.stderr.match(/egg\d+ \(client_app_id /g)).toHaveLength(20);
    expect(run.stderr).toContain(", … and 2 more; give the whole client_app_id or the _id");
    const json = await runCli([...args, "--json"], keysOnlyEnv(many));
    expect(json.code).toBe(2);
    const { apps } = JSON.parse(json.stdout) as { apps: Record<string, string>[] };
    expect(apps.map((a) => a["name"]).sort()).toEqual(
      Array.from({ length: 22 }, (_, e) => `egg${e}`).sort(),
    );
    expect(apps.every((a) => a["group_id"] === EGGS)).toBe(true);
  });

  it("an app no project has: the projects looked in, 20 of them", async () => {
    const run = await runCli(["secrets", "list", "-a", "nowhere", "--json"], keysOnlyEnv(many));
    expect(run.code).toBe(2);
    // Not a choice: nothing on stdout.
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /none of the \d+ apps of the login's 25 projects \(([0-9a-f]{24}, ){20}… and 5 more\) has it/,
    );
  });
});

const stubEnv = stubAdminServer(
  { access_token: "a-0123456789", refresh_token: "r-0123456789" },
  (url) =>
    url.endsWith("/auth/profile")
      ? { body: JSON.stringify({ user_id: "u1", roles: [{ role_name: "ORG_MEMBER" }] }) }
      : { status: 500, body: JSON.stringify({ error: "not asked for" }) },
);

describe("a login whose roles reach no project", () => {
  it("apps create stops (exit 2) saying so", async () => {
    const env = stubEnv();
    delete env["APPSERVICES_GROUP_ID"];
    delete env["APPSERVICES_APP_ID"];
    const run = await runCli(["apps", "create", "-n", "fresh"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "appservices-admin: no project was given (--project, --group-id or $APPSERVICES_GROUP_ID), " +
        "and the login's roles reach no project (see --help)\n",
    );
  });
});
