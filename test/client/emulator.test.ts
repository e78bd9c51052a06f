import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/create-admin-client.js";
import {
  AdminAuthError,
  AdminConnectionError,
  AdminServerError,
} from "../../packages/core/errors.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { fakeClock } from "./helpers/fake-clock.js";

// The SDK against the emulator over loopback HTTP: the session and retry scenarios with
// the server's own counters as the witness.
let emu: RunningEmulator;
let admin: AdminClient;
const appsPath = "/groups/{groupId}/apps";

async function start(
  options: Parameters<typeof startEmulator>[0] = {},
  client: Parameters<typeof createAdminClient>[0] = {},
) {
  emu = await startEmulator({ logs: { count: 0 }, ...options });
  admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials, ...client });
}
afterEach(async () => {
  await emu.stop();
});

describe("sessions against the emulator", () => {
  beforeEach(async () => {
    await start();
  });

  test("login then a call", async () => {
    const apps = await admin.apps.listApplications({ groupId: emu.groupId });
    expect(apps.map((app) => app._id)).toContain(emu.appId);
    expect(emu.control.counts()).toMatchObject({ logins: 1, refreshes: 0 });
    const profile = await admin.admin.getAdminProfile();
    expect(profile).toMatchObject({
      identities: [expect.objectContaining({ provider_type: "mongodb-cloud" })],
    });
  });

  test("expiry mid-flight: one refresh and a replay", async () => {
    await admin.apps.listApplications({ groupId: emu.groupId });
    // Long enough that the expiry below always lands while the request is held.
    emu.control.setLatency(1000, { method: "GET", path: appsPath });
    const pending = admin.apps.listApplications({ groupId: emu.groupId });
    await vi.waitFor(() =>
      expect(emu.control.requests().filter((r) => r.path.endsWith("/apps")).length).toBe(2),
    );
    emu.control.expireAccessTokens();
    emu.control.setLatency(0);
    await expect(pending).resolves.toEqual(
      expect.arrayContaining([expect.objectContaining({ _id: emu.appId })]),
    );
    expect(emu.control.counts()).toMatchObject({ logins: 1, refreshes: 1 });
  });

  test("50 concurrent calls after a forced expiry: exactly 1 refresh and 0 logins", async () => {
    await admin.apps.listApplications({ groupId: emu.groupId });
    emu.control.expireAccessTokens();
    emu.control.resetCounts();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => admin.apps.listApplications({ groupId: emu.groupId })),
    );
    expect(results).toHaveLength(50);
    expect(emu.control.counts()).toMatchObject({ logins: 0, refreshes: 1 });
  });

  test("refresh token expired: exactly one re-login", async () => {
    await admin.apps.listApplications({ groupId: emu.groupId });
    emu.control.expireAccessTokens();
    emu.control.expireRefreshTokens();
    emu.control.resetCounts();
    await admin.apps.listApplications({ groupId: emu.groupId });
    expect(emu.control.counts()).toMatchObject({ logins: 1, refreshes: 0 });
  });

  test("`valid Issuer required`: an auth error, no refresh loop", async () => {
    await admin.apps.listApplications({ groupId: emu.groupId });
    const { refreshToken } = admin.session.get();
    const misused = createAdminClient({
      baseUrl: emu.url,
      session: { accessToken: refreshToken, refreshToken },
    });
    emu.control.resetCounts();
    const error = await misused.apps
      .listApplications({ groupId: emu.groupId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminAuthError);
    expect(error).toMatchObject({
      errorCode: undefined,
      message: "invalid session: valid Issuer required",
    });
    expect(emu.control.counts()).toMatchObject({ total: 1, refreshes: 0, logins: 0 });
    expect(inspect(error, { depth: 10 }) + JSON.stringify(error)).not.toContain(refreshToken!);
  });

  test("logout ends the session on the server", async () => {
    await admin.apps.listApplications({ groupId: emu.groupId });
    const { refreshToken } = admin.session.get();
    await admin.logout();
    expect(emu.control.counts()).toMatchObject({ logouts: 1 });
    const stale = createAdminClient({ baseUrl: emu.url, session: { refreshToken } });
    await expect(stale.apps.listApplications({ groupId: emu.groupId })).rejects.toMatchObject({
      name: "AdminAuthError",
      errorCode: "InvalidSession",
      path: "/auth/session",
    });
  });
});

describe("proactive refresh against the emulator", () => {
  test("refreshes before exp with no 401", async () => {
    const time = fakeClock(Date.now());
    await start({ accessTokenTtlSeconds: 120 }, { clock: time.clock });
    await admin.apps.listApplications({ groupId: emu.groupId });
    time.advance(30_000);
    await admin.apps.listApplications({ groupId: emu.groupId });
    expect(emu.control.counts().refreshes).toBe(0);
    time.advance(40_000);
    await admin.apps.listApplications({ groupId: emu.groupId });
    const counts = emu.control.counts();
    expect(counts).toMatchObject({ logins: 1, refreshes: 1 });
    expect(counts.byStatus["401"]).toBeUndefined();
  });
});

describe("retries against the emulator", () => {
  let time: ReturnType<typeof fakeClock>;
  beforeEach(async () => {
    time = fakeClock();
    await start({}, { clock: time.clock, random: () => 0 });
    await admin.apps.listApplications({ groupId: emu.groupId });
    emu.control.resetCounts();
  });

  test("503 twice then success on GET", async () => {
    emu.control.failNext({ method: "GET", path: appsPath, status: 503, count: 2 });
    await expect(admin.apps.listApplications({ groupId: emu.groupId })).resolves.toBeInstanceOf(
      Array,
    );
    expect(emu.control.counts().total).toBe(3);
    expect(time.sleeps).toEqual([500, 1000]);
  });

  test("POST is not retried", async () => {
    emu.control.failNext({ method: "POST", path: appsPath, status: 503 });
    await expect(
      admin.apps.createApplication({ groupId: emu.groupId, body: { name: "second" } }),
    ).rejects.toBeInstanceOf(AdminServerError);
    expect(emu.control.counts().total).toBe(1);
  });

  test("Retry-After is honoured", async () => {
    emu.control.failNext({
      method: "GET",
      path: appsPath,
      status: 429,
      headers: { "retry-after": "2" },
    });
    await admin.apps.listApplications({ groupId: emu.groupId });
    expect(time.sleeps).toEqual([2000]);
  });

  test("a dropped connection is retried on GET and surfaced on POST", async () => {
    emu.control.failNext({ method: "GET", path: appsPath, drop: true });
    await expect(admin.apps.listApplications({ groupId: emu.groupId })).resolves.toBeInstanceOf(
      Array,
    );
    emu.control.failNext({ method: "POST", path: appsPath, drop: true });
    await expect(
      admin.apps.createApplication({ groupId: emu.groupId, body: { name: "third" } }),
    ).rejects.toBeInstanceOf(AdminConnectionError);
    expect(emu.control.counts().total).toBe(3);
  });
});
