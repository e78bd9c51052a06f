import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { AdminConnectionError } from "../../packages/core/errors.js";
import { startAdminServer, type AdminServer } from "./helpers/admin-server.js";
import { runtimeClient } from "./helpers/runtime-client.js";

// A request with a body is not redirected: fetch would turn a POST or PUT answered 301/302 into a
// GET without its body, so a create could come back as a list. GETs still follow redirects.
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
    ["POST", 301],
    ["POST", 302],
    ["PUT", 307],
    ["PATCH", 308],
  ] as const)("%s answered %i fails without a second request", async (method, status) => {
    const client = runtimeClient({ baseUrl: server.url, session: server.mintSession() });
    server.replyNext(1, (r) => r.path === "/echo", moved(status));
    const error = await client.echo(method, { name: "app" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AdminConnectionError);
    expect((error as Error).message).toMatch(new RegExp(`^${method} /echo failed: .*redirect`));
    expect(reachedMoved()).toEqual([]);
    expect(server.seen.filter((r) => r.path === "/echo")).toHaveLength(1);
  });

  test("a GET answered 302 follows it", async () => {
    const client = runtimeClient({ baseUrl: server.url, session: server.mintSession() });
    server.replyNext(1, (r) => r.path === "/echo", moved(302));
    await expect(client.echo("GET")).resolves.toEqual({ method: "GET", body: "" });
    expect(reachedMoved()).toHaveLength(1);
  });
});
