/**
 * `apps list` with no project named, as the official CLI's scripts run it: the apps of every
 * project the login's roles reach, each project asked for each product type, and a PROJECT
 * column when there are several. A role's group id that is no Atlas project id is never put in
 * a request path.
 */
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../packages/emulator/index.js";
import { keysOnlyEnv, runCli } from "./helpers.js";
import { stubAdminServer, twoProjectProfile } from "./stub-server.js";

const [P1, P2] = ["5f0123456789abcdef0123a1", "5f0123456789abcdef0123a2"];
const asked: string[] = [];

const app = (groupId: string, name: string, product: string) => ({
  _id: `${groupId.slice(0, 22)}${name.length.toString(16).padStart(2, "0")}`,
  client_app_id: `${name}-abcde`,
  name,
  group_id: groupId,
  product,
});

const stubEnv = stubAdminServer(
  { access_token: "a-0123456789", refresh_token: "r-0123456789" },
  (url) => {
    asked.push(url);
    if (url.endsWith("/auth/profile")) return twoProjectProfile(P1, P2);
    const listing = /\/groups\/(\w+)\/apps\?product=([\w-]+)$/.exec(url);
    if (listing === null) return { status: 404, body: JSON.stringify({ error: "no such route" }) };
    const [, groupId, product] = listing;
    const apps =
      groupId === P1 && product === "standard"
        ? [app(P1, "alpha", "standard")]
        : groupId === P2 && product === "atlas"
          ? [app(P2, "beta", "atlas")]
          : [];
    return { body: JSON.stringify(apps) };
  },
);

/** The stub's environment, with no project named. */
function noProject(): NodeJS.ProcessEnv {
  const env = stubEnv();
  delete env["APPSERVICES_GROUP_ID"];
  delete env["APPSERVICES_APP_ID"];
  return env;
}

describe("apps list with no project", () => {
  it("lists the apps of every project of the login, with their project", async () => {
    asked.length = 0;
    const run = await runCli(["apps", "list"], noProject());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^PROJECT\s+ID\s+CLIENT APP ID\s+NAME\s+PRODUCT/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 4))).toEqual([
      [P1, app(P1, "alpha", "standard")._id, "alpha-abcde", "alpha"],
      [P2, app(P2, "beta", "atlas")._id, "beta-abcde", "beta"],
    ]);
    // Only the two projects' ids went into paths: not the role that has none, nor "../../admin".
    const groups = asked.flatMap((url) => /\/groups\/([^/]+)\/apps/.exec(url)?.[1] ?? []);
    expect(new Set(groups)).toEqual(new Set([P1, P2]));
  });

  it("filters with -a and prints JSON across the projects", async () => {
    const run = await runCli(["apps", "list", "-a", "BET", "-f", "json"], noProject());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([app(P2, "beta", "atlas")]);
  });

  it("lists one project, without the column, when a project is named", async () => {
    const run = await runCli(["apps", "list", "--project", P2], noProject());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ID\s+CLIENT APP ID/);
    expect(run.stdout).toContain("beta-abcde");
    expect(run.stdout).not.toContain("alpha-abcde");
  });

  it("finds the emulator's app through the key's one project", async () => {
    const emu = await startEmulator({ logs: { count: 0 } });
    try {
      const run = await runCli(["apps", "list", "--json"], keysOnlyEnv(emu));
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as { _id: string }[]).map((a) => a._id)).toEqual([emu.appId]);
    } finally {
      await emu.stop();
    }
  });
});
