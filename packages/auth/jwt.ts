/** How long an access token lives when its own claims cannot tell (the documented 30 minutes). */
export const DEFAULT_ACCESS_TOKEN_LIFETIME_MS = 30 * 60_000;

/**
 * When an access token expires, in epoch milliseconds: its JWT `exp`, else `iat` + 30 minutes,
 * else 30 minutes after `receivedAt`. The signature is not verified: the server does that, and
 * the client only needs to know when to refresh.
 */
export function accessTokenExpiry(token: string, receivedAt: number): number {
  // The claims of a compact JWS (`header.payload.signature`), decoded with the platform's base64
  // rather than jose's `decodeJwt`: reading two numbers out of a base64url JSON object does not
  // justify 1.7 KB in every consumer's bundle (the emulator, which signs and verifies, uses jose).
  let claims: unknown;
  const parts = token.split(".");
  const payload = parts[1]!;
  // Three parts: the payload is there (the test refuses an empty one).
  if (parts.length === 3 && /^[\w-]+$/.test(payload)) {
    try {
      // Read as Latin-1, not UTF-8: a multi-byte character in another claim only garbles that
      // claim's text (its bytes are all above U+007F, so the JSON stays valid), never the numbers.
      claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    } catch {
      // Not base64url or not JSON: not a token whose expiry can be read.
    }
  }
  // Claims that are not an object (`null`, `5`, an array) have neither: destructuring reads
  // nothing from them. Number.isFinite is false for anything but a finite number.
  const { exp, iat } = (claims ?? {}) as { exp?: number; iat?: number };
  if (Number.isFinite(exp)) return exp! * 1000;
  if (Number.isFinite(iat)) return iat! * 1000 + DEFAULT_ACCESS_TOKEN_LIFETIME_MS;
  return receivedAt + DEFAULT_ACCESS_TOKEN_LIFETIME_MS;
}
