/**
 * A proxy named by the environment that refuses the connection (nothing listens on its port):
 * the error says the proxy refused, names it by host:port and by its variable, never its user
 * name or password, and is not blamed on the Admin API. A target reached directly (`NO_PROXY`)
 * that refuses keeps its own message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, expectNoSecretPrinted, runCli } from "./helpers.js";

const PROXY_USER = "ci-proxy-user";
const PROXY_PASSWORD = "pr0xy-pa55word-refused";
const PUBLIC_KEY = "abcdefgh";
const PRIVATE_KEY = "0f0e0d0c-private-key-never-shown";

let proxyPort: number;
let apiPort: number;
beforeAll(async () => {
  proxyPort = await closedPort();
  apiPort = await closedPort();
});
afterAll(() => {
  expectNoSecretPrinted([PROXY_USER, PROXY_PASSWORD, PUBLIC_KEY, PRIVATE_KEY]);
});

const env = (overrides: Record<string, string>): NodeJS.ProcessEnv => ({
  PATH: process.env["PATH"],
  HOME: process.env["HOME"],
  XDG_CONFIG_HOME: "/nonexistent-config-home",
  APPSERVICES_PUBLIC_KEY: PUBLIC_KEY,
  APPSERVICES_PRIVATE_KEY: PRIVATE_KEY,
  APPSERVICES_GROUP_ID: "5f1a0000000000000000000a",
  APPSERVICES_APP_ID: "5f1a0000000000000000000b",
  ...overrides,
});

describe("a proxy that refuses the connection", () => {
  it("HTTPS_PROXY: named by host:port and variable, credentials left out (exit 6)", async () => {
    const run = await runCli(
      ["values", "list"],
      env({
        HTTPS_PROXY: `http://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${proxyPort}`,
        APPSERVICES_BASE_URL: "https://admin.example.test/api/admin/v3.0",
      }),
    );
    expect(run.code).toBe(6);
    expect(run.stderr).toContain(
      `failed: the proxy 127.0.0.1:${proxyPort} ($HTTPS_PROXY) refused the connection: the Admin API was not reached`,
    );
    expect(run.stderr).not.toContain(PROXY_USER);
  });

  it("http_proxy for an http API: named by its lower-case variable", async () => {
    const run = await runCli(
      ["values", "list"],
      env({
        http_proxy: `http://127.0.0.1:${proxyPort}`,
        APPSERVICES_BASE_URL: `http://127.0.0.1:${apiPort}/api/admin/v3.0`,
      }),
    );
    expect(run.code).toBe(6);
    expect(run.stderr).toContain(
      `the proxy 127.0.0.1:${proxyPort} ($http_proxy) refused the connection`,
    );
  });

  it("NO_PROXY: the API reached directly refuses, and the proxy is not blamed", async () => {
    const run = await runCli(
      ["values", "list"],
      env({
        HTTP_PROXY: `http://127.0.0.1:${proxyPort}`,
        NO_PROXY: "127.0.0.1",
        APPSERVICES_BASE_URL: `http://127.0.0.1:${apiPort}/api/admin/v3.0`,
      }),
    );
    expect(run.code).toBe(6);
    expect(run.stderr).toContain(`ECONNREFUSED 127.0.0.1:${apiPort}`);
    expect(run.stderr).not.toContain("proxy");
  });
});
