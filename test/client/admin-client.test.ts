import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, expectTypeOf, test } from "vitest";
import {
  createAdminClient,
  rawCallOptions,
  type AdminClient,
} from "../../packages/client/create-admin-client.js";
import { AdminInvalidAppIdError, AdminNotFoundError } from "../../packages/core/errors.js";
import { SDK_USER_AGENT, SDK_VERSION } from "../../packages/core/user-agent.js";
import { DEFAULT_BASE_URL } from "../../packages/client/client-options.js";
import { startAdminServer, type AdminServer } from "./helpers/admin-server.js";
import { json, scriptedFetch } from "./helpers/scripted-fetch.js";

let server: AdminServer;
let admin: AdminClient;
beforeEach(async () => {
  server = await startAdminServer();
  admin = createAdminClient({ baseUrl: server.url, credentials: server.credentials });
});
afterEach(async () => {
  await server.close();
});

const appId = "5f1a2b3c4d5e6f7a8b9c0d1e";

describe("createAdminClient", () => {
  test("a namespace call returns the parsed, typed 2xx body", async () => {
    const apps = await admin.apps.listApplications({ groupId: "g1" });
    expectTypeOf(apps).not.toBeUnknown();
    expect(apps).toEqual([{ _id: appId, client_app_id: "myapp-abcde" }]);
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /auth/providers/mongodb-cloud/login",
      "GET /groups/g1/apps",
    ]);
  });

  test("204 resolves to undefined", async () => {
    await expect(admin.apps.deleteApplication({ groupId: "g1", appId })).resolves.toBeUndefined();
  });

  test("non-2xx throws the typed error with method, path and operationId", async () => {
    server.replyNext(1, (r) => r.method === "GET" && r.path.endsWith(appId), {
      status: 404,
      body: { error: "app not found", error_code: "AppNotFound" },
    });
    const error = await admin.apps
      .getApplication({ groupId: "g1", appId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminNotFoundError);
    expect(error).toMatchObject({
      status: 404,
      errorCode: "AppNotFound",
      message: "app not found",
      method: "GET",
      path: `/groups/g1/apps/${appId}`,
      operationId: "adminGetApplication",
    });
  });

  test("an empty error body gives the status text, decided by response.ok", async () => {
    server.replyNext(1, (r) => r.path === "/groups/g1/apps", { status: 409, raw: "" });
    await expect(admin.apps.listApplications({ groupId: "g1" })).rejects.toMatchObject({
      status: 409,
      message: "Conflict",
      errorCode: undefined,
      body: undefined,
    });
  });

  test("a non-JSON error body becomes the message", async () => {
    server.replyNext(1, (r) => r.path === "/groups/g1/apps", {
      status: 500,
      raw: "upstream exploded",
    });
    await expect(
      admin.apps.listApplications({ groupId: "g1" }, { retries: 0 }),
    ).rejects.toMatchObject({
      status: 500,
      message: "upstream exploded",
    });
  });

  test("raw calls go through the same session and fetch layer", async () => {
    const { data, response } = await admin.raw.GET("/groups/{groupId}/apps", {
      params: { path: { groupId: "g1" } },
    });
    expect(response.status).toBe(200);
    expect(data).toHaveLength(1);
    expect(server.seen.at(-1)!.headers["authorization"]).toMatch(/^Bearer eyJ/);
    expect(server.counts.logins).toBe(1);
  });

  test("rawCallOptions gives a raw call its own controls", async () => {
    const fetch = scriptedFetch([json(503, { error: "busy" })]);
    const client = createAdminClient({
      baseUrl: "http://127.0.0.1:9/api/admin/v3.0",
      fetch: fetch.fetch,
    });
    const { response } = await client.raw.GET("/groups/{groupId}/apps", {
      params: { path: { groupId: "g1" } },
      ...rawCallOptions(client, { retries: false }),
    });
    expect(response.status).toBe(503);
    expect(fetch.calls).toHaveLength(1);
    expect(() => rawCallOptions({} as AdminClient, {})).toThrow(TypeError);
  });

  test("middleware added to raw sees real Requests, namespace calls included", async () => {
    const seen: Array<{ real: boolean; url: string }> = [];
    admin.raw.use({
      onRequest: ({ request }) =>
        void seen.push({ real: request instanceof Request, url: request.url }),
    });
    await expect(admin.apps.listApplications({ groupId: "g1" })).resolves.toHaveLength(1);
    await admin.raw.GET("/groups/{groupId}/apps", { params: { path: { groupId: "g1" } } });
    expect(seen).toEqual([
      { real: true, url: `${server.url}/groups/g1/apps` },
      { real: true, url: `${server.url}/groups/g1/apps` },
    ]);
    expect(
      server.calls().every((r) => /^Bearer eyJ/.test(String(r.headers["authorization"]))),
    ).toBe(true);
  });

  test("a namespace call with a JSON body and a user fetch gets a real Request with that body", async () => {
    const fetch = scriptedFetch([json(201, { _id: appId, name: "x" })]);
    const client = createAdminClient({
      baseUrl: "http://127.0.0.1:9/api/admin/v3.0",
      fetch: fetch.fetch,
      session: server.mintSession(),
    });
    await expect(
      client.apps.createApplication({ groupId: "g1", body: { name: "x" } }),
    ).resolves.toEqual({
      _id: appId,
      name: "x",
    });
    expect(fetch.calls[0]).toMatchObject({ method: "POST", body: '{"name":"x"}' });
    expect(fetch.calls[0]!.headers.get("content-type")).toBe("application/json");
    expect(fetch.calls[0]!.headers.get("user-agent")).toMatch(/^appservices-admin\//);
  });

  test("per-call runtime options type-check on namespace methods", () => {
    type Options = NonNullable<Parameters<AdminClient["apps"]["listApplications"]>[1]>;
    expectTypeOf<{
      timeoutMs: number;
      retries: false;
      signal: AbortSignal;
    }>().toMatchTypeOf<Options>();
    // @ts-expect-error -- not an option
    expectTypeOf<{ timeout: number }>().toMatchTypeOf<Options>();
  });

  test("the client exposes the session but no secret", async () => {
    await admin.apps.listApplications({ groupId: "g1" });
    const shown = JSON.stringify(Object.keys(admin)) + String(Object.values(admin.session));
    expect(Object.keys(admin)).toEqual(
      expect.arrayContaining(["apps", "raw", "session", "logout"]),
    );
    expect(shown).not.toContain(server.credentials.privateKey);
  });
});

