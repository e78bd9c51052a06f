// Calls without a timeout build no abort controller of their own: the caller's signal is followed
// by the request itself. These tests hold that such a call still ends on the caller's abort at
// every stage (before sending, while the body is read, during a retry wait) with the same errors
// as a call under a timeout. Events only: nothing waits for time to pass.
import { expect, onTestFinished, test } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import { AdminAbortError, AdminTimeoutError } from "../../packages/core/errors.js";
import { startAdminServer } from "./helpers/admin-server.js";
import { fakeClock } from "./helpers/fake-clock.js";

const apps = (r: { path: string }) => r.path === "/groups/g1/apps";

/** A client without timeouts whose fetch calls `onResponse` once the headers have arrived. */
async function untimedClient(onResponse: (response: Response) => void = () => undefined) {
  const server = await startAdminServer();
  onTestFinished(() => server.close());
  const time = fakeClock(Date.now());
  const admin = createAdminClient({
    baseUrl: server.url,
    session: server.mintSession(),
    clock: time.clock,
    timeoutMs: 0,
    fetch: async (request) => {
      const response = await globalThis.fetch(request);
      onResponse(response);
      return response;
    },
  });
  return { admin, server, time };
}

test("aborting while the body is read throws AdminAbortError with the reason as cause", async () => {
  const controller = new AbortController();
  const reason = new Error("user pressed ctrl-c");
  const { admin, server, time } = await untimedClient(() => controller.abort(reason));
  server.replyNext(1, apps, "stall-body");
  const error = await admin.apps
    .listApplications({ groupId: "g1" }, { signal: controller.signal })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AdminAbortError);
  expect(error).not.toBeInstanceOf(AdminTimeoutError);
  expect((error as Error).cause).toBe(reason);
  expect(error).toMatchObject({ method: "GET", path: "/groups/g1/apps" });
  expect(time.timers()).toEqual([]);
});

test("an already aborted signal sends nothing", async () => {
  const { admin, server } = await untimedClient();
  const reason = new Error("never mind");
  const error = await admin.apps
    .listApplications({ groupId: "g1" }, { signal: AbortSignal.abort(reason) })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AdminAbortError);
  expect((error as Error).cause).toBe(reason);
  expect(server.seen).toHaveLength(0);
});

test("a signal aborted after a 503 ends the call in the retry wait, with one request sent", async () => {
  const controller = new AbortController();
  const { admin, server, time } = await untimedClient((response) => {
    if (response.status === 503) controller.abort(new Error("stop"));
  });
  server.replyNext(1, apps, { status: 503, body: { error: "busy" } });
  const error = await admin.apps
    .listApplications({ groupId: "g1" }, { signal: controller.signal })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AdminAbortError);
  expect(server.calls()).toHaveLength(1);
  expect(time.sleeps).toEqual([]);
});

test("a signal that never aborts leaves the call's result alone", async () => {
  const { admin, time } = await untimedClient();
  const list = await admin.apps.listApplications(
    { groupId: "g1" },
    { signal: new AbortController().signal },
  );
  expect(Array.isArray(list)).toBe(true);
  expect(time.timers()).toEqual([]);
});
