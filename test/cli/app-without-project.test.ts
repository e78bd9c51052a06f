/**
 * A command on an app with no project named (no flag, variable, saved login or pulled folder), as
 * realm-cli users type it (`secrets list -a myapp`): the app is looked for in every project the
 * login's roles reach, with `findApp`'s rules. One match is used; none or several stop with exit 2,
 * naming the projects looked in or listing the matches with their projects. The two-project
 * cases here run against a loopback stub (as apps-list-projects.test.ts does), which can also
 * answer roles the emulator never gives (no group id, a hostile one); the emulator's own
 * projects option covers them end to end in projects-emulated.test.ts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../packages/emulator/index.js";
import { scratchDir } from "../setup/scratch.js";
import { keysOnlyEnv, runCli } from "./helpers.js";
import { stubAdminServer, twoProjectProfile } from "./stub-server.js";

const [P1, P2] = ["5f0123456789abcdef0123b1", "5f0123456789abcdef0123b2"];
const asked: string[] = [];

const app = (groupId: string, name: string, suffix: string, product: string) => ({
  _id: `${groupId.slice(0, 20)}${suffix}`,
  client_app_id: `${name}-${suffix}`,
  name,
  group_id: groupId,
  product,
});
const ALPHA = app(P1, "alpha", "aaaa", "standard");
const TWIN1 = app(P1, "twin", "bbbb", "standard");
const BETA = app(P2, "beta", "cccc", "atlas");
const TWIN2 = app(P2, "twin", "dddd", "standard");
const APPS = [ALPHA, TWIN1, BETA, TWIN2];

const stubEnv = stubAdminServer(
  { access_token: "a-0123456789", refresh_token: "r-0123456789" },
  (url) => {
    asked.push(url);
    if (url.endsWith("/auth/profile")) return twoProjectProfile(P1, P2);
    const listing = /\/groups\/(\w+)\/apps\?product=([\w-]+)$/.exec(url);
    if (listing !== null) {
      const [, groupId, product] = listing;
      const apps = APPS.filter((a) => a.group_id === groupId && a.product === product);
      return { body: JSON.stringify(apps) };
    }
    const secrets = /\/groups\/(\w+)\/apps\/(\w+)\/secrets$/.exec(url);
    const owner = APPS.find((a) => a.group_id === secrets?.[1] && a._id === secrets[2]);
    if (owner !== undefined) {
      return { body: JSON.stringify([{ _id: `${owner._id.slice(0, 20)}5ec7`, name: owner.name }]) };
    }
    // `apps delete`: the only request on an app's own path.
    const deleted = /\/groups\/(\w+)\/apps\/(\w+)$/.exec(url);
    if (APPS.some((a) => a.group_id === deleted?.[1] && a._id === deleted[2])) {
      return { status: 204, body: "" };
    }
    return { status: 404, body: JSON.stringify({ error: "no such route" }) };
  },
);

/** The stub's environment, with no project and no app named. */
function noProject(): NodeJS.ProcessEnv {
  const env = stubEnv();
  delete env["APPSERVICES_GROUP_ID"];
  delete env["APPSERVICES_APP_ID"];
  return env;
}

/** The project ids the run's requests put in their paths. */
function groupsAsked(): Set<string> {
  return new Set(asked.flatMap((url) => /\/groups\/([^/?]+)/.exec(url)?.[1] ?? []));
}

