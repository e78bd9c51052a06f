// An `onSessionChange` that is async and fails (a session file that cannot be written): a failing
// callback must not fail the request, and its rejected promise must not be left unobserved, which
// ends a Node process by default. (The suites' setup fails a test that leaves one unhandled.)
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { SessionTokens } from "../../packages/auth/session-options.js";
import { startAdminServer, type AdminServer } from "../client/helpers/admin-server.js";
import { runtimeClient } from "../client/helpers/runtime-client.js";

let server: AdminServer;
beforeEach(async () => {
  server = await startAdminServer();
});
afterEach(async () => {
  await server.close();
});

describe("an async onSessionChange that rejects", () => {
  test("the login, the call and the logout go on, and no rejection is left unhandled", async () => {
    const seen: SessionTokens[] = [];
    const client = runtimeClient({
      baseUrl: server.url,
      credentials: server.credentials,
      onSessionChange: async (session) => {
        seen.push(session);
        await Promise.resolve();
        throw new Error("disk full");
      },
    });
    await expect(client.listApps({ groupId: "g1" })).resolves.toBeDefined();
    await client.runtime.session.logout();
    expect(seen.map((s) => s.accessToken === undefined)).toEqual([false, true]);
  });
});
