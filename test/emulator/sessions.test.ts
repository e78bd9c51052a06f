import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt } from "jose";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start({ operationSchemas: false });
});
afterAll(() => emu.stop());

describe("sessions (DESIGN §4 Sessions)", () => {
  it("logs in with the key pair, no Authorization header: 200 with both tokens, user_id, device_id", async () => {
    const answer = await call(emu, "POST", "/auth/providers/mongodb-cloud/login", {
      json: { username: emu.credentials.publicKey, apiKey: emu.credentials.privateKey },
    });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual([
      "access_token",
      "device_id",
      "refresh_token",
      "user_id",
    ]);
    expect(answer.body.user_id).toMatch(/^[0-9a-f]{24}$/);
    expect(answer.body.access_token).not.toBe(answer.body.refresh_token);
  });

  it("issues access tokens that are JWTs living 30 minutes, refresh tokens living 60 days", async () => {
    const { access_token, refresh_token } = await login(emu);
    const access = decodeJwt(access_token);
    expect(access.exp! - access.iat!).toBe(1800);
    const refresh = decodeJwt(refresh_token);
    expect(refresh.exp! - refresh.iat!).toBe(60 * 24 * 3600);
  });

  it("takes the access-token lifetime from the options", async () => {
    const short = await start({
      operationSchemas: false,
      accessTokenTtlSeconds: 90,
      logs: { count: 1 },
    });
    try {
      const claims = decodeJwt((await login(short)).access_token);
      expect(claims.exp! - claims.iat!).toBe(90);
    } finally {
      await short.stop();
    }
  });

  it("refuses bad keys with 401 and no error_code", async () => {
    const answer = await call(emu, "POST", "/auth/providers/mongodb-cloud/login", {
      json: { username: emu.credentials.publicKey, apiKey: "wrong" },
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatch(/^failed to authenticate with MongoDB Cloud API: /);
    expect(answer.body).not.toHaveProperty("error_code");
    expect(answer.text).not.toContain(emu.credentials.privateKey);
  });

  it("refreshes with the refresh token: 201 {access_token}, refresh token not rotated", async () => {
    const { refresh_token, access_token } = await login(emu);
    const first = await call(emu, "POST", "/auth/session", { token: refresh_token });
    expect(first.status).toBe(201);
    expect(Object.keys(first.body)).toEqual(["access_token"]);
    expect(first.body.access_token).not.toBe(access_token);
    const second = await call(emu, "POST", "/auth/session", { token: refresh_token });
    expect(second.status).toBe(201);
    expect(
      (await call(emu, "GET", "/auth/profile", { token: second.body.access_token })).status,
    ).toBe(200);
  });

  it("answers an unknown refresh token with 401 InvalidSession 'failed to find refresh token'", async () => {
    const answer = await call(emu, "POST", "/auth/session", { token: "not-a-token" });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      error: "invalid session: failed to find refresh token",
      error_code: "InvalidSession",
    });
  });

  it("answers an expired access token with 401 InvalidSession 'access token expired'", async () => {
    const { access_token } = await login(emu);
    expect((await call(emu, "GET", "/auth/profile", { token: access_token })).status).toBe(200);
    emu.control.expireAccessTokens();
    const answer = await call(emu, "GET", appPath(emu), { token: access_token });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      error: "invalid session: access token expired",
      error_code: "InvalidSession",
    });
  });

  it("answers an unknown access token the same way", async () => {
    const answer = await call(emu, "GET", "/auth/profile", { token: "eyJhbGciOiJIUzI1NiJ9.e30.x" });
    expect(answer.body).toEqual({
      error: "invalid session: access token expired",
      error_code: "InvalidSession",
    });
  });

  it("answers a refresh token used as an access token with 401 'valid Issuer required' and no code", async () => {
    const { refresh_token } = await login(emu);
    const answer = await call(emu, "GET", `/groups/${emu.groupId}/apps`, { token: refresh_token });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: "invalid session: valid Issuer required" });
  });

  it("refuses an access token at the refresh endpoint without inviting another refresh", async () => {
    const { access_token } = await login(emu);
    const answer = await call(emu, "POST", "/auth/session", { token: access_token });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: "invalid refresh token: incorrect token type" });
  });

  it("logs out with the refresh token: 204, then the refresh token and its access tokens are dead", async () => {
    const { access_token, refresh_token } = await login(emu);
    const out = await call(emu, "DELETE", "/auth/session", { token: refresh_token });
    expect(out.status).toBe(204);
    expect(out.text).toBe("");
    expect(
      (await call(emu, "POST", "/auth/session", { token: refresh_token })).body.error_code,
    ).toBe("InvalidSession");
    expect((await call(emu, "GET", "/auth/profile", { token: access_token })).body.error_code).toBe(
      "InvalidSession",
    );
  });

  it("expiring refresh tokens makes refresh fail with InvalidSession", async () => {
    const { refresh_token } = await login(emu);
    emu.control.expireRefreshTokens();
    const answer = await call(emu, "POST", "/auth/session", { token: refresh_token });
    expect(answer.body).toEqual({
      error: "invalid session: failed to find refresh token",
      error_code: "InvalidSession",
    });
  });

  it("serves the admin profile with the project role", async () => {
    const { access_token, user_id } = await login(emu);
    const answer = await call(emu, "GET", "/auth/profile", { token: access_token });
    expect(answer.body.user_id).toBe(user_id);
    expect(answer.body.roles).toContainEqual({ role_name: "GROUP_OWNER", group_id: emu.groupId });
  });

  it("wants a bearer token on every other call", async () => {
    const answer = await call(emu, "GET", `/groups/${emu.groupId}/apps`);
    expect(answer.status).toBe(401);
    expect(answer.body.error_code).toBe("InvalidSession");
  });

  it("uses fresh random credentials per start unless given", async () => {
    const other = await start({
      operationSchemas: false,
      logs: { count: 1 },
      credentials: { publicKey: "pub", privateKey: "priv" },
    });
    try {
      expect(other.credentials).toEqual({ publicKey: "pub", privateKey: "priv" });
      expect(emu.credentials.publicKey).not.toBe("pub");
      const answer = await call(other, "POST", "/auth/providers/mongodb-cloud/login", {
        json: { username: "pub", apiKey: "priv" },
      });
      expect(answer.status).toBe(200);
    } finally {
      await other.stop();
    }
  });
});
