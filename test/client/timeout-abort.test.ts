// Timeouts and aborts, driven by events only: timeouts are armed on a fake clock and fired by the
// test once the server has the request (or the client has the headers); aborts are fired by the
// test's own controller. Nothing here waits for time to pass or asserts on elapsed time.
import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  createAdminClient,
  rawCallOptions,
  type AdminClient,
} from "../../packages/client/create-admin-client.js";
import {
  AdminAbortError,
  AdminApiError,
  AdminConnectionError,
  AdminTimeoutError,
} from "../../packages/core/errors.js";
import type { AdminClientOptions } from "../../packages/client/runtime.js";
import { startAdminServer, type AdminServer } from "./helpers/admin-server.js";
import { fakeClock } from "./helpers/fake-clock.js";

let server: AdminServer;
let time: ReturnType<typeof fakeClock>;
beforeEach(async () => {
  server = await startAdminServer();
  time = fakeClock(Date.now());
});
afterEach(async () => {
  await server.close();
});

const apps = (r: { path: string }) => r.path === "/groups/g1/apps";

/**
 * A client on the fake clock whose fetch reports when response headers have arrived, so a test
 * can fire the timeout exactly while the body is being read.
 */
function client(options: AdminClientOptions = {}) {
  let headers!: () => void;
  const headersArrived = new Promise<void>((resolve) => (headers = resolve));
  const admin = createAdminClient({
    baseUrl: server.url,
    session: server.mintSession(),
    clock: time.clock,
    fetch: async (request) => {
      const response = await globalThis.fetch(request);
      headers();
      return response;
    },
    ...options,
  });
  return { admin, headersArrived };
}

describe("timeouts", () => {
  test("an attempt with no answer throws AdminTimeoutError, and timeouts are not retried", async () => {
    const { admin } = client({ timeoutMs: 50 });
    server.replyNext(5, apps, "hang");
    const arrived = server.arrival(apps);
    const pending = admin.apps.listApplications({ groupId: "g1" }).catch((e: unknown) => e);
    await arrived;
    expect(time.timers()).toEqual([50]);
    expect(time.fire()).toBe(1);
    const error = await pending;
    expect(error).toBeInstanceOf(AdminTimeoutError);
    expect(error).toBeInstanceOf(AdminConnectionError);
    expect(error).not.toBeInstanceOf(AdminAbortError);
    expect(error).toMatchObject({
      timeoutMs: 50,
      method: "GET",
      path: "/groups/g1/apps",
      operationId: "adminListApplications",
    });
    expect((error as Error).message).toBe("GET /groups/g1/apps timed out after 50 ms");
    // Settled after one attempt, with no timer left: nothing was retried.
    expect(server.calls()).toHaveLength(1);
    expect(time.timers()).toEqual([]);
  });

  test("a namespace call's timeout also covers a body that stalls after the headers", async () => {
    const { admin, headersArrived } = client({ timeoutMs: 80 });
    server.replyNext(1, apps, "stall-body");
    const pending = admin.apps.listApplications({ groupId: "g1" }).catch((e: unknown) => e);
    await headersArrived;
    expect(time.fire()).toBe(1);
    expect(await pending).toMatchObject({ name: "AdminTimeoutError", timeoutMs: 80 });
  });

  test("a per-call timeout overrides the client's", async () => {
    const { admin } = client({ timeoutMs: 0 });
    server.replyNext(1, apps, "hang");
    const arrived = server.arrival(apps);
    const pending = admin.apps
      .listApplications({ groupId: "g1" }, { timeoutMs: 40 })
      .catch((e: unknown) => e);
    await arrived;
    expect(time.timers()).toEqual([40]);
    time.fire();
    expect(await pending).toMatchObject({ name: "AdminTimeoutError", timeoutMs: 40 });
  });

  test("the login request is bounded too", async () => {
    const { admin } = client({
      session: undefined,
      credentials: server.credentials,
      timeoutMs: 40,
    });
    const login = (r: { path: string }) => r.path.endsWith("/login");
    server.replyNext(1, login, "hang");
    const arrived = server.arrival(login);
    const pending = admin.apps.listApplications({ groupId: "g1" }).catch((e: unknown) => e);
    await arrived;
    time.fire();
    expect(await pending).toMatchObject({
      name: "AdminTimeoutError",
      method: "POST",
      path: "/auth/providers/mongodb-cloud/login",
    });
  });

  test("a login whose body stalls after the headers times out, and leaves no timer armed", async () => {
    const { admin, headersArrived } = client({
      session: undefined,
      credentials: server.credentials,
      timeoutMs: 40,
    });
    const login = (r: { path: string }) => r.path.endsWith("/login");
    server.replyNext(1, login, "stall-body");
    const pending = admin.apps.listApplications({ groupId: "g1" }).catch((e: unknown) => e);
    await headersArrived;
    expect(time.timers()).toEqual([40]);
    expect(time.fire()).toBe(1);
    expect(await pending).toMatchObject({
      name: "AdminTimeoutError",
      method: "POST",
      path: "/auth/providers/mongodb-cloud/login",
      timeoutMs: 40,
    });
    expect(time.timers()).toEqual([]);
  });

  test("a call that finishes leaves no timer armed", async () => {
    const { admin } = client({ timeoutMs: 1000 });
    await admin.apps.listApplications({ groupId: "g1" });
    await admin.raw.GET("/groups/{groupId}/apps", { params: { path: { groupId: "g1" } } });
    await admin.raw.DELETE("/groups/{groupId}/apps/{appId}", {
      params: { path: { groupId: "g1", appId: "5f1a2b3c4d5e6f7a8b9c0d1e" } },
    });
    expect(time.timers()).toEqual([]);
  });
});

