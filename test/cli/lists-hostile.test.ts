// The list commands against a server (or a proxy in front of it) that answers a list request 2xx
// with no list: an empty body, `null`, an object. The server's fault is reported as one (exit 5,
// naming what was listed), not as an internal error of the CLI ("a bug", exit 70) thrown where
// the list is first read.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../packages/cli/exit-codes.js";
import { minimalEnv, runCli } from "./helpers.js";

let body = "";
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        req.url!.endsWith("/auth/providers/mongodb-cloud/login")
          ? JSON.stringify({
              access_token: "access-0123456789",
              refresh_token: "refresh-0123456789",
            })
          : body,
      );
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
  APPSERVICES_PUBLIC_KEY: "pubkeyabcd",
  APPSERVICES_PRIVATE_KEY: "d3adbeef-7d2b-4c8e-9f10-a1b2c3d4e5f6",
  APPSERVICES_GROUP_ID: "5f0123456789abcdef0123aa",
  APPSERVICES_APP_ID: "5f0123456789abcdef012345",
});

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
