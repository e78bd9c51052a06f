import { describe, expect, test } from "vitest";
import {
  AdminAbortError,
  AdminConnectionError,
  AdminRateLimitError,
  AdminServerError,
  AdminTimeoutError,
  createApiError,
} from "../../packages/core/errors.js";
import { parseRetryAfter } from "../../packages/core/retry-after.js";
import { backoffDelay, mayHaveReachedServer } from "../../packages/client/retry.js";
import { fakeClock } from "./helpers/fake-clock.js";
import { runtimeClient } from "./helpers/runtime-client.js";
import {
  connectionRefused,
  connectionReset,
  json,
  scriptedFetch,
} from "./helpers/scripted-fetch.js";

const baseUrl = "http://127.0.0.1:9/api/admin/v3.0";
const ok = () => json(200, [{ _id: "a" }]);
const unavailable = (headers: Record<string, string> = {}) =>
  json(503, { error: "unavailable" }, headers);

function setup(
  steps: Parameters<typeof scriptedFetch>[0],
  options: { retries?: number | false; random?: () => number } = {},
) {
  const time = fakeClock();
  const fetch = scriptedFetch(steps);
  const client = runtimeClient({
    baseUrl,
    fetch: fetch.fetch,
    clock: time.clock,
    random: options.random ?? (() => 0),
    retries: options.retries,
  });
  return { time, fetch, client };
}

