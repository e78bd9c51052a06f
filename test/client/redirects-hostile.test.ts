// A request without a body that is not a GET or HEAD (a POST that creates a draft or redeploys, a
// DELETE) answered with a redirect: fetch turns a POST answered 301/302, and anything answered 303,
// into a GET of the new location, and the caller got that GET's answer as the result of the POST
// or DELETE (a proxy that moves http:// to https:// with a 301 is enough). Refused like a request
// with a body: an AdminConnectionError, nothing sent to the new location.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { AdminConnectionError } from "../../packages/core/errors.js";
import { startAdminServer, type AdminServer } from "./helpers/admin-server.js";
import { runtimeClient } from "./helpers/runtime-client.js";

let server: AdminServer;
beforeEach(async () => {
  server = await startAdminServer();
});
afterEach(async () => {
  await server.close();
});

describe("redirects of requests without a body", () => {
  test.each([
    ["POST", 301],
    ["POST", 302],
    ["POST", 303],
    ["POST", 307],
    ["DELETE", 303],
    ["PUT", 303],
    ["PATCH", 302],
  ] as const)("%s answered %i fails without following it", async (method, status) => {
    const client = runtimeClient({ baseUrl: server.url, session: server.mintSession() });
    server.replyNext(1, (r) => r.path === "/echo", {
      status,
      headers: { Location: `${server.url}/echo-moved` },
    });
    const error = await client.echo(method).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AdminConnectionError);
    expect((error as Error).message).toMatch(new RegExp(`^${method} /echo failed: .*redirect`));
    expect(server.seen.filter((r) => r.path === "/echo-moved")).toEqual([]);
    expect(server.seen.filter((r) => r.path === "/echo")).toHaveLength(1);
  });
});
