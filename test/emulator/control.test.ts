import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start } from "./helpers.js";

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await start({ logs: { count: 20 } });
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

describe("control: injected faults", () => {
  it("fails the next request with a given status and JSON body, then recovers", async () => {
    emu.control.failNext({
      status: 500,
      body: { error: "boom", error_code: "InternalServerError" },
    });
    const failed = await call(emu, "GET", "/auth/profile", { token });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ error: "boom", error_code: "InternalServerError" });
    expect((await call(emu, "GET", "/auth/profile", { token })).status).toBe(200);
  });

  it("fails N requests matching a method and path template, leaving others alone", async () => {
    emu.control.failNext({
      count: 2,
      status: 429,
      method: "GET",
      path: "/groups/{groupId}/apps/{appId}/logs",
      headers: { "retry-after": "1" },
    });
    expect((await call(emu, "GET", "/auth/profile", { token })).status).toBe(200);
    const first = await call(emu, "GET", appPath(emu, "/logs"), { token });
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("1");
    expect(first.body.error_code).toBe("InjectedFault");
    expect((await call(emu, "GET", appPath(emu, "/logs"), { token })).status).toBe(429);
    expect((await call(emu, "GET", appPath(emu, "/logs"), { token })).status).toBe(200);
  });

  it("sends a text body or no body at all when asked", async () => {
    emu.control.failNext({ status: 502, body: "upstream connect error" });
    const text = await call(emu, "GET", "/auth/profile", { token });
    expect(text.status).toBe(502);
    expect(text.headers.get("content-type")).toBe("text/plain");
    expect(text.text).toBe("upstream connect error");
    emu.control.failNext({ status: 503, body: null });
    const empty = await call(emu, "GET", "/auth/profile", { token });
    expect(empty.status).toBe(503);
    expect(empty.text).toBe("");
  });

  it("drops the connection without an answer", async () => {
    emu.control.failNext({ drop: true, path: /\/profile$/ });
    await expect(
      fetch(`${emu.url}/auth/profile`, { headers: { authorization: `Bearer ${token}` } }),
    ).rejects.toThrow();
    expect((await call(emu, "GET", "/auth/profile", { token })).status).toBe(200);
  });

  it("forgets pending faults on clearFaults", async () => {
    emu.control.failNext({ count: 5, status: 500 });
    emu.control.clearFaults();
    expect((await call(emu, "GET", "/auth/profile", { token })).status).toBe(200);
  });

  it("delays matching requests: a delayed request is answered after a later undelayed one", async () => {
    emu.control.setLatency(1500, { path: "/auth/profile" });
    const order: string[] = [];
    const slow = call(emu, "GET", "/auth/profile", { token }).then((a) =>
      order.push(`slow ${a.status}`),
    );
    const fast = call(emu, "GET", `/groups/${emu.groupId}/apps`, { token }).then((a) =>
      order.push(`fast ${a.status}`),
    );
    await Promise.all([slow, fast]);
    emu.control.setLatency(0);
    expect(order).toEqual(["fast 200", "slow 200"]);
  });
});

describe("control: counts and the request log", () => {
  it("counts logins, refreshes, logouts and requests per operation and status", async () => {
    emu.control.resetCounts();
    const session = await login(emu);
    await call(emu, "POST", "/auth/session", { token: session.refresh_token });
    await call(emu, "POST", "/auth/session", { token: session.refresh_token });
    await call(emu, "GET", appPath(emu, "/logs"), { token });
    await call(emu, "POST", "/auth/providers/mongodb-cloud/login", {
      json: { username: "x", apiKey: "y" },
    });
    await call(emu, "DELETE", "/auth/session", { token: session.refresh_token });
    const counts = emu.control.counts();
    expect(counts).toMatchObject({
      total: 6,
      logins: 1,
      failedLogins: 1,
      refreshes: 2,
      logouts: 1,
    });
    expect(counts.byOperation).toEqual({
      adminLogin: 2,
      adminCreateSession: 2,
      adminGetLogs: 1,
      adminDeleteSession: 1,
    });
    expect(counts.byStatus).toEqual({ 200: 2, 201: 2, 401: 1, 204: 1 });
  });

  it("logs requests with method, path, operation, status and headers, never a secret", async () => {
    emu.control.resetCounts();
    const session = await login(emu);
    await call(emu, "GET", appPath(emu, "/logs?limit=3"), {
      token: session.access_token,
      headers: { "x-baas-request-origin": "mongodb-baas-cli" },
    });
    const records = emu.control.requests();
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({
      method: "GET",
      path: appPath(emu, "/logs"),
      query: "limit=3",
      operation: "adminGetLogs",
      status: 200,
    });
    expect(records[1]!.headers["x-baas-request-origin"]).toBe("mongodb-baas-cli");
    expect(records[1]!.headers.authorization).toBe("[redacted]");
    const dump = JSON.stringify(records);
    for (const secret of [session.access_token, session.refresh_token, emu.credentials.privateKey])
      expect(dump).not.toContain(secret);
  });

  it("appends a number of generated log entries", async () => {
    const entries = emu.control.appendLogs(3);
    expect(entries).toHaveLength(3);
    const page = await call(emu, "GET", appPath(emu, "/logs?limit=3"), { token });
    expect(page.body.logs.map((e: { _id: string }) => e._id).sort()).toEqual(
      entries.map((e) => e._id).sort(),
    );
  });
});
