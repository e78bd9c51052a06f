import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { AdminConnectionError } from "../../packages/core/errors.js";
import { startAdminServer, type AdminServer } from "./helpers/admin-server.js";
import { runtimeClient } from "./helpers/runtime-client.js";

// A request other than a GET or HEAD is not redirected: fetch turns a POST answered 301/302, and
// anything answered 303, into a GET of the new location (without the body), so a create or a
// DELETE could come back as that GET's answer (a proxy moving http:// to https:// with a 301 is
// enough). GETs still follow redirects.
let server: AdminServer;
beforeEach(async () => {
  server = await startAdminServer();
});
afterEach(async () => {
  await server.close();
});

const moved = (status: number) => ({
  status,
  headers: { Location: `${server.url}/echo-moved` },
});
const reachedMoved = () => server.seen.filter((r) => r.path === "/echo-moved");

describe("redirects", () => {
  test.each([
    ["POST", 301, true],
    ["POST", 302, true],
    ["PUT", 307, true],
    ["PATCH", 308, true],
    ["POST", 301, false],
    ["POST", 302, false],
    ["POST", 303, false],
    ["POST", 307, false],
    ["DELETE", 303, false],
    ["PUT", 303, false],
    ["PATCH", 302, false],
  ] as const)(
    "%s answered %i (with a body: %s) fails without a second request",
    async (method, status, withBody) => {
      const client = runtimeClient({ baseUrl: server.url, session: server.mintSession() });
      server.replyNext(1, (r) => r.path === "/echo", moved(status));
      const error = await client.echo(method, withBody ? { name: "app" } : undefined).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AdminConnectionError);
      expect((error as Error).message).toMatch(new RegExp(`^${method} /echo failed: .*redirect`));
      expect(reachedMoved()).toEqual([]);
      expect(server.seen.filter((r) => r.path === "/echo")).toHaveLength(1);
    },
  );

  test("a GET answered 302 follows it", async () => {
    const client = runtimeClient({ baseUrl: server.url, session: server.mintSession() });
    server.replyNext(1, (r) => r.path === "/echo", moved(302));
    await expect(client.echo("GET")).resolves.toEqual({ method: "GET", body: "" });
    expect(reachedMoved()).toHaveLength(1);
  });
});
