// `createAdminCore` carries no openapi-fetch client; `rawClient(core)` gives it the `raw` of
// `createAdminClient`: the same session and fetch layer, one client per core, middleware that
// sees the core's calls, openapi-fetch's own path styles for templates no operation uses.
import type { Middleware } from "openapi-fetch";
import { describe, expect, test } from "vitest";
import { ListApplications } from "../../generated/operations/apps.js";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import { createAdminCore, runtimeOf } from "../../packages/client/create-admin-core.js";
import { rawClient } from "../../packages/client/raw-client.js";
import { AdminPathParameterError } from "../../packages/core/errors.js";
import { createPathSerializer } from "../../packages/client/path-serializer.js";
import { Redactor } from "../../packages/core/redact.js";
import { json, scriptedFetch } from "./helpers/scripted-fetch.js";

const baseUrl = "http://127.0.0.1:9/api/admin/v3.0";
const groupId = "5f1a2b3c4d5e6f7a8b9c0d1e";
const session = { accessToken: "access-token-value", refreshToken: "refresh-token-value" };

describe("rawClient", () => {
  test("a core has no raw; rawClient gives it one on the core's session, the same one each time", async () => {
    const fetch = scriptedFetch([json(200, [{ name: "a" }]), json(200, [{ name: "b" }])]);
    const core = createAdminCore({ baseUrl, session, fetch: fetch.fetch, retries: false });
    expect("raw" in core).toBe(false);
    const raw = rawClient(core);
    expect(rawClient(core)).toBe(raw);
    const { data, response } = await raw.GET("/groups/{groupId}/apps", {
      params: { path: { groupId } },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual([{ name: "a" }]);
    expect(await core.call(ListApplications, { groupId })).toEqual([{ name: "b" }]);
    for (const call of fetch.calls) {
      expect(call.url).toBe(`${baseUrl}/groups/${groupId}/apps`);
      expect(call.headers.get("authorization")).toBe(`Bearer ${session.accessToken}`);
      expect(call.headers.get("user-agent")).toMatch(/^appservices-admin\//);
    }
  });

  test("a middleware registered on it sees the core's calls, until it is ejected", async () => {
    const fetch = scriptedFetch([json(200, []), json(200, [])]);
    const core = createAdminCore({ baseUrl, session, fetch: fetch.fetch });
    const seen: string[] = [];
    const middleware: Middleware = { onRequest: ({ request }) => void seen.push(request.url) };
    rawClient(core).use(middleware);
    await core.call(ListApplications, { groupId });
    rawClient(core).eject(middleware);
    await core.call(ListApplications, { groupId });
    expect(seen).toEqual([`${baseUrl}/groups/${groupId}/apps`]);
  });

  test("a middleware sees the calls, never the session's own login and logout", async () => {
    const tokens = { access_token: "access-token-value", refresh_token: "refresh-token-value" };
    const fetch = scriptedFetch([
      json(200, tokens),
      json(200, []),
      new Response(null, { status: 204 }),
    ]);
    const credentials = { publicKey: "public-key-1", privateKey: "private-key-1" };
    const core = createAdminCore({ baseUrl, credentials, fetch: fetch.fetch });
    const seen: string[] = [];
    rawClient(core).use({ onRequest: ({ request }) => void seen.push(request.url) });
    await core.call(ListApplications, { groupId });
    await core.logout();
    expect(fetch.calls.map((c) => `${c.method} ${c.url.slice(baseUrl.length)}`)).toEqual([
      "POST /auth/providers/mongodb-cloud/login",
      `GET /groups/${groupId}/apps`,
      "DELETE /auth/session",
    ]);
    expect(seen).toEqual([`${baseUrl}/groups/${groupId}/apps`]);
  });

  test("an Authorization a middleware sets on a call is sent as is: no session login, no token over it", async () => {
    const fetch = scriptedFetch([json(200, [])]);
    const credentials = { publicKey: "public-key-1", privateKey: "private-key-1" };
    const core = createAdminCore({ baseUrl, credentials, fetch: fetch.fetch });
    rawClient(core).use({
      onRequest: ({ request }) => {
        request.headers.set("Authorization", "Bearer token-of-the-middleware");
        return request;
      },
    });
    await core.call(ListApplications, { groupId });
    expect(fetch.calls.map((c) => `${c.method} ${c.url.slice(baseUrl.length)}`)).toEqual([
      `GET /groups/${groupId}/apps`,
    ]);
    expect(fetch.calls[0]!.headers.get("authorization")).toBe("Bearer token-of-the-middleware");
  });

  test("createAdminClient's raw is the one rawClient gives for it", () => {
    const admin = createAdminClient({ baseUrl, session });
    expect(rawClient(admin)).toBe(admin.raw);
  });

  test("createAdminClient builds its raw on first read (none before), then the same one each time", () => {
    const admin = createAdminClient({ baseUrl, session });
    expect(runtimeOf(admin).raw).toBeUndefined();
    expect(Object.keys(admin)).toContain("raw");
    const raw = admin.raw;
    expect(runtimeOf(admin).raw).toBe(raw);
    expect(admin.raw).toBe(raw);
    expect({ ...admin }.raw).toBe(raw);
  });

  test("refuses an object no factory made", () => {
    const lookalike = { call: async () => undefined } as unknown as Parameters<typeof rawClient>[0];
    expect(() => rawClient(lookalike)).toThrow(
      new TypeError("expected a client made by createAdminClient or createAdminCore"),
    );
  });

  test("raw keeps openapi-fetch's label and matrix styles; a call's own serializer refuses them", async () => {
    const fetch = scriptedFetch([json(200, {}), json(200, {})]);
    const admin = createAdminClient({ baseUrl, session, fetch: fetch.fetch });
    const untyped = admin.raw as unknown as {
      GET(path: string, init: { params: { path: Record<string, unknown> } }): Promise<unknown>;
    };
    await untyped.GET("/things/{.id}", { params: { path: { id: "a b" } } });
    await untyped.GET("/things{;id}", { params: { path: { id: "x" } } });
    expect(fetch.calls.map((c) => c.url)).toEqual([
      `${baseUrl}/things/.a%20b`,
      `${baseUrl}/things;id=x`,
    ]);

    const serialize = createPathSerializer(baseUrl, new Redactor());
    expect(serialize(`${baseUrl}/groups/{groupId}`, { groupId: "g" })).toBe(`${baseUrl}/groups/g`);
    let refused: unknown;
    try {
      serialize(`${baseUrl}/things/{.id}`, { id: "a" });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AdminPathParameterError);
    expect(refused).toMatchObject({ parameter: ".id", template: "/things/{.id}" });
    expect((refused as Error).message).toMatch(/label, matrix or explode style/);
  });
});