describe("an app named with no project", () => {
  it("is found in whichever project of the login has it", async () => {
    asked.length = 0;
    const run = await runCli(["secrets", "list", "-a", "beta", "--verbose"], noProject());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ID\s+NAME\n\S+\s+beta\n$/);
    expect(run.stderr).toContain(`debug: app beta is ${BETA._id} of project ${P2}\n`);
    expect(asked.some((url) => url.endsWith(`/groups/${P2}/apps/${BETA._id}/secrets`))).toBe(true);
    // Only the projects' ids went into paths: not the role that has none, nor "../../admin".
    expect(groupsAsked()).toEqual(new Set([P1, P2]));
  });

  it("matches a client_app_id's start and an _id as within one project", async () => {
    const start = await runCli(["secrets", "list", "-a", "ALP", "--json"], noProject());
    expect(start.stderr).toBe("");
    expect(start.code).toBe(0);
    expect(JSON.parse(start.stdout)).toEqual([
      { _id: `${ALPHA._id.slice(0, 20)}5ec7`, name: "alpha" },
    ]);
    const id = await runCli(["secrets", "list", "--app-id", TWIN2._id, "--json"], noProject());
    expect(id.code).toBe(0);
    expect(JSON.parse(id.stdout)).toEqual([{ _id: `${TWIN2._id.slice(0, 20)}5ec7`, name: "twin" }]);
  });

  it("stops (exit 2) when several projects have it, listing them and asking for --project", async () => {
    asked.length = 0;
    const run = await runCli(["secrets", "list", "-a", "twin"], noProject());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('app "twin" matches 2 apps of the login\'s 2 projects');
    for (const a of [TWIN1, TWIN2]) {
      expect(run.stderr).toContain(
        `project ${a.group_id}: twin (client_app_id ${a.client_app_id}, _id ${a._id})`,
      );
    }
    expect(run.stderr).toContain("pass --project");
    // Nothing was asked of either app.
    expect(asked.filter((url) => url.includes("/secrets"))).toEqual([]);
  });

  it("stops (exit 2) when none has it, naming the projects looked in", async () => {
    const run = await runCli(["secrets", "list", "-a", "gamma"], noProject());
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'appservices-admin: no app with client_app_id (or its start) or name "gamma": no project was given ' +
        `(--project, --group-id or $APPSERVICES_GROUP_ID), and none of the 4 apps of the login's 2 projects (${P1}, ${P2}) has it (see --help)\n`,
    );
  });

  it("keeps a project given by flag or variable first: only that project is asked", async () => {
    asked.length = 0;
    const flag = await runCli(
      ["secrets", "list", "-a", "twin", "--project", P2, "--json"],
      noProject(),
    );
    expect(flag.code).toBe(0);
    expect(JSON.parse(flag.stdout)).toEqual([
      { _id: `${TWIN2._id.slice(0, 20)}5ec7`, name: "twin" },
    ]);
    const variable = await runCli(["secrets", "list", "-a", "twin", "--json"], {
      ...noProject(),
      APPSERVICES_GROUP_ID: P1,
    });
    expect(variable.code).toBe(0);
    expect(JSON.parse(variable.stdout)).toEqual([
      { _id: `${TWIN1._id.slice(0, 20)}5ec7`, name: "twin" },
    ]);
    expect(asked.some((url) => url.endsWith("/auth/profile"))).toBe(false);
  });

  it("keeps a pulled folder's project first: the app is looked for there only", async () => {
    const dir = scratchDir("no-project-folder-");
    mkdirSync(join(dir, ".mdb"));
    writeFileSync(
      join(dir, ".mdb", "app_meta.json"),
      JSON.stringify({ config_version: 20210101, group_id: P1, app_id: TWIN1._id }),
    );
    const before = process.cwd();
    process.chdir(dir);
    try {
      asked.length = 0;
      const named = await runCli(["secrets", "list", "-a", "twin", "--json"], noProject());
      expect(named.code).toBe(0);
      expect(JSON.parse(named.stdout)).toEqual([
        { _id: `${TWIN1._id.slice(0, 20)}5ec7`, name: "twin" },
      ]);
      const unnamed = await runCli(["secrets", "list", "--json"], noProject());
      expect(unnamed.code).toBe(0);
      expect(unnamed.stdout).toBe(named.stdout);
    } finally {
      process.chdir(before);
    }
    expect(asked.some((url) => url.endsWith("/auth/profile"))).toBe(false);
    expect(groupsAsked()).toEqual(new Set([P1]));
  });

  it("keeps a saved login's project first", async () => {
    const env = noProject();
    const login = await runCli(["login", "--profile", "p2", "--project", P2], env);
    expect(login.code).toBe(0);
    delete env["APPSERVICES_PUBLIC_KEY"];
    delete env["APPSERVICES_PRIVATE_KEY"];
    asked.length = 0;
    const run = await runCli(["secrets", "list", "--profile", "p2", "-a", "twin", "--json"], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { _id: `${TWIN2._id.slice(0, 20)}5ec7`, name: "twin" },
    ]);
    expect(groupsAsked()).toEqual(new Set([P2]));
  });

  it("apps delete -a deletes each app in its own project, after finding them all", async () => {
    asked.length = 0;
    const run = await runCli(
      ["apps", "delete", "-a", "alpha", "-a", "beta-cccc", "--yes", "--json"],
      noProject(),
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ deleted: [ALPHA._id, BETA._id], failed: [] });
    const deletes = asked.filter((url) => /\/apps\/\w+$/.test(url));
    expect(deletes.map((url) => url.replace(/^.*\/groups\//, ""))).toEqual([
      `${P1}/apps/${ALPHA._id}`,
      `${P2}/apps/${BETA._id}`,
    ]);
    // An ambiguous or unknown name deletes nothing, in any project.
    asked.length = 0;
    const twin = await runCli(
      ["apps", "delete", "-a", "alpha", "-a", "twin", "--yes"],
      noProject(),
    );
    expect(twin.code).toBe(2);
    expect(twin.stderr).toContain('app "twin" matches 2 apps');
    expect(asked.filter((url) => /\/apps\/\w+$/.test(url))).toEqual([]);
    // Exactly, as with a project: the start of a client_app_id is not enough.
    const start = await runCli(["apps", "delete", "-a", "alp", "--yes"], noProject());
    expect(start.code).toBe(2);
    expect(start.stderr).toContain('no app with client_app_id or name "alp"');
  });

  it("apps delete with --app-id and no project finds the app's project", async () => {
    asked.length = 0;
    const run = await runCli(["apps", "delete", "--app-id", "beta-cccc", "--yes"], noProject());
    expect(run.code).toBe(0);
    expect(
      asked
        .filter((url) => /\/apps\/\w+$/.test(url))
        .map((url) => url.replace(/^.*\/groups\//, "")),
    ).toEqual([`${P2}/apps/${BETA._id}`]);
  });
});

describe("an app named with no project, on the emulator (one project per key)", () => {
  it("secrets list -a and pull --remote find the app through the key's project", async () => {
    const emu = await startEmulator({ logs: { count: 0 } });
    try {
      const env = keysOnlyEnv(emu);
      const list = await runCli(["secrets", "list", "-a", "myapp", "--json"], env);
      expect(list.stderr).toBe("");
      expect(list.code).toBe(0);
      expect(JSON.parse(list.stdout)).toEqual([]);
      const dir = join(scratchDir("no-project-"), "app");
      const pull = await runCli(["pull", "--remote", "myapp", "--local", dir, "--json"], env);
      expect(pull.stderr).toBe("");
      expect(pull.code).toBe(0);
      const meta = JSON.parse(await readFile(join(dir, ".mdb", "app_meta.json"), "utf8")) as {
        group_id: string;
        app_id: string;
      };
      expect(meta).toMatchObject({ group_id: emu.groupId, app_id: emu.appId });
    } finally {
      await emu.stop();
    }
  });
});