describe("retries", () => {
  test("GET: 503 twice then success, with exponential backoff", async () => {
    const { time, fetch, client } = setup([unavailable(), unavailable(), ok()]);
    await expect(client.listApps({ groupId: "g1" })).resolves.toEqual([{ _id: "a" }]);
    expect(fetch.calls).toHaveLength(3);
    expect(time.sleeps).toEqual([500, 1000]);
  });

  test("jitter shortens the wait by up to a quarter", async () => {
    const { time } = setup([]);
    expect(backoffDelay(0, () => 0.5)).toBe(438);
    expect(backoffDelay(10, () => 0)).toBe(8000);
    expect(time.sleeps).toEqual([]);
  });

  test("gives up after the budget and throws the last status", async () => {
    const { fetch, client } = setup([unavailable(), unavailable(), unavailable()]);
    const error = await client.listApps({ groupId: "g1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminServerError);
    expect(error).toMatchObject({
      status: 503,
      message: "unavailable",
      method: "GET",
      path: "/groups/g1/apps",
    });
    expect(fetch.calls).toHaveLength(3);
  });

  test.each([429, 502, 504])("GET retried on %i", async (status) => {
    const { fetch, client } = setup([json(status, { error: "x" }), ok()]);
    await client.listApps({ groupId: "g1" });
    expect(fetch.calls).toHaveLength(2);
  });

  test.each([400, 401, 404, 409, 500])("GET not retried on %i", async (status) => {
    const { fetch, client } = setup([json(status, { error: "x" })]);
    await expect(client.listApps({ groupId: "g1" })).rejects.toMatchObject({ status });
    expect(fetch.calls).toHaveLength(1);
  });

  test.each(["PUT", "DELETE"] as const)("%s is retried", async (method) => {
    const { fetch, client } = setup([unavailable(), json(200, { method, body: "" })]);
    await client.echo(method);
    expect(fetch.calls.map((c) => c.method)).toEqual([method, method]);
  });

  test.each(["POST", "PATCH"] as const)(
    "%s is never retried, neither on 503 nor on a reset",
    async (method) => {
      const first = setup([unavailable()]);
      await expect(first.client.echo(method, { a: 1 })).rejects.toBeInstanceOf(AdminServerError);
      expect(first.fetch.calls).toHaveLength(1);
      const second = setup([connectionReset()]);
      await expect(second.client.echo(method, { a: 1 })).rejects.toBeInstanceOf(
        AdminConnectionError,
      );
      expect(second.fetch.calls).toHaveLength(1);
    },
  );

  test("retries: false and 0 turn retries off", async () => {
    for (const retries of [false, 0] as const) {
      const { fetch, client } = setup([unavailable()], { retries });
      await expect(client.listApps({ groupId: "g1" })).rejects.toBeInstanceOf(AdminServerError);
      expect(fetch.calls).toHaveLength(1);
    }
  });

  test("a larger budget is used in full", async () => {
    const { time, fetch, client } = setup(
      [unavailable(), unavailable(), unavailable(), unavailable(), ok()],
      { retries: 4 },
    );
    await client.listApps({ groupId: "g1" });
    expect(fetch.calls).toHaveLength(5);
    expect(time.sleeps).toEqual([500, 1000, 2000, 4000]);
  });

  test("a per-call budget overrides the client's", async () => {
    const { fetch, client } = setup([unavailable()]);
    await expect(client.listApps({ groupId: "g1" }, { retries: false })).rejects.toBeInstanceOf(
      AdminServerError,
    );
    expect(fetch.calls).toHaveLength(1);
  });

  test("a reset connection is retried on GET; a refused one is not", async () => {
    const reset = setup([connectionReset(), ok()]);
    await expect(reset.client.listApps({ groupId: "g1" })).resolves.toHaveLength(1);
    expect(reset.time.sleeps).toEqual([500]);
    const refused = setup([connectionRefused()]);
    const error = await refused.client.listApps({ groupId: "g1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminConnectionError);
    expect(error).toMatchObject({
      code: "ECONNREFUSED",
      method: "GET",
      path: "/groups/g1/apps",
      operationId: "adminListApplications",
    });
    expect((error as Error).message).toContain("connect ECONNREFUSED");
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(refused.fetch.calls).toHaveLength(1);
  });

  test("the caller's abort ends a backoff wait", async () => {
    const controller = new AbortController();
    const fetch = scriptedFetch([unavailable()]);
    const client = runtimeClient({
      baseUrl,
      fetch: fetch.fetch,
      clock: {
        now: () => 0,
        sleep: (_ms, signal) => (
          controller.abort(new Error("stop")),
          Promise.reject(signal?.reason)
        ),
      },
    });
    const error = await client
      .listApps({ groupId: "g1" }, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminAbortError);
    expect((error as Error).cause).toEqual(new Error("stop"));
  });
});

describe("Retry-After", () => {
  test("delta-seconds are waited exactly", async () => {
    const { time, client } = setup([
      json(429, { error: "slow down" }, { "retry-after": "3" }),
      ok(),
    ]);
    await client.listApps({ groupId: "g1" });
    expect(time.sleeps).toEqual([3000]);
  });

  test("an HTTP date is waited until", async () => {
    const { time, client } = setup([
      unavailable({ "retry-after": new Date(Date.UTC(2025, 0, 1, 0, 0, 7)).toUTCString() }),
      ok(),
    ]);
    await client.listApps({ groupId: "g1" });
    expect(time.sleeps).toEqual([7000]);
  });

  test("zero means retry at once; garbage falls back to the backoff", async () => {
    const zero = setup([unavailable({ "retry-after": "0" }), ok()]);
    await zero.client.listApps({ groupId: "g1" });
    expect(zero.time.sleeps).toEqual([0]);
    const garbage = setup([unavailable({ "retry-after": "soon" }), ok()]);
    await garbage.client.listApps({ groupId: "g1" });
    expect(garbage.time.sleeps).toEqual([500]);
  });

  test("a wait beyond 60 s is not waited out: the 429 is surfaced", async () => {
    const { time, fetch, client } = setup([
      json(429, { error: "quota" }, { "retry-after": "3600" }),
    ]);
    await expect(client.listApps({ groupId: "g1" })).rejects.toBeInstanceOf(AdminRateLimitError);
    expect(fetch.calls).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
  });

  test("parseRetryAfter", () => {
    const now = Date.UTC(2025, 0, 1);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(" 2 ", now)).toBe(2000);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 00:00:10 GMT", now)).toBe(0);
    expect(parseRetryAfter("-1", now)).toBeUndefined();
  });

  test("the server's Retry-After reaches the error when it is not waited out", async () => {
    const long = setup([json(429, { error: "quota" }, { "retry-after": "3600" })]);
    const error = await long.client.listApps({ groupId: "g1" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_600_000 });
    const spent = setup(
      [unavailable({ "retry-after": "1" }), unavailable({ "retry-after": "2" })],
      {
        retries: 1,
      },
    );
    const last = await spent.client.listApps({ groupId: "g1" }).catch((e: unknown) => e);
    expect(last).toMatchObject({ status: 503, retryAfterMs: 2000 });
    expect(spent.time.sleeps).toEqual([1000]);
    const none = setup([unavailable()], { retries: 0 });
    const bare = await none.client.listApps({ groupId: "g1" }).catch((e: unknown) => e);
    expect(bare).toBeInstanceOf(AdminServerError);
    expect(Object.hasOwn(bare as object, "retryAfterMs")).toBe(false);
  });
});

describe("a DELETE retried after an attempt that may have reached the server", () => {
  const app = { groupId: "g1", appId: "5f1a2b3c4d5e6f7a8b9c0d1e" };
  const gone = () => json(404, { error: "app not found", error_code: "AppNotFound" });

  test.each([
    ["a reset connection", connectionReset],
    ["a 502 from the gateway", () => json(502, { error: "bad gateway" })],
    ["a 504 from the gateway", () => json(504, { error: "gateway timeout" })],
  ])("after %s, a 404 on the retry counts as deleted", async (_what, first) => {
    const { fetch, client } = setup([first(), gone()]);
    await expect(client.deleteApp(app)).resolves.toBeUndefined();
    expect(fetch.calls.map((c) => c.method)).toEqual(["DELETE", "DELETE"]);
  });

  test("a 404 on the first attempt is a failure", async () => {
    const { client } = setup([gone()]);
    await expect(client.deleteApp(app)).rejects.toMatchObject({ status: 404 });
  });

  test.each([429, 503])(
    "after a %i (refused before doing anything), a 404 is a failure",
    async (status) => {
      const { client } = setup([json(status, { error: "busy" }), gone()]);
      await expect(client.deleteApp(app)).rejects.toMatchObject({ status: 404 });
    },
  );

  test("only DELETE: a GET's 404 after a reset is still a failure", async () => {
    const { client } = setup([connectionReset(), gone()]);
    await expect(client.getApp(app)).rejects.toMatchObject({ status: 404 });
  });
});

describe("mayHaveReachedServer", () => {
  const target = { method: "POST", path: "/x" };
  test.each([
    [new AdminTimeoutError(target, 10), true],
    [new AdminConnectionError(target, "reset", { code: "ECONNRESET" }), true],
    [new AdminConnectionError(target, "reset", { code: "UND_ERR_SOCKET" }), true],
    [new AdminConnectionError(target, "refused", { code: "ECONNREFUSED" }), false],
    [new AdminConnectionError(target, "dns", { code: "ENOTFOUND" }), false],
    [createApiError({ ...target, status: 502, body: "" }), true],
    [createApiError({ ...target, status: 504, body: "" }), true],
    [createApiError({ ...target, status: 503, body: "" }), false],
    [createApiError({ ...target, status: 500, body: "" }), false],
    [new Error("other"), false],
  ])("%s -> %s", (failure, want) => {
    expect(mayHaveReachedServer(failure)).toBe(want);
  });
});

// iterateLogs passes `{ signal, timeoutMs, retries }` with all three undefined on every page: such a
// call runs under the client's limits without re-checking them; one that sets a limit gets its own,
// checked before anything is sent.
describe("call options with every limit undefined", () => {
  const unset = { signal: undefined, timeoutMs: undefined, retries: undefined };

  test("keep the client's retry budget", async () => {
    const { fetch, client } = setup([unavailable(), ok()], { retries: 1 });
    await expect(client.listApps({ groupId: "g1" }, unset)).resolves.toEqual([{ _id: "a" }]);
    expect(fetch.calls).toHaveLength(2);
  });

  test("keep the client's budget of none: one request, the 503 thrown", async () => {
    const { fetch, client } = setup([unavailable()], { retries: 0 });
    await expect(client.listApps({ groupId: "g1" }, unset)).rejects.toBeInstanceOf(
      AdminServerError,
    );
    expect(fetch.calls).toHaveLength(1);
  });

  test("a call's own retries still wins over the client's", async () => {
    const { fetch, client } = setup([unavailable()], { retries: 2 });
    await expect(
      client.listApps({ groupId: "g1" }, { ...unset, retries: 0 }),
    ).rejects.toBeInstanceOf(AdminServerError);
    expect(fetch.calls).toHaveLength(1);
  });

  test("a null signal is still refused before anything is sent", async () => {
    const { fetch, client } = setup([]);
    await expect(
      client.listApps({ groupId: "g1" }, { ...unset, signal: null as never }),
    ).rejects.toThrow(/^call option signal must be an AbortSignal; got null$/);
    expect(fetch.calls).toHaveLength(0);
  });
});