describe("appId guard", () => {
  test("a client_app_id where the ObjectId belongs fails before any request", async () => {
    const error = await admin.apps
      .getApplication({ groupId: "g1", appId: "myapp-abcde" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminInvalidAppIdError);
    expect((error as Error).message).toContain("client_app_id");
    expect((error as Error).message).toContain(
      'findApp(admin, { groupId, clientAppId: "myapp-abcde" })',
    );
    expect(error).toMatchObject({ appId: "myapp-abcde", operationId: "adminGetApplication" });
    expect(server.seen).toHaveLength(0);
  });

  test.each(["5F1A2B3C4D5E6F7A8B9C0D1E", appId])("an ObjectId passes: %s", async (id) => {
    await expect(admin.apps.getApplication({ groupId: "g1", appId: id })).rejects.toMatchObject({
      status: 404,
    });
    expect(server.calls()).toHaveLength(1);
  });

  test.each([
    "5f1a2b3c4d5e6f7a8b9c0d1",
    "5f1a2b3c4d5e6f7a8b9c0d1e0",
    "zzzzzzzzzzzzzzzzzzzzzzzz",
    "",
  ])("rejects %j", async (id) => {
    await expect(admin.apps.getApplication({ groupId: "g1", appId: id })).rejects.toBeInstanceOf(
      AdminInvalidAppIdError,
    );
  });
});

describe("User-Agent", () => {
  const packageVersion = (
    JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version: string;
    }
  ).version;

  test("appservices-admin/<version from package.json> on every request, login included", async () => {
    expect(SDK_VERSION).toBe(packageVersion);
    await admin.apps.listApplications({ groupId: "g1" });
    expect(server.seen.map((r) => r.headers["user-agent"])).toEqual([
      `appservices-admin/${packageVersion}`,
      `appservices-admin/${packageVersion}`,
    ]);
  });

  test("a string is appended; a function replaces", async () => {
    const appended = createAdminClient({
      baseUrl: server.url,
      credentials: server.credentials,
      userAgent: "my-tool/1.2",
    });
    await appended.apps.listApplications({ groupId: "g1" });
    expect(server.seen.at(-1)!.headers["user-agent"]).toBe(`${SDK_USER_AGENT} my-tool/1.2`);
    const replaced = createAdminClient({
      baseUrl: server.url,
      credentials: server.credentials,
      userAgent: (sdk) => `ci (${sdk})`,
    });
    await replaced.apps.listApplications({ groupId: "g1" });
    expect(server.seen.at(-1)!.headers["user-agent"]).toBe(`ci (${SDK_USER_AGENT})`);
  });

  test("the default base URL is the 2024 host", () => {
    expect(DEFAULT_BASE_URL).toBe("https://services.cloud.mongodb.com/api/admin/v3.0");
  });
});
