// `function run` and `logs` against a server that echoes the CLI's secrets (the private key, the
// session's access token) back in what they print on stdout, as `api` was already checked for:
// no secret is printed, and what `--json` prints stays valid JSON, its structure intact.
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";
import { PRIVATE_KEY, stubAdminServer } from "./stub-server.js";

const ACCESS = "access-token-0123456789abcdef";
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

const env = stubAdminServer({ access_token: ACCESS, refresh_token: `r-${ACCESS}` }, (url) => {
  const answer = url.includes("/debug/execute_function")
    ? EXECUTION
    : url.includes("/logs")
      ? { logs: [ENTRY] }
      : undefined;
  return answer
    ? { body: JSON.stringify(answer) }
    : { status: 404, body: JSON.stringify({ error: "no such route" }) };
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
