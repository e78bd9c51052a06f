import { timingSafeEqual } from "node:crypto";
import { HttpError, invalidParameter } from "./http.js";
import type { Router } from "./router.js";
import type { EmulatorState } from "./state.js";
import type { TokenStore } from "./tokens.js";

/** The programmatic API key pair the emulator accepts. */
export interface Credentials {
  publicKey: string;
  privateKey: string;
}

/** Counters the control surface reports. */
export interface SessionCounters {
  logins: number;
  failedLogins: number;
  refreshes: number;
  logouts: number;
}

/** Registers login, refresh (201, not rotated), logout (204) and the admin profile. */
export function registerSessionRoutes(
  router: Router,
  state: EmulatorState,
  tokens: TokenStore,
  credentials: Credentials,
  counters: SessionCounters,
): void {
  router.add({
    method: "POST",
    template: "/auth/providers/mongodb-cloud/login",
    operation: "adminLogin",
    options: { auth: "none" },
    handler: async (ctx) => {
      const body = (ctx.json ?? {}) as { username?: unknown; apiKey?: unknown };
      if (typeof body.username !== "string")
        throw invalidParameter("body.username", "required string (the public API key)");
      if (typeof body.apiKey !== "string")
        throw invalidParameter("body.apiKey", "required string (the private API key)");
      if (
        !same(body.username, credentials.publicKey) ||
        !same(body.apiKey, credentials.privateKey)
      ) {
        counters.failedLogins++;
        throw new HttpError(
          401,
          "failed to authenticate with MongoDB Cloud API: You are not authorized for this resource.",
        );
      }
      counters.logins++;
      const refresh = await tokens.newRefreshToken(state.userId);
      return {
        status: 200,
        body: {
          access_token: await tokens.newAccessToken(state.userId, refresh.sessionId),
          refresh_token: refresh.token,
          user_id: state.userId,
          device_id: "000000000000000000000000",
        },
      };
    },
  });
  router.add({
    method: "POST",
    template: "/auth/session",
    operation: "adminCreateSession",
    options: { auth: "refresh" },
    handler: async (ctx) => {
      counters.refreshes++;
      return {
        status: 201,
        body: {
          access_token: await tokens.newAccessToken(ctx.caller!.userId, ctx.caller!.sessionId!),
        },
      };
    },
  });
  router.add({
    method: "DELETE",
    template: "/auth/session",
    operation: "adminDeleteSession",
    options: { auth: "refresh" },
    handler: (ctx) => {
      counters.logouts++;
      tokens.revokeSession(ctx.caller!.sessionId!);
      return { status: 204 };
    },
  });
  // Public, as the spec (`security: []`) and the docs have it: a client asks which login
  // providers exist before it has a session. The emulator logs in with API keys only.
  router.add({
    method: "GET",
    template: "/auth/providers",
    operation: "getAdminAuthProviders",
    options: { auth: "none" },
    handler: () => ({
      status: 200,
      body: [{ _id: state.userId, name: "mongodb-cloud", type: "mongodb-cloud", disabled: false }],
    }),
  });
  router.add({
    method: "GET",
    template: "/auth/profile",
    operation: "getAdminProfile",
    options: { auth: "access" },
    handler: (ctx) => ({
      status: 200,
      body: {
        user_id: ctx.caller!.userId,
        domain_id: state.userId,
        identities: [
          { id: credentials.publicKey, provider_type: "mongodb-cloud", provider_id: state.userId },
        ],
        data: { name: credentials.publicKey },
        type: "normal",
        // One role per project the key reaches, as the real profile has (realm-cli auth.go
        // AllGroupIDs reads every role's group_id).
        roles: state.groupIds.map((groupId) => ({ role_name: "GROUP_OWNER", group_id: groupId })),
      },
    }),
  });
}

/** Constant-time comparison, so the emulator is not a timing oracle for its own keys. */
function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
