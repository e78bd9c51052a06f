/**
 * The CLI's commands and arguments as a careless or scripting user types them, against the
 * emulator: each case a defect found by probing, failing before its fix.
 */
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../packages/cli/exit-codes.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { scratchDir } from "../setup/scratch.js";
import { emulatorEnv, runCli } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 300 } });
});
afterAll(async () => {
  await emu.stop();
});

describe("api GET with --data", () => {
  it("is a usage error naming the flag, not an internal error, and reads no stdin", async () => {
    const run = await runCli(
      ["api", "GET", "/groups/{groupId}/apps/{appId}/values", "--data", "-"],
      emulatorEnv(emu),
      "{}",
    );
    expect(run.stderr).toMatch(/--data: GET sends no request body/);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stdout).toBe("");
  });
});

describe("secrets create/update --value-stdin with nothing on stdin", () => {
  it.each([[""], ["\n"]])(
    "is a usage error and creates nothing (stdin %j: a forgotten redirect or a missing file)",
    async (input) => {
      const env = emulatorEnv(emu);
      const create = await runCli(
        ["secrets", "create", "--name", "emptyStdin", "--value-stdin"],
        env,
        input,
      );
      expect(create.stderr).toMatch(/--value-stdin: standard input is empty/);
      expect(create.code).toBe(EXIT.usage);
      const list = await runCli(["secrets", "list", "--json"], env);
      expect(list.code).toBe(EXIT.ok);
      expect(JSON.parse(list.stdout)).toEqual([]);
    },
  );

  it("update: a usage error too", async () => {
    const env = emulatorEnv(emu);
    const created = await runCli(
      ["secrets", "create", "--name", "kept", "--value-stdin"],
      env,
      "v1\n",
    );
    expect(created.code).toBe(EXIT.ok);
    const update = await runCli(["secrets", "update", "kept", "--value-stdin"], env, "");
    expect(update.stderr).toMatch(/--value-stdin: standard input is empty/);
    expect(update.code).toBe(EXIT.usage);
    await runCli(["secrets", "delete", "kept"], env);
  });
});

describe("secrets create/update --value '' (an unset variable: -v \"$TOKEN\")", () => {
  it("is a usage error, and the secret is neither created nor emptied", async () => {
    const env = emulatorEnv(emu);
    const create = await runCli(["secrets", "create", "--name", "unsetVar", "-v", ""], env);
    expect(create.stderr).toMatch(/--value is empty \(an unset variable\?\)/);
    expect(create.code).toBe(EXIT.usage);
    const created = await runCli(["secrets", "create", "--name", "kept2", "-v", "v1"], env);
    expect(created.code).toBe(EXIT.ok);
    const update = await runCli(["secrets", "update", "kept2", "--value", ""], env);
    expect(update.stderr).toMatch(/--value is empty/);
    expect(update.code).toBe(EXIT.usage);
    const list = await runCli(["secrets", "list", "--json"], env);
    expect((JSON.parse(list.stdout) as { name: string }[]).map((s) => s.name)).toEqual(["kept2"]);
    const puts = emu.control.requests().filter((r) => r.method === "PUT");
    expect(puts.filter((r) => r.path.includes("/secrets/"))).toEqual([]);
    await runCli(["secrets", "delete", "kept2"], env);
  });
});

describe("function run with an empty name or --user (an unset shell variable)", () => {
  it.each([
    [["function", "run", "sum", "--user", ""], /--user needs a user id, got ""/],
    [["function", "run", "sum", "--user", "  "], /--user needs a user id, got "  "/],
    [["function", "run", ""], /<name> needs a function name, got ""/],
  ])("%j is a usage error, not the server's 400 or 404", async (args, message) => {
    const run = await runCli(args, emulatorEnv(emu));
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stdout).toBe("");
  });
});

describe("delete naming one secret twice (by name, or by name and id)", () => {
  it.each([["name"], ["id"]])(
    "deletes it once and succeeds (second naming by %s)",
    async (second) => {
      const env = emulatorEnv(emu);
      const created = await runCli(
        ["secrets", "create", "--name", "twice", "--value", "v", "--json"],
        env,
      );
      const { _id: id } = JSON.parse(created.stdout) as { _id: string };
      const run = await runCli(
        ["secrets", "delete", "twice", second === "id" ? id : "twice", "--json"],
        env,
      );
      expect(JSON.parse(run.stdout)).toEqual({ deleted: [id], failed: [] });
      expect(run.code).toBe(EXIT.ok);
    },
  );
});

describe("api --output where no file can be written", () => {
  const VALUES = "/groups/{groupId}/apps/{appId}/values";

  it.each([
    ["a missing folder", (dir: string) => join(dir, "missing", "answer.json")],
    ["a folder", (dir: string) => join(dir, "taken")],
    ["empty", () => ""],
  ])(
    "--output in %s: a usage error before the call is sent (a POST is not made), nothing left behind",
    async (_, target) => {
      const dir = scratchDir("api-output-");
      mkdirSync(join(dir, "taken"));
      const env = emulatorEnv(emu);
      const run = await runCli(
        ["api", "POST", VALUES, "--data", '{"name":"outv","value":1}', "--output", target(dir)],
        env,
      );
      expect(run.stderr).toMatch(/^appservices-admin: --output /);
      expect(run.code).toBe(EXIT.usage);
      expect(readdirSync(dir)).toEqual(["taken"]);
      const values = await runCli(["values", "list", "--json"], env);
      expect(JSON.parse(values.stdout)).toEqual([]);
    },
  );
});

