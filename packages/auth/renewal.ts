import { AdminAuthError, AdminError } from "../core/errors.js";
import { field, LOGIN_PATH, SESSION_PATH, type SessionCall } from "./wire.js";

/** A session's token pair as the server hands it out. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/**
 * A new token pair: a refresh with `refreshToken` when there is one; a login with `credentials`
 * when there is none or the server refused it as `InvalidSession` (expired after 60 days, logged
 * out elsewhere). Any other failure is thrown as is: it says nothing about the refresh token.
 */
export async function obtainTokens(
  call: SessionCall,
  refreshToken: string | undefined,
  credentials: { publicKey: string; privateKey: string } | undefined,
  log: (message: string) => void,
): Promise<TokenPair> {
  if (refreshToken !== undefined) {
    try {
      // `POST /auth/session` with the refresh token: a new access token, the refresh token kept.
      // Marked idempotent: with the refresh token unchanged, a second refresh after a lost answer
      // only mints another access token, so it may be retried like a GET.
      const body = await call("POST", SESSION_PATH, refreshToken, undefined, {
        idempotent: true,
      });
      const accessToken = field(body, "access_token", SESSION_PATH);
      log("refreshed the access token");
      return { accessToken, refreshToken };
    } catch (error) {
      const invalid = error instanceof AdminAuthError && error.errorCode === "InvalidSession";
      if (!invalid || !credentials) throw error;
      log("refresh token rejected; logging in");
    }
  }
  if (!credentials) throw new AdminError("the session has no refresh token or API key");
  const body = await call("POST", LOGIN_PATH, undefined, {
    username: credentials.publicKey,
    apiKey: credentials.privateKey,
  });
  const tokens = {
    accessToken: field(body, "access_token", LOGIN_PATH),
    refreshToken: field(body, "refresh_token", LOGIN_PATH),
  };
  log("logged in");
  return tokens;
}
