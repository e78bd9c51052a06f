import { decodeJwt } from "jose";

/** How long an access token lives when its own claims cannot tell (the documented 30 minutes). */
export const DEFAULT_ACCESS_TOKEN_LIFETIME_MS = 30 * 60_000;

/**
 * When an access token expires, in epoch milliseconds: its JWT `exp`, else `iat` + 30 minutes,
 * else 30 minutes after `receivedAt`. The signature is not verified: the server does that, and
 * the client only needs to know when to refresh.
 */
export function accessTokenExpiry(token: string, receivedAt: number): number {
  try {
    const { exp, iat } = decodeJwt(token);
    if (typeof exp === "number" && Number.isFinite(exp)) return exp * 1000;
    if (typeof iat === "number" && Number.isFinite(iat))
      return iat * 1000 + DEFAULT_ACCESS_TOKEN_LIFETIME_MS;
  } catch {
    // Not a JWT we can read: fall back to the documented lifetime.
  }
  return receivedAt + DEFAULT_ACCESS_TOKEN_LIFETIME_MS;
}
