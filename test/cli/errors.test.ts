/**
 * What every command shares: `--help` everywhere (exit 0, the exit codes listed), usage errors
 * (exit 2), and failures as one readable line with the right exit code and no secret in it, with
 * `--verbose` adding detail that is still redacted. The `emulator` command is here too.
 */
import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { closedPort, emulatorEnv, minimalEnv, runCli, startCli } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 5 } });
});
afterAll(() => emu.stop());

const WRONG_KEY = "0b7f3c1e-wrong-private-key-4e8a";

describe("appservices-admin, every command", () => {
  it.each(["", "logs", "hosting", "hosting sync", "emulator", "push"])(
    "appservices-admin %s --help: usage and exit codes, exit 0",
    async (command) => {
      const result = await runCli([...command.split(" ").filter(Boolean), "--help"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: appservices-admin/);
      expect(result.stdout).toContain("Exit codes:");
      expect(result.stdout).toContain("130  interrupted");
      expect(result.stderr).toBe("");
    },
  );

  it("the bin itself (its #! line, its entry module) prints the help and exits 0", async () => {
    const result = await startCli(["--help"], minimalEnv(), { direct: true }).done;
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 0, signal: null });
    expect(result.stdout).toMatch(/^Usage: appservices-admin/);
    expect(result.stdout).toContain("130  interrupted");
    expect(result.stderr).toBe("");
  });

  it("an unknown option or command is a usage error (exit 2)", async () => {
    const option = await runCli(["logs", "--bogus"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--bogus'");
    const command = await runCli(["nothing"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("unknown command 'nothing'");
  });

  it("names missing settings by flag and variable, never by value (exit 2)", async () => {
    const result = await runCli(["logs"], { ...minimalEnv(), APPSERVICES_PRIVATE_KEY: WRONG_KEY });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      // No project is needed: the app is looked for in every project of the login.
      "appservices-admin: missing --public-key or $APPSERVICES_PUBLIC_KEY, " +
        "--app-id or $APPSERVICES_APP_ID (see --help)\n",
    );
  });

  it("bad credentials: one line, exit 4, no key; --verbose adds the details, still without it", async () => {
    for (const via of ["env", "flag"] as const) {
      const env = emulatorEnv(emu, via === "env" ? { APPSERVICES_PRIVATE_KEY: WRONG_KEY } : {});
      const args = via === "flag" ? ["logs", "--private-key", WRONG_KEY] : ["logs"];
      const plain = await runCli(args, env);
      expect(plain.code, via).toBe(4);
      expect(plain.stdout).toBe("");
      expect(plain.stderr).toMatch(
        /^appservices-admin: POST \/auth\/providers\/mongodb-cloud\/login failed: 401: failed to authenticate with MongoDB Cloud API: .*\(the key pair was refused: check --public-key and --private-key, else \$APPSERVICES_PUBLIC_KEY and \$APPSERVICES_PRIVATE_KEY\)\n$/,
      );
      const verbose = await runCli([...args, "--verbose"], env);
      expect(verbose.code, via).toBe(4);
      expect(verbose.stderr.split("\n").length).toBeGreaterThan(5);
      expect(verbose.stderr).toContain("AdminAuthError");
      expect(verbose.stderr).toMatch(/^\s+at /m);
      for (const output of [plain.stderr, verbose.stderr]) {
        expect(output).not.toContain(WRONG_KEY);
        expect(output).not.toContain(emu.credentials.publicKey);
      }
    }
  });

  it("--verbose shows the session's debug events without tokens", async () => {
    const result = await runCli(["logs", "--limit", "1", "--verbose"], emulatorEnv(emu));
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^debug: /m);
    expect(result.stderr).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
    expect(result.stderr).not.toContain(emu.credentials.privateKey);
  });

  it("an API with nobody listening: one line naming the cause, exit 6", async () => {
    const port = await closedPort();
    const result = await runCli(
      ["logs"],
      emulatorEnv(emu, { APPSERVICES_BASE_URL: `http://127.0.0.1:${port}/api/admin/v3.0` }),
    );
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(
      /^appservices-admin: POST \/auth\/providers\/mongodb-cloud\/login failed.*ECONNREFUSED.*\n$/,
    );
  });

  it("an app id that is a client_app_id is looked up; an unknown one is a usage error", async () => {
    const apps = await fetchClientAppId();
    const found = await runCli(
      ["logs", "--limit", "1", "--json", "--app-id", apps],
      emulatorEnv(emu),
    );
    expect(found.code).toBe(0);
    expect((JSON.parse(found.stdout) as { app_id: string }).app_id).toBe(emu.appId);
    const unknown = await runCli(["logs", "--app-id", "nosuch-abcde"], emulatorEnv(emu));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^appservices-admin: no app with client_app_id or name "nosuch-abcde"/,
    );
  });
});

