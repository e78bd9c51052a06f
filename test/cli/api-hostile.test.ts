// `api` against a server that answers under a JSON Content-Type with a body that is not JSON,
// echoing the private key near the fault: the server's fault is reported as one (exit 5, not as
// a bug of the CLI), and no piece of the key is printed.
import { describe, expect, it } from "vitest";
import { EXIT } from "../../packages/cli/exit-codes.js";
import { runCli } from "./helpers.js";
import { PRIVATE_KEY, PUBLIC_KEY, stubAdminServer } from "./stub-server.js";

const ACCESS = "access-token-0123456789abcdef";
// The key unquoted where a value belongs: the engine's SyntaxError quotes the ten characters
// from it, which the redactor (it knows whole secrets) cannot recognise.
const BODY = `{"request": {"user": "${PUBLIC_KEY}", "key": ${PRIVATE_KEY}, "n": 1}}`;

// Answers that mention secrets the CLI was never given: a URL with an api_key, a note with a
// password, a field named for a secret, and the private key itself.
const APPS = [
  {
    name: "app",
    webhook: "https://hooks.example/in?api_key=hk-0123456789",
    note: "password=hunter2-long",
    private_key: "abcdef-0123456789",
    echoed: PRIVATE_KEY,
  },
];

const env = stubAdminServer({ access_token: ACCESS, refresh_token: `r-${ACCESS}` }, (url) => ({
  body: url.includes("/groups/") ? JSON.stringify(APPS) : BODY,
}));

describe("api with a 2xx body that is not valid JSON", () => {
  it.each([[[]], [["--json"]]])(
    "fails as the server's fault, printing no piece of the key %j",
    async (extra) => {
      const run = await runCli(["api", "GET", "/auth/profile", ...extra], env());
      expect(run.stderr).toMatch(/GET \/auth\/profile returned a body that is not valid JSON/);
      expect(run.code).toBe(EXIT.api);
      expect(run.stdout).toBe("");
      for (let i = 0; i + 6 <= PRIVATE_KEY.length; i++) {
        expect(run.stderr).not.toContain(PRIVATE_KEY.slice(i, i + 6));
      }
    },
  );
});

describe("api with a JSON answer that mentions secrets", () => {
  it.each([[[]], [["--json"]]])(
    "prints valid JSON, its structure intact, with the secrets redacted %j",
    async (extra) => {
      const run = await runCli(["api", "GET", "/groups/g1/apps", ...extra], env());
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual([
        {
          name: "app",
          webhook: "https://hooks.example/in?api_key=[REDACTED]",
          note: "password=[REDACTED]",
          private_key: "[REDACTED]",
          echoed: "[REDACTED]",
        },
      ]);
    },
  );
});
