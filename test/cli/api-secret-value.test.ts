// `api` sending a Secret's value (`POST …/secrets`, `PUT …/secrets/{secretId}`) to a server that
// echoes the request body, in an error or in its answer: the value shows nowhere, with or without
// --verbose. A Value's `value` is data: sent to `…/values` and echoed, it is printed; so is a
// config's secret name (`secret_config`) and `%%` reference under a secret-looking key.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../packages/cli/exit-codes.js";
import { minimalEnv, runCli } from "./helpers.js";
import { PRIVATE_KEY, PUBLIC_KEY } from "./stub-server.js";

const GROUP = "5f0123456789abcdef0123aa";
const APP = "5f0123456789abcdef012345";
// Prose, a quote and a backslash: nothing a pattern would take for a secret.
const VALUE = 'correct horse "battery" \\ staple';

let status = 200;
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    res.writeHead(req.url!.endsWith("/login") ? 200 : status, {
      "content-type": "application/json",
    });
    res.end(
      req.url!.endsWith("/login")
        ? JSON.stringify({ access_token: "access-0123456789abcdef", refresh_token: "r-0123456789" })
        : status === 200
          ? JSON.stringify({ _id: "s1", echo: JSON.parse(body) as unknown })
          : JSON.stringify({ error: `invalid request body ${body}`, error_code: "BadRequest" }),
    );
  });
});
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  env = {
    ...minimalEnv(),
    APPSERVICES_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/admin/v3.0`,
    APPSERVICES_PUBLIC_KEY: PUBLIC_KEY,
    APPSERVICES_PRIVATE_KEY: PRIVATE_KEY,
    APPSERVICES_GROUP_ID: GROUP,
    APPSERVICES_APP_ID: APP,
  };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const data = JSON.stringify({ name: "apiSecret", value: VALUE });
/** What would show the value: itself, or its JSON spelling (the quote and backslash escaped). */
const shown = (text: string) =>
  text.includes(VALUE) ||
  text.includes(JSON.stringify(VALUE).slice(1, -1)) ||
  text.includes("horse");

describe("api sending a secret's value", () => {
  it.each([
    ["POST", `/groups/${GROUP}/apps/${APP}/secrets`, []],
    ["PUT", `/groups/${GROUP}/apps/${APP}/secrets/s1`, []],
    ["POST", `/groups/${GROUP}/apps/${APP}/secrets`, ["--verbose"]],
  ])("%s %s %j: an error echoing the body does not show it", async (method, path, extra) => {
    status = 400;
    const run = await runCli(["api", method, path, "--data", data, ...extra], env);
    expect(run.code).toBe(EXIT.api);
    expect(run.stderr).toContain("invalid request body");
    expect(shown(run.stderr), run.stderr).toBe(false);
    expect(shown(run.stdout)).toBe(false);
  });

  it("an answer echoing the body does not show it", async () => {
    status = 200;
    const run = await runCli(
      ["api", "POST", `/groups/${GROUP}/apps/${APP}/secrets`, "--data", data],
      env,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      _id: "s1",
      echo: { name: "apiSecret", value: "[REDACTED]" },
    });
  });

  // A value under 6 characters, which no redactor looks for inside other text: `api` sends it
  // through the raw client, which holds no value, so the CLI's redactor must know it as a whole
  // JSON string (in the error's echoed body) and as a whole string (in an echoed answer).
  it("a short value is shown neither by an error echoing the body nor by an echoing answer", async () => {
    const short = JSON.stringify({ name: "apiSecret", value: "pw1" });
    const path = `/groups/${GROUP}/apps/${APP}/secrets`;
    status = 400;
    const failed = await runCli(["api", "POST", path, "--data", short, "--verbose"], env);
    expect(failed.code).toBe(EXIT.api);
    expect(failed.stderr).toContain(
      'invalid request body {"name":"apiSecret","value":"[REDACTED]"}',
    );
    expect(failed.stderr).not.toContain('"pw1');
    status = 200;
    const answered = await runCli(["api", "POST", path, "--data", short], env);
    expect(answered.code).toBe(0);
    expect(JSON.parse(answered.stdout)).toEqual({
      _id: "s1",
      echo: { name: "apiSecret", value: "[REDACTED]" },
    });
  });

  it("a Value's value is data: echoed, it is printed", async () => {
    status = 200;
    const value = { name: "v", value: "ordinary horse data", private: false };
    const run = await runCli(
      ["api", "POST", `/groups/${GROUP}/apps/${APP}/values`, "--data", JSON.stringify(value)],
      env,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ _id: "s1", echo: value });
  });

  it("a config's secret names and references are printed; a value under clientSecret is not", async () => {
    status = 200;
    const provider = {
      name: "oauth2-google",
      type: "oauth2-google",
      config: { clientId: "id.apps.example", clientSecret: "%%secrets.googleClientSecret" },
      secret_config: { clientSecret: "googleClientSecret" },
    };
    const path = `/groups/${GROUP}/apps/${APP}/auth_providers`;
    const run = await runCli(["api", "POST", path, "--data", JSON.stringify(provider)], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ _id: "s1", echo: provider });
    const leaky = { ...provider, config: { clientId: "id", clientSecret: "GOCSPX-0123456789ab" } };
    const again = await runCli(["api", "POST", path, "--data", JSON.stringify(leaky)], env);
    expect(JSON.parse(again.stdout)).toEqual({
      _id: "s1",
      echo: { ...leaky, config: { clientId: "id", clientSecret: "[REDACTED]" } },
    });
  });
});
