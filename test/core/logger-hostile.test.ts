// A logger whose methods are async and fail (a log shipper that is down): a broken logger must not
// fail the call, and its rejected promises must not be left unobserved, which ends a Node process
// by default. (The suites' setup fails a test that leaves one unhandled.)
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startAdminServer, type AdminServer } from "../client/helpers/admin-server.js";
import { runtimeClient } from "../client/helpers/runtime-client.js";

let server: AdminServer;
beforeEach(async () => {
  server = await startAdminServer();
});
afterEach(async () => {
  await server.close();
});

describe("an async logger that rejects", () => {
  test("the call goes on, and no rejection is left unhandled", async () => {
    const messages: string[] = [];
    const fail = async (message: string) => {
      messages.push(message);
      await Promise.resolve();
      throw new Error("log shipper down");
    };
    const client = runtimeClient({
      baseUrl: server.url,
      credentials: server.credentials,
      logger: { debug: fail, warn: fail },
    });
    await expect(client.listApps({ groupId: "g1" })).resolves.toBeDefined();
    expect(messages).toContain("logged in");
  });
});
