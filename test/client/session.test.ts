import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  AdminAbortError,
  AdminAuthError,
  AdminConnectionError,
} from "../../packages/core/errors.js";
import { accessTokenExpiry } from "../../packages/auth/jwt.js";
import type { SessionTokens } from "../../packages/auth/session-options.js";
import type { AdminClientOptions } from "../../packages/client/runtime.js";
import { startAdminServer, type AdminServer, type SeenRequest } from "./helpers/admin-server.js";
import { fakeClock } from "./helpers/fake-clock.js";
import { runtimeClient } from "./helpers/runtime-client.js";

let server: AdminServer;
beforeEach(async () => {
  server = await startAdminServer();
});
afterEach(async () => {
  await server.close();
});

const auth = (r: SeenRequest) => r.headers["authorization"];
const route = (r: SeenRequest) => `${r.method} ${r.path}`;
const isRefresh = (r: SeenRequest) => r.method === "POST" && r.path === "/auth/session";
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

/** A client with the server's API key whose clock moves only when told to (sleeps are instant). */
const clientOnFakeClock = (options: Partial<AdminClientOptions> = {}) => {
  const time = fakeClock(Date.now());
  const client = runtimeClient({
    baseUrl: server.url,
    credentials: server.credentials,
    clock: time.clock,
    ...options,
  });
  return { time, client };
};

