// A call leaves nothing behind once it has settled: no timer armed on the client's clock and no
// listener on the caller's signal, whatever the outcome. A caller that passes one long-lived signal
// to many calls (a sync, a CLI run) would otherwise collect a listener per call, each keeping that
// call's controller alive until the signal itself is dropped. Driven by events only: timeouts are
// armed on a fake clock and fired by the test once the server has the request.
import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import type { AdminClientOptions } from "../../packages/client/runtime.js";
import {
  AdminAbortError,
  AdminApiError,
  AdminConnectionError,
  AdminTimeoutError,
} from "../../packages/core/errors.js";
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
const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

function client(options: AdminClientOptions = {}) {
  return createAdminClient({
    baseUrl: server.url,
    credentials: server.credentials,
    clock: time.clock,
    random: () => 0,
    ...options,
  });
}

describe("a namespace call with a timeout and the caller's signal", () => {
  test("answered at once: no listener and no timer left", async () => {
    const admin = client();
    const caller = new AbortController();
    await admin.apps.listApplications({ groupId: "g1" }, { signal: caller.signal });
    expect(listeners(caller.signal)).toBe(0);
    expect(time.timers()).toEqual([]);
  });

  test("the same signal over 50 calls, one after another and 10 at once: none left", async () => {
    const admin = client();
    const caller = new AbortController();
    for (let i = 0; i < 20; i++) {
      await admin.apps.listApplications({ groupId: "g1" }, { signal: caller.signal });
    }
    const batch = Array.from({ length: 10 }, () =>
      admin.apps.listApplications({ groupId: "g1" }, { signal: caller.signal }),
    );
    // While they are in flight the signal is followed (one forwarder per call) ...
    expect(listeners(caller.signal)).toBe(10);
    await Promise.all(batch);
    // ... and once they have settled, by none.
    for (let i = 0; i < 20; i++) {
      await admin.apps.listApplications({ groupId: "g1" }, { signal: caller.signal });
    }
    expect(listeners(caller.signal)).toBe(0);
    expect(time.timers()).toEqual([]);
  });

  test("an error status (AdminApiError): no listener and no timer left", async () => {
    const admin = client();
    const caller = new AbortController();
    server.replyNext(1, apps, { status: 400, body: { error: "bad", error_code: "BadRequest" } });
    const error = await admin.apps
      .listApplications({ groupId: "g1" }, { signal: caller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(listeners(caller.signal)).toBe(0);
    expect(time.timers()).toEqual([]);
  });

  test("two 503s retried, then an answer: no listener and no timer left", async () => {
    const admin = client();
    const caller = new AbortController();
    server.replyNext(2, apps, { status: 503, body: { error: "busy" } });
    await admin.apps.listApplications({ groupId: "g1" }, { signal: caller.signal });
    expect(time.sleeps).toHaveLength(2);
    expect(listeners(caller.signal)).toBe(0);
    expect(time.timers()).toEqual([]);
  });

  test("a reset connection (AdminConnectionError): no listener and no timer left", async () => {
    const admin = client();
    const caller = new AbortController();
    await admin.apps.listApplications({ groupId: "g1" }); // logged in: the reset hits the call
    server.replyNext(1, apps, "reset");
    const error = await admin.apps
      .listApplications({ groupId: "g1" }, { signal: caller.signal, retries: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminConnectionError);
    expect(listeners(caller.signal)).toBe(0);
    expect(time.timers()).toEqual([]);
  });

  test("a timeout (AdminTimeoutError): no listener and no timer left", async () => {
    const admin = client({ timeoutMs: 50 });
    const caller = new AbortController();
    await admin.apps.listApplications({ groupId: "g1" }); // logged in: the only timer is the call's
    server.replyNext(1, apps, "hang");
    const arrived = server.arrival(apps);
    const pending = admin.apps
      .listApplications({ groupId: "g1" }, { signal: caller.signal })
      .catch((e: unknown) => e);
    await arrived;
    expect(time.timers()).toEqual([50]);
    expect(time.fire()).toBe(1);
    expect(await pending).toBeInstanceOf(AdminTimeoutError);
    expect(listeners(caller.signal)).toBe(0);
    expect(time.timers()).toEqual([]);
  });

  test("a replay after InvalidSession: no listener and no timer left", async () => {
    const admin = client();
    const caller = new AbortController();
    await admin.apps.listApplications({ groupId: "g1" });
    server.expireAccessTokens();
    await admin.apps.listApplications({ groupId: "g1" }, { signal: caller.signal });
    expect(server.counts.refreshes).toBe(1);
    expect(listeners(caller.signal)).toBe(0);
    expect(time.timers()).toEqual([]);
  });

  test("the caller's abort in flight (AdminAbortError): no timer left", async () => {
    const admin = client();
    const caller = new AbortController();
    await admin.apps.listApplications({ groupId: "g1" });
    server.replyNext(1, apps, "hang");
    const arrived = server.arrival(apps);
    const pending = admin.apps
      .listApplications({ groupId: "g1" }, { signal: caller.signal })
      .catch((e: unknown) => e);
    await arrived;
    caller.abort();
    expect(await pending).toBeInstanceOf(AdminAbortError);
    expect(time.timers()).toEqual([]);
  });
});
