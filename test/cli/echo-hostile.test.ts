// `function run` and `logs` against a server that echoes the CLI's secrets (the private key, the
// session's access token) back in what they print on stdout, as `api` was already checked for:
// no secret is printed, and what `--json` prints stays valid JSON, its structure intact.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalEnv, runCli } from "./helpers.js";

const PUBLIC_KEY = "pubkeyabcd";
const PRIVATE_KEY = "d3adbeef-7d2b-4c8e-9f10-a1b2c3d4e5f6";
const ACCESS = "access-token-0123456789abcdef";
const APP_ID = "5f0123456789abcdef012345";
const WEBHOOK = "https://hooks.example/in?api_key=hk-0123456789";

const EXECUTION = {
  result: { echoed: PRIVATE_KEY, session: `Bearer ${ACCESS}`, webhook: WEBHOOK },
  logs: [`called with ${ACCESS}`],
  error_logs: [],
  stats: { execution_time: "1ms" },
};
const ENTRY = {
  _id: "64b000000000000000000001",
  type: "FUNCTION",
  function_name: "echo",
  started: "2024-01-02T03:04:05.6Z",
  completed: "2024-01-02T03:04:05.7Z",
  error: `refused ${ACCESS}`,
  messages: [`key ${PRIVATE_KEY}`, { token: ACCESS }],
  webhook: WEBHOOK,
};

let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const url = req.url!;
      const answer = url.endsWith("/auth/providers/mongodb-cloud/login")
        ? { access_token: ACCESS, refresh_token: `r-${ACCESS}` }
        : url.includes("/debug/execute_function")
          ? EXECUTION
          : url.includes("/logs")
            ? { logs: [ENTRY] }
            : undefined;
      res.writeHead(answer ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(answer ?? { error: "no such route" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/admin/v3.0`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const env = () => ({
  ...minimalEnv(),
  APPSERVICES_BASE_URL: baseUrl,
  APPSERVICES_PUBLIC_KEY: PUBLIC_KEY,
  APPSERVICES_PRIVATE_KEY: PRIVATE_KEY,
  APPSERVICES_GROUP_ID: "5f0123456789abcdef0123aa",
  APPSERVICES_APP_ID: APP_ID,
});

function expectNothingSecret(text: string): void {
  expect(text).not.toContain(PRIVATE_KEY);
  expect(text).not.toContain(ACCESS);
}

describe("a server echoing the CLI's secrets", () => {
  it.each([
    ["function run", ["function", "run", "echo"]],
    ["function run --json", ["function", "run", "echo", "--json"]],
    ["logs", ["logs"]],
    ["logs --json", ["logs", "--json"]],
  ])("%s prints none of them", async (_name, args) => {
    const run = await runCli(args, env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toBe("");
    expectNothingSecret(run.stdout);
    expectNothingSecret(run.stderr);
    if (args.includes("--json")) {
      for (const line of run.stdout.trimEnd().split("\n")) {
        expect(JSON.stringify(JSON.parse(line))).toContain("api_key=[REDACTED]");
      }
    }
  });
});
