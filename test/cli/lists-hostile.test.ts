// The list commands against a server (or a proxy in front of it) that answers a list request 2xx
// with no list: an empty body, `null`, an object. The server's fault is reported as one (exit 5,
// naming what was listed), not as an internal error of the CLI ("a bug", exit 70) thrown where
// the list is first read.
import { describe, expect, it } from "vitest";
import { EXIT } from "../../packages/cli/exit-codes.js";
import { runCli } from "./helpers.js";
import { stubAdminServer } from "./stub-server.js";

let body = "";
const env = stubAdminServer(
  { access_token: "access-0123456789", refresh_token: "refresh-0123456789" },
  () => ({ body }),
);

const commands: [string[], string][] = [
  [["apps", "list"], "apps"],
  [["values", "list"], "values"],
  [["values", "delete", "v"], "values"],
  [["secrets", "list"], "secrets"],
  [["secrets", "delete", "s"], "secrets"],
  [["users", "list"], "users"],
  [["users", "list", "--pending"], "pending users"],
  [["deploy", "list"], "deployments"],
];

describe("a list answered with no list", () => {
  for (const [answer, shown] of [
    ["", "an empty body"],
    ["null", "null"],
    ['{"error":"none"}', "an object"],
  ]) {
    it.each(commands)(
      `%j answered ${shown || "nothing"}: exit 5, the server's fault`,
      async (args, what) => {
        body = answer!;
        const run = await runCli(args, env());
        expect(run.stderr).toBe(
          `appservices-admin: listing ${what}: the API answered ${shown} where a list belongs\n`,
        );
        expect(run.code).toBe(EXIT.api);
      },
    );
  }
});