describe("raw calls are bounded until their body is read", () => {
  let admin: AdminClient;
  let headersArrived: Promise<void>;
  beforeEach(() => {
    ({ admin, headersArrived } = client({ timeoutMs: 70 }));
  });
  const params = { path: { groupId: "g1" } };

  test.each(["json", "text", "blob", "arrayBuffer"] as const)(
    "parseAs %s: headers then a stalled body fail with AdminTimeoutError",
    async (parseAs) => {
      server.replyNext(1, apps, "stall-body");
      const pending = admin.raw.GET("/groups/{groupId}/apps", { params, parseAs }).catch((e) => e);
      await headersArrived;
      expect(time.timers()).toEqual([70]);
      time.fire();
      expect(await pending).toMatchObject({
        name: "AdminTimeoutError",
        method: "GET",
        path: "/groups/g1/apps",
        timeoutMs: 70,
      });
    },
  );

  test.each([400, 500, 503])(
    "an error status %i whose body stalls fails with AdminTimeoutError",
    async (status) => {
      server.replyNext(1, apps, { status, raw: '{"error":', stall: true });
      const pending = admin.raw
        .GET("/groups/{groupId}/apps", { params, ...rawCallOptions(admin, { retries: false }) })
        .catch((e) => e);
      await headersArrived;
      time.fire();
      expect(await pending).toBeInstanceOf(AdminTimeoutError);
    },
  );

  test("parseAs stream: the caller gets the stream, and it errors on timeout", async () => {
    server.replyNext(1, apps, "stall-body");
    const { data, response } = await admin.raw.GET("/groups/{groupId}/apps", {
      params,
      parseAs: "stream",
    });
    expect(response.status).toBe(200);
    const reader = (data as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("[");
    const next = reader.read().catch((e: unknown) => e);
    expect(time.timers()).toEqual([70]);
    time.fire();
    expect(await next).toBeInstanceOf(AdminTimeoutError);
  });

  test("a stream read to its end stops the timer", async () => {
    const { data } = await admin.raw.GET("/groups/{groupId}/apps", { params, parseAs: "stream" });
    expect(time.timers()).toEqual([70]);
    const text = await new Response(data as ReadableStream<Uint8Array>).text();
    expect(JSON.parse(text)).toEqual([expect.objectContaining({ client_app_id: "myapp-abcde" })]);
    expect(time.timers()).toEqual([]);
  });

  test("a per-call raw timeout (rawCallOptions) bounds the body as well", async () => {
    server.replyNext(1, apps, "stall-body");
    const pending = admin.raw
      .GET("/groups/{groupId}/apps", { params, ...rawCallOptions(admin, { timeoutMs: 30 }) })
      .catch((e) => e);
    await headersArrived;
    expect(time.timers()).toEqual([30]);
    time.fire();
    expect(await pending).toMatchObject({ name: "AdminTimeoutError", timeoutMs: 30 });
  });
});

describe("caller abort", () => {
  test("aborting a request in flight throws AdminAbortError with the reason as cause, not a timeout", async () => {
    const { admin } = client({ timeoutMs: 60_000 });
    server.replyNext(1, apps, "hang");
    const arrived = server.arrival(apps);
    const controller = new AbortController();
    const pending = admin.apps
      .listApplications({ groupId: "g1" }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await arrived;
    const reason = new Error("user pressed ctrl-c");
    controller.abort(reason);
    const error = await pending;
    expect(error).toBeInstanceOf(AdminAbortError);
    expect(error).not.toBeInstanceOf(AdminTimeoutError);
    expect((error as Error).cause).toBe(reason);
    expect(error).toMatchObject({
      method: "GET",
      path: "/groups/g1/apps",
      operationId: "adminListApplications",
    });
  });

  test("aborting while the body is read is an abort too", async () => {
    const { admin, headersArrived } = client();
    server.replyNext(1, apps, "stall-body");
    const controller = new AbortController();
    const pending = admin.apps
      .listApplications({ groupId: "g1" }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await headersArrived;
    controller.abort();
    expect(await pending).toBeInstanceOf(AdminAbortError);
  });

  test("an already aborted signal sends nothing", async () => {
    const admin = createAdminClient({ baseUrl: server.url, credentials: server.credentials });
    const error = await admin.apps
      .listApplications({ groupId: "g1" }, { signal: AbortSignal.abort(new Error("never mind")) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminAbortError);
    expect(server.seen).toHaveLength(0);
  });

  test("without a timeout, abort still works (no timer in the way)", async () => {
    const { admin } = client({ timeoutMs: 0 });
    server.replyNext(1, apps, "hang");
    const arrived = server.arrival(apps);
    const controller = new AbortController();
    const pending = admin.apps
      .listApplications({ groupId: "g1" }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await arrived;
    expect(time.timers()).toEqual([]);
    controller.abort();
    expect(await pending).toBeInstanceOf(AdminAbortError);
  });
});

// A settled call leaves nothing behind: no timer armed and no listener on the caller's signal,
// whatever the outcome. A caller passing one long-lived signal to many calls (a sync, a CLI run)
// would otherwise collect a listener per call, each keeping that call's controller alive.
describe("nothing is left once a call with a timeout and the caller's signal has settled", () => {
  let caller: AbortController;
  let admin: AdminClient;
  beforeEach(() => {
    caller = new AbortController();
    // The global fetch, as users run it (client()'s reporting fetch takes the user-fetch path).
    ({ admin } = client({ fetch: undefined, timeoutMs: 50 }));
  });
  afterEach(() => {
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
    expect(time.timers()).toEqual([]);
  });
  const call = (retries?: false) =>
    admin.apps
      .listApplications({ groupId: "g1" }, { signal: caller.signal, retries })
      .catch((e: unknown) => e);

  test.each<[string, () => void, abstract new (...args: never[]) => unknown]>([
    ["an answer", () => undefined, Array],
    [
      "a 400",
      () => server.replyNext(1, apps, { status: 400, body: { error: "no" } }),
      AdminApiError,
    ],
    ["two 503s, then an answer", () => server.replyNext(2, apps, { status: 503 }), Array],
    ["a reset connection", () => server.replyNext(1, apps, "reset"), AdminConnectionError],
    ["a replay after InvalidSession", () => server.expireAccessTokens(), Array],
  ])("%s", async (_, arrange, outcome) => {
    arrange();
    expect(await call(outcome === AdminConnectionError ? false : undefined)).toBeInstanceOf(
      outcome,
    );
  });

  test("the same signal over 50 calls, 10 of them at once", async () => {
    for (let i = 0; i < 20; i++) await call();
    const batch = Array.from({ length: 10 }, () => call());
    await server.arrival(apps);
    // followed while in flight: one forwarder per call
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(10);
    await Promise.all(batch);
    for (let i = 0; i < 20; i++) await call();
  });

  test("a timeout", async () => {
    server.replyNext(1, apps, "hang");
    const arrived = server.arrival(apps);
    const pending = call();
    await arrived;
    expect(time.fire()).toBe(1);
    expect(await pending).toBeInstanceOf(AdminTimeoutError);
  });

  test("an abort in flight", async () => {
    server.replyNext(1, apps, "hang");
    const arrived = server.arrival(apps);
    const pending = call();
    await arrived;
    caller.abort();
    expect(await pending).toBeInstanceOf(AdminAbortError);
  });
});