describe("values linked to a secret (--secret)", () => {
  const valueOf = async (env: NodeJS.ProcessEnv, id: string) => {
    const run = await runCli(
      ["api", "GET", `/groups/{groupId}/apps/{appId}/values/${id}`, "--json"],
      env,
    );
    return JSON.parse(run.stdout) as { value: unknown; from_secret: boolean };
  };

  it("create naming a secret that does not exist: a usage error, nothing created", async () => {
    const env = emulatorEnv(emu);
    const run = await runCli(
      ["values", "create", "--name", "linkedMissing", "--value", "nosuch", "--secret"],
      env,
    );
    expect(run.stderr).toMatch(/--value names no secret of the app \(its secrets: /);
    expect(run.code).toBe(EXIT.usage);
    const values = await runCli(["values", "list", "--json"], env);
    expect(JSON.parse(values.stdout)).toEqual([]);
  });

  it("update without --secret keeps the link: --value is the new secret's name, checked", async () => {
    const env = emulatorEnv(emu);
    for (const name of ["firstSecret", "secondSecret"]) {
      await runCli(["secrets", "create", "--name", name, "--value", "v"], env);
    }
    const created = await runCli(
      ["values", "create", "--name", "linked", "--value", "firstSecret", "--secret", "--json"],
      env,
    );
    expect(created.code).toBe(EXIT.ok);
    const { _id: id } = JSON.parse(created.stdout) as { _id: string };

    const missing = await runCli(["values", "update", "linked", "--value", "nosuch"], env);
    expect(missing.stderr).toMatch(/--value names no secret of the app \(its secrets: /);
    expect(missing.code).toBe(EXIT.usage);
    expect(await valueOf(env, id)).toMatchObject({ value: "firstSecret", from_secret: true });

    const moved = await runCli(["values", "update", "linked", "--value", "secondSecret"], env);
    expect(moved.stderr).toBe("");
    expect(moved.code).toBe(EXIT.ok);
    expect(await valueOf(env, id)).toMatchObject({ value: "secondSecret", from_secret: true });

    await runCli(["values", "delete", "linked"], env);
    await runCli(["secrets", "delete", "firstSecret", "secondSecret"], env);
  });
});

describe("api with a full URL", () => {
  it("of another server than the one set: a usage error, not a call to the one set", async () => {
    const elsewhere = "http://127.0.0.2:9/api/admin/v3.0/auth/profile";
    const run = await runCli(["api", "GET", elsewhere], emulatorEnv(emu));
    expect(run.stderr).toMatch(
      /is not the API set \(http:\/\/127\.0\.0\.1:\d+\/api\/admin\/v3\.0\)/,
    );
    expect(run.code).toBe(EXIT.usage);
    expect(run.stdout).toBe("");
  });

  it("of the server set: called", async () => {
    const run = await runCli(["api", "GET", `${emu.url}/auth/profile`, "--json"], emulatorEnv(emu));
    expect(run.code).toBe(EXIT.ok);
    expect(JSON.parse(run.stdout)).toHaveProperty("user_id");
  });
});

describe("an option whose value is missing before another flag (an empty shell variable)", () => {
  it.each([
    [["secrets", "create", "--name", "flagged", "--value", "--json"], "--value"],
    [["secrets", "create", "--name", "--value-stdin"], "--name"],
    [["function", "run", "sum", "--user", "--system"], "--user"],
  ])(
    "%j: a usage error naming the option, not the flag taken as its value",
    async (args, option) => {
      const env = emulatorEnv(emu);
      const run = await runCli(args, env, "v");
      expect(run.stderr).toContain(`${option} needs a value, not another of the command's flags`);
      expect(run.code).toBe(EXIT.usage);
      const secrets = await runCli(["secrets", "list", "--json"], env);
      expect(JSON.parse(secrets.stdout)).toEqual([]);
    },
  );
});

describe("logs --start/--end out of the calendar", () => {
  // The last two: a day followed by what Date.parse skips or reads loosely, in the machine's zone.
  it.each([
    ["99999999999d"],
    ["2026-02-30"],
    ["2026-04-31T10:00:00Z"],
    ["2026-04-01 (Tuesday)"],
    ["2026-04-01T10:00:00.1234567890"],
  ])("%s: a usage error naming the flag, not an internal error or another day", async (when) => {
    const run = await runCli(["logs", "--start", when, "--limit", "1"], emulatorEnv(emu));
    expect(run.stderr).toMatch(/^appservices-admin: --start /);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stdout).toBe("");
  });
});

describe("a JSON flag that does not parse, holding a secret", () => {
  it.each([
    [["api", "POST", "/groups/{groupId}/apps/{appId}/secrets", "--data"], "--data"],
    [["values", "create", "--name", "pv", "--private", "--value"], "--value"],
  ])("%j: the error says what is wrong without quoting the text", async (args, flag) => {
    const text = '{"name":"a-name-long-enough","value":s3cr3tVALUE99}';
    const run = await runCli([...args, text], emulatorEnv(emu));
    expect(run.stderr).toContain(`${flag} is not JSON: Unexpected token 's'`);
    expect(run.stderr).not.toContain("s3cr3t");
    expect(run.code).toBe(EXIT.usage);
  });
});

describe("logs --type repeated", () => {
  const typesOf = (stdout: string) =>
    new Set(
      stdout
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { type: string }).type),
    );

  it("shows every type given, as the comma-separated list does (not only the last)", async () => {
    const env = emulatorEnv(emu);
    const listed = await runCli(["logs", "--type", "function,auth", "--json"], env);
    const repeated = await runCli(["logs", "--type", "function", "--type", "auth", "--json"], env);
    expect(typesOf(listed.stdout)).toEqual(new Set(["FUNCTION", "AUTH"]));
    expect(repeated.stdout).toBe(listed.stdout);
    expect(repeated.code).toBe(EXIT.ok);
  });
});