describe("login", () => {
  test("logs in on first use, without an Authorization header, then calls with the access token", async () => {
    const client = runtimeClient({ baseUrl: server.url, credentials: server.credentials });
    await expect(client.listApps({ groupId: "g1" })).resolves.toHaveLength(1);
    const [login, call] = server.seen;
    expect(route(login!)).toBe("POST /auth/providers/mongodb-cloud/login");
    expect(auth(login!)).toBeUndefined();
    expect(JSON.parse(login!.body)).toEqual({
      username: server.credentials.publicKey,
      apiKey: server.credentials.privateKey,
    });
    expect(auth(call!)).toBe(`Bearer ${client.runtime.session.get().accessToken}`);
    await client.listApps({ groupId: "g1" });
    expect(server.counts.logins).toBe(1);
  });

  test("bad keys: AdminAuthError with the server's message, no retry, no refresh", async () => {
    const client = runtimeClient({
      baseUrl: server.url,
      credentials: { publicKey: "pubkeyabcd", privateKey: "wrong-private-key-123" },
    });
    const error = await client.listApps({ groupId: "g1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminAuthError);
    expect(error).toMatchObject({
      status: 401,
      errorCode: undefined,
      method: "POST",
      path: "/auth/providers/mongodb-cloud/login",
    });
    expect((error as Error).message).toMatch(/^failed to authenticate with MongoDB Cloud API/);
    expect(server.seen).toHaveLength(1);
  });

  test("a caller's own Authorization header is sent as is, with no login", async () => {
    const pair = server.mintSession();
    const client = runtimeClient({ baseUrl: server.url, credentials: server.credentials });
    await client.listApps(
      { groupId: "g1" },
      { headers: { Authorization: `Bearer ${pair.accessToken}` } },
    );
    expect(server.seen.map(route)).toEqual(["GET /groups/g1/apps"]);
    expect(auth(server.seen[0]!)).toBe(`Bearer ${pair.accessToken}`);
  });

  test("a login sent as a call of its own goes out as is: no session login first, no Authorization", async () => {
    const client = runtimeClient({ baseUrl: server.url, credentials: server.credentials });
    const login = {
      operationId: "adminLogin",
      method: "POST",
      path: "/auth/providers/mongodb-cloud/login",
      pathParams: [],
      queryParams: [],
      requestMediaType: "application/json",
    };
    const body = { username: server.credentials.publicKey, apiKey: server.credentials.privateKey };
    await expect(client.runtime.invoke(login, { body })).resolves.toHaveProperty("access_token");
    expect(server.seen.map(route)).toEqual(["POST /auth/providers/mongodb-cloud/login"]);
    expect(auth(server.seen[0]!)).toBeUndefined();
  });

  test("no credentials and no session: requests go out without Authorization", async () => {
    const client = runtimeClient({ baseUrl: server.url });
    await expect(client.listApps({ groupId: "g1" })).rejects.toMatchObject({
      status: 401,
      errorCode: "InvalidSession",
    });
    expect(server.seen.map(route)).toEqual(["GET /groups/g1/apps"]);
    expect(auth(server.seen[0]!)).toBeUndefined();
  });
});

describe("refresh", () => {
  test("proactively, shortly before the JWT's exp, with no 401 on the way", async () => {
    const { time, client } = clientOnFakeClock();
    await client.listApps({ groupId: "g1" });
    const first = client.runtime.session.get();
    time.advance(28 * 60_000);
    await client.listApps({ groupId: "g1" });
    expect(server.counts.refreshes).toBe(0);
    time.advance(90_000);
    await client.listApps({ groupId: "g1" });
    expect(server.seen.map(route)).toEqual([
      "POST /auth/providers/mongodb-cloud/login",
      "GET /groups/g1/apps",
      "GET /groups/g1/apps",
      "POST /auth/session",
      "GET /groups/g1/apps",
    ]);
    const refresh = server.seen[3]!;
    expect(auth(refresh)).toBe(`Bearer ${first.refreshToken}`);
    expect(refresh.body).toBe("");
    const second = client.runtime.session.get();
    expect(second.refreshToken).toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(auth(server.seen[4]!)).toBe(`Bearer ${second.accessToken}`);
  });

  test("concurrent calls that find the token about to expire share one proactive refresh", async () => {
    const { time, client } = clientOnFakeClock();
    await client.listApps({ groupId: "g1" });
    time.advance(29.5 * 60_000);
    await Promise.all(Array.from({ length: 20 }, () => client.listApps({ groupId: "g1" })));
    expect(server.seen.filter(isRefresh)).toHaveLength(1);
    expect(server.counts.logins).toBe(1);
    expect(server.calls()).toHaveLength(21);
  });

  test("expiry mid-flight: 401 InvalidSession, one refresh, the identical request replayed once", async () => {
    const client = runtimeClient({ baseUrl: server.url, credentials: server.credentials });
    await client.listApps({ groupId: "g1" });
    const arrived = gate();
    const release = gate();
    let held = false;
    server.script(async (r) => {
      if (r.method !== "PUT" || held) return undefined;
      held = true;
      arrived.open();
      await release.opened;
      return undefined;
    });
    const pending = client.echo("PUT", { name: "x", value: [1, 2, 3] });
    await arrived.opened;
    server.expireAccessTokens();
    release.open();
    await expect(pending).resolves.toEqual({ method: "PUT", body: '{"name":"x","value":[1,2,3]}' });
    const puts = server.seen.filter((r) => r.method === "PUT");
    expect(puts).toHaveLength(2);
    expect(puts[1]!.body).toBe(puts[0]!.body);
    expect(puts[1]!.headers["content-type"]).toBe("application/json");
    expect(auth(puts[1]!)).not.toBe(auth(puts[0]!));
    expect(server.seen.filter(isRefresh)).toHaveLength(1);
  });

  test("50 concurrent calls after a forced expiry: exactly one refresh and no login", async () => {
    const client = runtimeClient({ baseUrl: server.url, credentials: server.credentials });
    await client.listApps({ groupId: "g1" });
    const old = client.runtime.session.get().accessToken;
    server.expireAccessTokens();
    // Hold half of the calls sent with the old token until the refresh has completed, so they
    // come back 401 after it: they must reuse the new token, not refresh again.
    const release = gate();
    let heldCount = 0;
    server.script(async (r) => {
      if (r.path !== "/groups/g1/apps" || auth(r) !== `Bearer ${old}` || heldCount >= 25)
        return undefined;
      heldCount++;
      await release.opened;
      return undefined;
    });
    const calls = Array.from({ length: 50 }, () => client.listApps({ groupId: "g1" }));
    await vi.waitFor(() => expect(client.runtime.session.get().accessToken).not.toBe(old));
    release.open();
    const results = await Promise.all(calls);
    expect(results.every((apps) => apps.length === 1)).toBe(true);
    expect(heldCount).toBe(25);
    expect(server.seen.filter(isRefresh)).toHaveLength(1);
    expect(server.counts.logins).toBe(1);
    const after = server.calls().slice(1);
    expect(after.filter((r) => auth(r) === `Bearer ${old}`)).toHaveLength(50);
    expect(
      after.filter((r) => auth(r) === `Bearer ${client.runtime.session.get().accessToken}`),
    ).toHaveLength(50);
  });

  test("refresh token expired: one fresh login, then the replay", async () => {
    const client = runtimeClient({ baseUrl: server.url, credentials: server.credentials });
    await client.listApps({ groupId: "g1" });
    server.expireAccessTokens();
    server.expireRefreshTokens();
    await expect(client.listApps({ groupId: "g1" })).resolves.toHaveLength(1);
    expect(server.seen.map(route).slice(2)).toEqual([
      "GET /groups/g1/apps",
      "POST /auth/session",
      "POST /auth/providers/mongodb-cloud/login",
      "GET /groups/g1/apps",
    ]);
    expect(server.counts.logins).toBe(2);
  });

  test("without credentials, a refused refresh is a typed auth error and nothing is retried", async () => {
    const client = runtimeClient({ baseUrl: server.url, session: server.mintSession() });
    server.expireAccessTokens();
    server.expireRefreshTokens();
    const error = await client.listApps({ groupId: "g1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminAuthError);
    expect(error).toMatchObject({
      errorCode: "InvalidSession",
      method: "POST",
      path: "/auth/session",
    });
    expect((error as Error).message).toBe("invalid session: failed to find refresh token");
    expect(server.seen.map(route)).toEqual(["GET /groups/g1/apps", "POST /auth/session"]);
  });

  test("`valid Issuer required` (a 401 with no code) is surfaced, never refreshed", async () => {
    const pair = server.mintSession();
    const client = runtimeClient({
      baseUrl: server.url,
      credentials: server.credentials,
      session: { accessToken: pair.refreshToken, refreshToken: pair.refreshToken },
    });
    const error = await client.listApps({ groupId: "g1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminAuthError);
    expect(error).toMatchObject({
      status: 401,
      errorCode: undefined,
      message: "invalid session: valid Issuer required",
    });
    expect(error).toMatchObject({ body: { error: "invalid session: valid Issuer required" } });
    expect(server.seen.map(route)).toEqual(["GET /groups/g1/apps"]);
  });

  test("a replay that fails again is surfaced, not replayed twice", async () => {
    const client = runtimeClient({ baseUrl: server.url, credentials: server.credentials });
    await client.listApps({ groupId: "g1" });
    const expired = {
      status: 401,
      body: { error: "invalid session: access token expired", error_code: "InvalidSession" },
    };
    server.replyNext(2, (r) => r.path === "/groups/g1/apps", expired);
    await expect(client.listApps({ groupId: "g1" })).rejects.toMatchObject({
      status: 401,
      errorCode: "InvalidSession",
    });
    expect(server.seen.map(route).slice(2)).toEqual([
      "GET /groups/g1/apps",
      "POST /auth/session",
      "GET /groups/g1/apps",
    ]);
  });

  test("a reset refresh is retried like a GET: one lost answer costs nothing", async () => {
    const { time, client } = clientOnFakeClock({ random: () => 0 });
    await client.listApps({ groupId: "g1" });
    server.expireAccessTokens();
    server.replyNext(1, isRefresh, "reset");
    await expect(client.listApps({ groupId: "g1" })).resolves.toHaveLength(1);
    expect(server.seen.filter(isRefresh)).toHaveLength(2);
    expect(time.sleeps).toEqual([500]);
    expect(server.counts).toMatchObject({ logins: 1, refreshes: 1 });
  });

  test("a refresh that keeps failing on the network keeps the session and surfaces the cause", async () => {
    const { client } = clientOnFakeClock();
    await client.listApps({ groupId: "g1" });
    const before = client.runtime.session.get();
    server.expireAccessTokens();
    server.replyNext(3, isRefresh, "reset");
    const error = await client.listApps({ groupId: "g1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminConnectionError);
    expect(error).toMatchObject({ method: "POST", path: "/auth/session" });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(server.seen.filter(isRefresh)).toHaveLength(3);
    expect(client.runtime.session.get()).toEqual(before);
    await expect(client.listApps({ groupId: "g1" })).resolves.toHaveLength(1);
    expect(server.counts).toMatchObject({ logins: 1, refreshes: 1 });
  });

  test("an early refresh that fails with a 503 does not fail a call the token still covers", async () => {
    const time = fakeClock(Date.now());
    const warnings: string[] = [];
    const client = runtimeClient({
      baseUrl: server.url,
      credentials: server.credentials,
      clock: time.clock,
      retries: 0,
      logger: { warn: (message: string) => void warnings.push(message) },
    });
    await client.listApps({ groupId: "g1" });
    const first = client.runtime.session.get();
    time.advance(29.5 * 60_000);
    server.replyNext(1, isRefresh, { status: 503, body: { error: "busy" } });
    await expect(client.listApps({ groupId: "g1" })).resolves.toHaveLength(1);
    const [, , refresh, call] = server.seen;
    expect(route(refresh!)).toBe("POST /auth/session");
    expect(auth(call!)).toBe(`Bearer ${first.accessToken}`);
    expect(warnings).toEqual([expect.stringMatching(/^renewing the session failed/)]);
    expect(client.runtime.session.get()).toEqual(first);
    // The next try waits a second; then it succeeds.
    time.advance(1_000);
    await client.listApps({ groupId: "g1" });
    expect(server.seen.filter(isRefresh)).toHaveLength(2);
    expect(client.runtime.session.get().accessToken).not.toBe(first.accessToken);
  });

  test("an early refresh that keeps failing backs off (1 s doubling to 16 s) instead of costing every call", async () => {
    const time = fakeClock(Date.now());
    const warnings: Array<Record<string, unknown> | undefined> = [];
    const client = runtimeClient({
      baseUrl: server.url,
      credentials: server.credentials,
      clock: time.clock,
      retries: 2,
      random: () => 0,
      logger: { warn: (_message, fields) => void warnings.push(fields) },
    });
    await client.listApps({ groupId: "g1" });
    const first = client.runtime.session.get();
    // 60 s left by the token's own exp, inside the refresh margin. The server stamps its tokens
    // from the real clock in whole seconds, so a fixed 29 minutes would leave 60 or 61 s
    // depending on whether the login crossed a second.
    time.advance(accessTokenExpiry(first.accessToken!, 0) - 60_000 - time.now);
    server.script((request) =>
      isRefresh(request) ? { status: 503, body: { error: "busy" } } : undefined,
    );
    const refreshes = () => server.seen.filter(isRefresh).length;
    const calls = () => server.calls().length;
    // Each failed attempt is three requests (the refresh is retried like a GET, 500 + 1000 ms of
    // waits on this clock); after it, calls go out with the current token until the wait is over.
    const attempts: number[] = [];
    const waits = [1000, 2000, 4000, 8000, 16000, 16000];
    for (const wait of waits) {
      for (const step of [0, wait - 1, 1]) {
        const before = refreshes();
        await expect(client.listApps({ groupId: "g1" })).resolves.toHaveLength(1);
        attempts.push(refreshes() - before);
        time.advance(step);
      }
    }
    expect(attempts).toEqual(waits.flatMap(() => [3, 0, 0]));
    expect(warnings.map((w) => w?.["retryInMs"])).toEqual(waits);
    expect(calls()).toBe(1 + 3 * waits.length);
    expect(client.runtime.session.get()).toEqual(first);
  });

  test("no backoff once the token has expired: the refresh is tried, and its failure surfaced", async () => {
    const time = fakeClock(Date.now());
    const client = runtimeClient({
      baseUrl: server.url,
      credentials: server.credentials,
      clock: time.clock,
      retries: 0,
      logger: {},
    });
    await client.listApps({ groupId: "g1" });
    time.advance(29.5 * 60_000);
    server.replyNext(2, isRefresh, { status: 503, body: { error: "busy" } });
    await client.listApps({ groupId: "g1" }); // early refresh fails: ridden out, next try in 1 s
    time.advance(30 * 60_000); // expired now
    await expect(client.listApps({ groupId: "g1" })).rejects.toMatchObject({
      status: 503,
      path: "/auth/session",
    });
    expect(server.seen.filter(isRefresh)).toHaveLength(2);
  });

  test("an early refresh refused with a 401 is surfaced, not ridden out", async () => {
    const time = fakeClock(Date.now());
    const client = runtimeClient({
      baseUrl: server.url,
      session: server.mintSession(),
      clock: time.clock,
    });
    time.advance(29.5 * 60_000);
    server.replyNext(1, isRefresh, {
      status: 401,
      body: { error: "invalid session", error_code: "InvalidSession" },
    });
    await expect(client.listApps({ groupId: "g1" })).rejects.toBeInstanceOf(AdminAuthError);
    expect(server.seen.map(route)).toEqual(["POST /auth/session"]);
  });

  test("a call with the caller's own Authorization is never refreshed or replayed", async () => {
    const pair = server.mintSession();
    const client = runtimeClient({ baseUrl: server.url, credentials: server.credentials });
    server.expireAccessTokens();
    const error = await client
      .listApps({ groupId: "g1" }, { headers: { authorization: `Bearer ${pair.accessToken}` } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, errorCode: "InvalidSession" });
    expect(server.seen.map(route)).toEqual(["GET /groups/g1/apps"]);
  });

  test("a caller's abort ends its wait for a shared refresh; the refresh serves the others", async () => {
    const client = runtimeClient({ baseUrl: server.url, credentials: server.credentials });
    await client.listApps({ groupId: "g1" });
    server.expireAccessTokens();
    const release = gate();
    server.script(async (r) => (isRefresh(r) ? (await release.opened, undefined) : undefined));
    const controller = new AbortController();
    const aborted = client
      .listApps({ groupId: "g1" }, { signal: controller.signal })
      .catch((e: unknown) => e);
    const other = client.listApps({ groupId: "g1" });
    await vi.waitFor(() => expect(server.seen.filter(isRefresh)).toHaveLength(1));
    controller.abort();
    expect(await aborted).toBeInstanceOf(AdminAbortError);
    release.open();
    await expect(other).resolves.toHaveLength(1);
    expect(server.seen.filter(isRefresh)).toHaveLength(1);
  });
});

describe("session state", () => {
  test("read, persist through onSessionChange, restore in a new client", async () => {
    const changes: SessionTokens[] = [];
    const first = runtimeClient({
      baseUrl: server.url,
      credentials: server.credentials,
      onSessionChange: (s) => changes.push(s),
    });
    await first.listApps({ groupId: "g1" });
    const saved = first.runtime.session.get();
    expect(changes).toEqual([saved]);
    expect(saved.accessToken).toMatch(/^eyJ/);
    const second = runtimeClient({ baseUrl: server.url });
    second.runtime.session.restore(saved);
    await second.listApps({ groupId: "g1" });
    expect(server.counts.logins).toBe(1);
    expect(auth(server.seen.at(-1)!)).toBe(`Bearer ${saved.accessToken}`);
  });

  test("logout deletes the session with the refresh token, then forgets it", async () => {
    const changes: SessionTokens[] = [];
    const client = runtimeClient({
      baseUrl: server.url,
      credentials: server.credentials,
      onSessionChange: (s) => changes.push(s),
    });
    await client.listApps({ groupId: "g1" });
    const { refreshToken } = client.runtime.session.get();
    await client.runtime.session.logout();
    const logout = server.seen.at(-1)!;
    expect(route(logout)).toBe("DELETE /auth/session");
    expect(auth(logout)).toBe(`Bearer ${refreshToken}`);
    expect(client.runtime.session.get()).toEqual({
      accessToken: undefined,
      refreshToken: undefined,
    });
    expect(changes.at(-1)).toEqual({ accessToken: undefined, refreshToken: undefined });
    expect(server.counts.logouts).toBe(1);
    await client.listApps({ groupId: "g1" });
    expect(server.counts.logins).toBe(2);
  });

  test("logout of a session the server already forgot still forgets it locally", async () => {
    const client = runtimeClient({ baseUrl: server.url, session: server.mintSession() });
    server.expireRefreshTokens();
    await expect(client.runtime.session.logout()).resolves.toBeUndefined();
    expect(client.runtime.session.get().refreshToken).toBeUndefined();
  });

  test("logout that cannot reach the server keeps the session so it can be retried", async () => {
    const client = runtimeClient({
      baseUrl: server.url,
      session: server.mintSession(),
      retries: false,
    });
    const before = client.runtime.session.get();
    server.replyNext(1, (r) => r.method === "DELETE", "reset");
    await expect(client.runtime.session.logout()).rejects.toBeInstanceOf(AdminConnectionError);
    expect(client.runtime.session.get()).toEqual(before);
    await client.runtime.session.logout();
    expect(server.counts.logouts).toBe(1);
  });
});
