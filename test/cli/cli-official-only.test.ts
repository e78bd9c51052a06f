/**
 * The official CLI's commands this one has not (`accessList`, `schema`, `profiles`, `apps init`),
 * typed as a realm-cli user types them, flags and all: exit 2 with one line saying what does the
 * job here, not commander's bare "unknown command"; nothing is read or sent (no login needed).
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";

describe("an official CLI command this one has not", () => {
  it.each([
    [
      ["accessList", "list"],
      "accessList",
      "api GET '/groups/{groupId}/apps/{appId}/security/access_list'",
    ],
    [["access-list", "create", "--address", "10.0.0.1"], "accessList", "POST there adds an entry"],
    [["accesslist", "delete", "--ip", "10.0.0.1", "-y"], "accessList", "PATCH or DELETE"],
    [["schema", "datamodels", "-l", "typescript"], "schema", "/sync/client_schemas/<language>'"],
    [["schemas", "datamodels"], "schema", "/sync/client_schemas/<language>'"],
    [["profiles", "list"], "profiles", "whoami --profile <name>"],
    [
      ["apps", "init", "-n", "x", "--template", "web.mql.todo"],
      "apps init",
      "apps create -n <name>, then pull",
    ],
  ])("%j: exit 2 naming what does it here", async (args, name, instead) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      new RegExp(`^appservices-admin: ${name} is a command of the official CLI, not of this one: `),
    );
    expect(run.stderr).toContain(instead);
    expect(run.stderr.endsWith(" (see --help)\n")).toBe(true);
  });

  it("stays out of the program's help", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}api \[options\]/m);
    expect(help.stdout).not.toMatch(/^ {2}(accessList|schema|profiles)\b/m);
    const apps = await runCli(["apps", "--help"]);
    expect(apps.stdout).toMatch(/^ {2}create \[options\]/m);
    expect(apps.stdout).not.toMatch(/^ {2}init\b/m);
  });
});
