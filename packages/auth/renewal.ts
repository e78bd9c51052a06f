import { AdminAuthError, AdminError } from "../core/errors.js";
import {
  isInvalidSessionError,
  loginWithApiKey,
  refreshAccessToken,
  type AuthWire,
} from "./wire.js";

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
  wire: AuthWire,
  refreshToken: string | undefined,
  credentials: { publicKey: string; privateKey: string } | undefined,
  log: (message: string) => void,
): Promise<TokenPair> {
  if (refreshToken !== undefined) {
    try {
      const accessToken = await refreshAccessToken(wire, refreshToken);
      log("refreshed the access token");
      return { accessToken, refreshToken };
    } catch (error) {
      if (!isInvalidSessionError(error) || !credentials) throw error;
      log("refresh token rejected (InvalidSession); logging in again");
    }
  }
  if (!credentials)
    throw new AdminError("the session has neither a refresh token nor an API key to renew with");
  const tokens = await loginWithApiKey(wire, credentials);
  log("logged in with the API key");
  return tokens;
}

/**
 * True when a failed renewal may be ridden out with an access token that has not expired yet:
 * the server was busy or unreachable, or answered oddly. A 401 is not such a failure: it says the
 * session (or the API key) is gone, and the caller must hear it.
 */
export function isPassingRenewalFailure(error: unknown): boolean {
  return error instanceof AdminError && !(error instanceof AdminAuthError);
}
