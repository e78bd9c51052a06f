import createClient from "openapi-fetch";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createSessionMiddleware } from "../../packages/auth/middleware.js";
import type { paths } from "../../generated/schema.js";
import { startAdminServer, type AdminServer, type SeenRequest } from "./helpers/admin-server.js";

let server: AdminServer;
beforeEach(async () => {
  server = await startAdminServer();
});
afterEach(async () => {
  await server.close();
});

const route = (r: SeenRequest) => `${r.method} ${r.path}`;
const isRefresh = (r: SeenRequest) => r.method === "POST" && r.path === "/auth/session";

function ownClient(options: Parameters<typeof createSessionMiddleware>[0]) {
  const sent: string[] = [];
  const client = createClient<paths>({
    baseUrl: server.url,
    fetch: (request) => (
      sent.push(`${request.method} ${new URL(request.url).pathname}`),
      fetch(request)
    ),
  });
  const middleware = createSessionMiddleware(options);
  client.use(middleware);
  return { client, middleware, sent };
}

describe("createSessionMiddleware", () => {
  test("logs in through the client's own fetch and base URL, then authorizes the call", async () => {
    const { client, sent } = ownClient({ credentials: server.credentials });
    const { data, response } = await client.GET("/groups/{groupId}/apps", {
      params: { path: { groupId: "g1" } },
    });
    expect(response.status).toBe(200);
    expect(data).toHaveLength(1);
    expect(sent).toEqual([
      "POST /api/admin/v3.0/auth/providers/mongodb-cloud/login",
      "GET /api/admin/v3.0/groups/g1/apps",
    ]);
    expect(server.seen[0]!.headers["authorization"]).toBeUndefined();
    expect(server.seen[1]!.headers["authorization"]).toMatch(/^Bearer eyJ/);
  });

  test("InvalidSession: one refresh, the POST replayed with its body", async () => {
    const { client } = ownClient({ session: server.mintSession() });
    server.expireAccessTokens();
    const { data, response } = await client.POST("/groups/{groupId}/apps", {
      params: { path: { groupId: "g1" } },
      body: { name: "myapp" },
    });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ name: "myapp" });
    expect(server.seen.map(route)).toEqual([
      "POST /groups/g1/apps",
      "POST /auth/session",
      "POST /groups/g1/apps",
    ]);
    expect(server.seen[2]!.body).toBe(server.seen[0]!.body);
  });

  test("20 concurrent calls after a forced expiry share one refresh", async () => {
    const { client } = ownClient({ credentials: server.credentials });
    await client.GET("/groups/{groupId}/apps", { params: { path: { groupId: "g1" } } });
    server.expireAccessTokens();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        client.GET("/groups/{groupId}/apps", { params: { path: { groupId: "g1" } } }),
      ),
    );
    expect(results.map((r) => r.response.status)).toEqual(Array(20).fill(200));
    expect(server.seen.filter(isRefresh)).toHaveLength(1);
    expect(server.counts.logins).toBe(1);
  });

  test("`valid Issuer required` is returned as is, with no refresh", async () => {
    const pair = server.mintSession();
    const { client } = ownClient({
      session: { accessToken: pair.refreshToken, refreshToken: pair.refreshToken },
    });
    const { error, response } = await client.GET("/groups/{groupId}/apps", {
      params: { path: { groupId: "g1" } },
    });
    expect(response.status).toBe(401);
    expect(error).toEqual({ error: "invalid session: valid Issuer required" });
    expect(server.seen.map(route)).toEqual(["GET /groups/g1/apps"]);
  });

  test("a request with the caller's own Authorization is neither refreshed nor replayed", async () => {
    const pair = server.mintSession();
    const { client } = ownClient({ session: server.mintSession() });
    server.expireAccessTokens();
    const { response } = await client.GET("/groups/{groupId}/apps", {
      params: { path: { groupId: "g1" } },
      headers: { Authorization: `Bearer ${pair.accessToken}` },
    });
    expect(response.status).toBe(401);
    expect(server.seen.map(route)).toEqual(["GET /groups/g1/apps"]);
    expect(server.seen[0]!.headers["authorization"]).toBe(`Bearer ${pair.accessToken}`);
  });

  test("session read, restore and logout", async () => {
    const onSessionChange = vi.fn();
    const { client, middleware } = ownClient({ credentials: server.credentials, onSessionChange });
    await client.GET("/groups/{groupId}/apps", { params: { path: { groupId: "g1" } } });
    const saved = middleware.session.get();
    expect(onSessionChange).toHaveBeenCalledWith(saved);
    await middleware.session.logout();
    expect(server.seen.at(-1)!.headers["authorization"]).toBe(`Bearer ${saved.refreshToken}`);
    expect(middleware.session.get()).toEqual({ accessToken: undefined, refreshToken: undefined });
    const other = server.mintSession();
    middleware.session.restore(other);
    await client.GET("/groups/{groupId}/apps", { params: { path: { groupId: "g1" } } });
    expect(server.seen.at(-1)!.headers["authorization"]).toBe(`Bearer ${other.accessToken}`);
    expect(server.counts.logins).toBe(1);
  });
});