describe("configuration errors: exit 2 and one line naming the setting, never 70", () => {
  const SECRET = "s3cret-in-the-url";
  it.each<[string, string[], Record<string, string>, RegExp]>([
    [
      "--base-url with a query",
      ["logs", "--base-url", "http://127.0.0.1:1/api/admin/v3.0?x=1"],
      {},
      /--base-url must not have a query or fragment/,
    ],
    [
      "--base-url with a fragment",
      ["logs", "--base-url", "http://127.0.0.1:1/api/admin/v3.0#top"],
      {},
      /--base-url must not have a query or fragment/,
    ],
    [
      "--base-url with credentials (never echoed)",
      ["hosting", "sync", ".", "--base-url", `https://admin:${SECRET}@127.0.0.1/api/admin/v3.0`],
      {},
      /--base-url must not hold a user name or password/,
    ],
    [
      "--base-url whose password holds a slash (masked all the same)",
      ["logs", "--base-url", `https://admin:${SECRET}/x@127.0.0.1/api/admin/v3.0`],
      {},
      /--base-url must be an absolute http\(s\) URL .*got "https:\/\/\*\*\*@127\.0\.0\.1\/api\/admin\/v3\.0"/,
    ],
    [
      "--base-url that is not a URL (credentials masked)",
      ["logs", "--base-url", `//admin:${SECRET}@ not a url`],
      {},
      /--base-url must be an absolute http\(s\) URL .*got "\/\/\*\*\*@ not a url"/,
    ],
    [
      "--base-url with another scheme",
      ["logs", "--base-url", "ftp://127.0.0.1/"],
      {},
      /--base-url must use http or https/,
    ],
    [
      "$APPSERVICES_BASE_URL with a query: named as the variable",
      ["logs"],
      { APPSERVICES_BASE_URL: "http://127.0.0.1:1/api/admin/v3.0?a=b" },
      /\$APPSERVICES_BASE_URL must not have a query/,
    ],
    [
      "--group-id that is not a project id",
      ["logs", "--group-id", ".."],
      {},
      /--group-id must be the Atlas project id \(24 hex digits\), got "\.\."/,
    ],
    [
      "$APPSERVICES_GROUP_ID with a slash",
      ["hosting", "sync", "."],
      { APPSERVICES_GROUP_ID: "a/b" },
      /\$APPSERVICES_GROUP_ID must be the Atlas project id/,
    ],
    [
      "--interval longer than a timer holds",
      ["logs", "--follow", "--interval", "99999999"],
      {},
      /--interval must be at most 2147483 seconds/,
    ],
    [
      "--start not before --end",
      ["logs", "--start", "1h", "--end", "2h"],
      {},
      /--start \(.*\) must be before --end/,
    ],
    [
      "--concurrency 0",
      ["hosting", "sync", ".", "--concurrency", "0"],
      {},
      /--concurrency must be a positive integer/,
    ],
    [
      "--log-count beyond what memory holds",
      ["emulator", "--log-count", "5000000"],
      {},
      /--log-count must be at most 1000000/,
    ],
  ])("%s", async (_, args, env, message) => {
    const result = await runCli(args, emulatorEnv(emu, env));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^appservices-admin: .*\(see --help\)\n$/);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain(SECRET);
    expect(result.stderr).not.toContain("internal error");
  });

  it("emulator --port already in use: exit 2, one line naming the port", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const result = await runCli(["emulator", "--port", String(port)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `appservices-admin: --port ${port} is already in use on 127.0.0.1: choose another, or leave --port out for any free port (see --help)\n`,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("appservices-admin emulator", () => {
  it("prints one JSON line, serves the API, and exits 0 on SIGTERM", async () => {
    const cli = startCli(["emulator", "--log-count", "3", "--token-ttl", "60"]);
    await cli.waitFor("\n");
    const info = JSON.parse(cli.stdout()) as Record<string, string>;
    expect(Object.keys(info)).toEqual(["url", "publicKey", "privateKey", "groupId", "appId"]);
    const login = await fetch(`${info["url"]}/auth/providers/mongodb-cloud/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: info["publicKey"], apiKey: info["privateKey"] }),
    });
    expect(login.status).toBe(200);
    cli.child.kill("SIGTERM");
    const result = await cli.done;
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 0, signal: null });
  });

  it("rejects a bad --port with exit 2", async () => {
    const result = await runCli(["emulator", "--port", "99999"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--port must be at most 65535");
  });
});

/** The seeded app's client_app_id, read through the API the way a user would find it. */
async function fetchClientAppId(): Promise<string> {
  const login = await fetch(`${emu.url}/auth/providers/mongodb-cloud/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      username: emu.credentials.publicKey,
      apiKey: emu.credentials.privateKey,
    }),
  });
  const { access_token } = (await login.json()) as { access_token: string };
  const apps = await fetch(`${emu.url}/groups/${emu.groupId}/apps`, {
    headers: { authorization: `Bearer ${access_token}` },
  });
  return ((await apps.json()) as { client_app_id: string }[])[0]!.client_app_id;
}
