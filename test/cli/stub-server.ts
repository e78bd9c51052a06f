import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { minimalEnv } from "./helpers.js";

/** The key pair the stub server's CLI runs log in with. */
export const PUBLIC_KEY = "pubkeyabcd";
export const PRIVATE_KEY = "d3adbeef-7d2b-4c8e-9f10-a1b2c3d4e5f6";

/** What the stub answers a request other than the login: a status (default 200) and a body. */
export type StubAnswer = (url: string) => { status?: number; body: string };

/**
 * A loopback Admin API for this test file (started before its tests, closed after them): the key
 * login answers `tokens`, every other request `answer(url)`, as JSON. Returns the environment a
 * CLI run needs to reach it with the key pair (and the ids its app commands read).
 */
export function stubAdminServer(
  tokens: { access_token: string; refresh_token: string },
  answer: StubAnswer,
): () => NodeJS.ProcessEnv {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const url = req.url!;
      const { status = 200, body } = url.endsWith("/auth/providers/mongodb-cloud/login")
        ? { body: JSON.stringify(tokens) }
        : answer(url);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(body);
    });
  });
  let baseUrl = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/admin/v3.0`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return () => ({
    ...minimalEnv(),
    APPSERVICES_BASE_URL: baseUrl,
    APPSERVICES_PUBLIC_KEY: PUBLIC_KEY,
    APPSERVICES_PRIVATE_KEY: PRIVATE_KEY,
    APPSERVICES_GROUP_ID: "5f0123456789abcdef0123aa",
    APPSERVICES_APP_ID: "5f0123456789abcdef012345",
  });
}

/**
 * The profile of a key whose roles reach projects `p1` and `p2` (the second's id in upper case),
 * with a role of no project and one whose group id is a path: what a real profile may hold, and
 * what must never reach a request path.
 */
export function twoProjectProfile(p1: string, p2: string): { body: string } {
  const roles = [
    { role_name: "GROUP_OWNER", group_id: p1 },
    { role_name: "ORG_MEMBER" },
    { role_name: "GROUP_READ_ONLY", group_id: p2.toUpperCase() },
    { role_name: "GROUP_OWNER", group_id: "../../admin" },
  ];
  return { body: JSON.stringify({ user_id: "u1", roles }) };
}
