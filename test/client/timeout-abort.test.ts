import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import {
  AdminAbortError,
  AdminConnectionError,
  AdminTimeoutError,
} from "../../packages/client/errors.js";
import { startAdminServer, type AdminServer } from "./helpers/admin-server.js";

let server: AdminServer;
beforeEach(async () => {
  server = await startAdminServer();
});
afterEach(async () => {
  await server.close();
});

const apps = (r: { path: string }) => r.path === "/groups/g1/apps";

describe("timeouts", () => {
  test("an attempt with no answer throws AdminTimeoutError, and timeouts are not retried", async () => {
    const admin = createAdminClient({
      baseUrl: server.url,
      session: server.mintSession(),
      timeoutMs: 50,
    });
    server.replyNext(5, apps, "hang");
    const error = await admin.apps.listApplications({ groupId: "g1" }).catch((e: unknown) => e);
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
    expect(server.calls()).toHaveLength(1);
  });

  test("a namespace call's timeout also covers a body that stalls after the headers", async () => {
    const admin = createAdminClient({
      baseUrl: server.url,
      session: server.mintSession(),
      timeoutMs: 80,
    });
    server.replyNext(1, apps, "stall-body");
    await expect(admin.apps.listApplications({ groupId: "g1" })).rejects.toBeInstanceOf(
      AdminTimeoutError,
    );
  });

  test("a per-call timeout overrides the client's", async () => {
    const admin = createAdminClient({
      baseUrl: server.url,
      session: server.mintSession(),
      timeoutMs: 0,
    });
    server.replyNext(1, apps, "hang");
    await expect(
      admin.apps.listApplications({ groupId: "g1" }, { timeoutMs: 40 }),
    ).rejects.toMatchObject({
      name: "AdminTimeoutError",
      timeoutMs: 40,
    });
  });

  test("the login request is bounded too", async () => {
    const admin = createAdminClient({
      baseUrl: server.url,
      credentials: server.credentials,
      timeoutMs: 40,
    });
    server.replyNext(1, (r) => r.path.endsWith("/login"), "hang");
    await expect(admin.apps.listApplications({ groupId: "g1" })).rejects.toMatchObject({
      name: "AdminTimeoutError",
      method: "POST",
      path: "/auth/providers/mongodb-cloud/login",
    });
  });
});

describe("caller abort", () => {
  test("aborting a request in flight throws AdminAbortError with the reason as cause, not a timeout", async () => {
    const admin = createAdminClient({
      baseUrl: server.url,
      session: server.mintSession(),
      timeoutMs: 60_000,
    });
    server.replyNext(1, apps, "hang");
    const controller = new AbortController();
    const pending = admin.apps
      .listApplications({ groupId: "g1" }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(server.calls()).toHaveLength(1));
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
    const admin = createAdminClient({ baseUrl: server.url, session: server.mintSession() });
    server.replyNext(1, apps, "stall-body");
    const controller = new AbortController();
    const pending = admin.apps
      .listApplications({ groupId: "g1" }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(server.calls()).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
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
    const admin = createAdminClient({
      baseUrl: server.url,
      session: server.mintSession(),
      timeoutMs: 0,
    });
    server.replyNext(1, apps, "hang");
    const controller = new AbortController();
    const pending = admin.apps
      .listApplications({ groupId: "g1" }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(server.calls()).toHaveLength(1));
    controller.abort();
    expect(await pending).toBeInstanceOf(AdminAbortError);
  });
});
