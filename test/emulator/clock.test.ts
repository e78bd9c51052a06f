import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start } from "./helpers.js";

// Every time the emulator hands out or judges by comes from its one clock (the `clock` option),
// so a test expires a token or dates a deployment by moving time, never by waiting.
const T0 = Date.UTC(2030, 0, 2, 3, 4, 5);
let now = T0;
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start({
    clock: { now: () => now },
    accessTokenTtlSeconds: 60,
    refreshTokenTtlSeconds: 600,
    deploymentTiming: { createdMs: 0, pendingMs: 0 },
    logs: { count: 3 },
  });
});
afterAll(() => emu.stop());

const refresh = (refreshToken: string) =>
  call(emu, "POST", "/auth/session", { token: refreshToken });

describe("the emulator's clock", () => {
  it("dates the tokens it mints and expires them when moved past their lifetime", async () => {
    now = T0;
    const { access_token, refresh_token } = await login(emu);
    expect(decodeJwt(access_token).iat).toBe(T0 / 1000);
    expect(decodeJwt(refresh_token).exp).toBe(T0 / 1000 + 600);
    const apps = `/groups/${emu.groupId}/apps`;
    now = T0 + 59_999;
    expect((await call(emu, "GET", apps, { token: access_token })).status).toBe(200);
    now = T0 + 60_000;
    const expired = await call(emu, "GET", apps, { token: access_token });
    expect({ status: expired.status, body: expired.body }).toEqual({
      status: 401,
      body: { error: "invalid session: access token expired", error_code: "InvalidSession" },
    });
    const renewed = await refresh(refresh_token);
    expect(renewed.status).toBe(201);
    expect(decodeJwt(renewed.body.access_token).iat).toBe(T0 / 1000 + 60);
    now = T0 + 600_000;
    const gone = await refresh(refresh_token);
    expect({ status: gone.status, body: gone.body }).toEqual({
      status: 401,
      body: {
        error: "invalid session: failed to find refresh token",
        error_code: "InvalidSession",
      },
    });
  });

  it("dates a deployment, an app's last_modified and the seeded logs by it", async () => {
    now = T0 + 3_600_000;
    const { access_token: token } = await login(emu);
    const draft = await call(emu, "POST", appPath(emu, "/drafts"), { token });
    expect(draft.status).toBe(201);
    now += 5_000;
    const deployment = await call(
      emu,
      "POST",
      appPath(emu, `/drafts/${draft.body._id}/deployment`),
      { token },
    );
    expect(deployment.status).toBe(201);
    expect(deployment.body.deployed_at).toBe(Math.floor(now / 1000));
    const app = await call(emu, "POST", `/groups/${emu.groupId}/apps`, {
      token,
      json: { name: "clocked" },
    });
    expect(app.status).toBe(201);
    expect(app.body.last_modified).toBe(Math.floor(now / 1000));
    const logs = await call(emu, "GET", appPath(emu, "/logs"), { token });
    expect(Date.parse(logs.body.logs[0].started)).toBe(T0);
  });
});
