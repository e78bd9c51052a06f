import { randomBytes, randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { HttpError } from "./http.js";

/** The 401 the real API sends for an expired or unknown access token; it invites a refresh. */
export const accessTokenExpired = (): HttpError =>
  new HttpError(401, "invalid session: access token expired", "InvalidSession");

/** The 401 for a refresh token used where an access token belongs: no code, so no refresh loop. */
export const issuerRequired = (): HttpError =>
  new HttpError(401, "invalid session: valid Issuer required");

/** The 401 for a refresh token the server does not know (expired, logged out, forged). */
export const refreshTokenNotFound = (): HttpError =>
  new HttpError(401, "invalid session: failed to find refresh token", "InvalidSession");

/** The 401 for an access token sent where a refresh token belongs (the spec's documented case). */
export const incorrectTokenType = (): HttpError =>
  new HttpError(401, "invalid refresh token: incorrect token type");

interface Issued {
  userId: string;
  expiresAtMs: number;
  /** For access tokens: the refresh session that minted them. */
  sessionId?: string;
}

/**
 * Mints and checks the JWTs of admin sessions. Both kinds are signed with a per-start secret and
 * also remembered by `jti`, so the control surface can expire them (and logout can revoke them)
 * without waiting on the clock. Lifetimes run on the emulator's clock (`clock` option).
 */
export class TokenStore {
  readonly #secret = new Uint8Array(randomBytes(32));
  readonly #access = new Map<string, Issued>();
  readonly #refresh = new Map<string, Issued>();
  /** Every token string minted and not yet forgotten, with its claims. */
  readonly #minted = new Map<string, { typ: string; jti: string }>();

  constructor(
    private readonly accessTtlMs: number,
    private readonly refreshTtlMs: number,
    /** The emulator's clock: a test expires a token by moving it. */
    private readonly now: () => number = Date.now,
  ) {}

  /** A new refresh session for `userId` and its refresh token. */
  async newRefreshToken(userId: string): Promise<{ token: string; sessionId: string }> {
    const sessionId = randomUUID();
    const now = this.now();
    this.#refresh.set(sessionId, { userId, expiresAtMs: now + this.refreshTtlMs });
    return {
      token: await this.#sign({ typ: "refresh" }, userId, sessionId, now, this.refreshTtlMs),
      sessionId,
    };
  }

  /** A new access token for the session (refresh is not rotated: the session keeps its token). */
  async newAccessToken(userId: string, sessionId: string): Promise<string> {
    const jti = randomUUID();
    const now = this.now();
    this.#access.set(jti, { userId, expiresAtMs: now + this.accessTtlMs, sessionId });
    // The issuer claim is what the real server checks first; refresh tokens carry none.
    return this.#sign({ typ: "access", iss: "baas-admin" }, userId, jti, now, this.accessTtlMs);
  }

  /** The caller of an access token, or the exact 401 the real API sends. */
  async verifyAccess(token: string): Promise<{ userId: string }> {
    const claims = this.#claims(token);
    if (!claims) throw accessTokenExpired();
    if (claims.typ === "refresh") throw issuerRequired();
    const issued = this.#access.get(claims.jti);
    if (!issued || issued.expiresAtMs <= this.now()) throw accessTokenExpired();
    return { userId: issued.userId };
  }

  /** The session of a refresh token, or the exact 401 the real API sends. */
  async verifyRefresh(token: string): Promise<{ userId: string; sessionId: string }> {
    const claims = this.#claims(token);
    if (claims?.typ === "access") throw incorrectTokenType();
    const issued = claims ? this.#refresh.get(claims.jti) : undefined;
    if (!claims || !issued || issued.expiresAtMs <= this.now()) throw refreshTokenNotFound();
    return { userId: issued.userId, sessionId: claims.jti };
  }

  /** Ends a refresh session and every access token it minted. */
  revokeSession(sessionId: string): void {
    this.#refresh.delete(sessionId);
    for (const [jti, issued] of this.#access)
      if (issued.sessionId === sessionId) this.#access.delete(jti);
  }

  /** Makes every access token issued so far expired; returns how many were live. */
  expireAccessTokens(): number {
    const n = this.#access.size;
    this.#access.clear();
    return n;
  }

  /** Makes every refresh token issued so far unknown; returns how many were live. */
  expireRefreshTokens(): number {
    const n = this.#refresh.size;
    this.#refresh.clear();
    return n;
  }

  async #sign(
    claims: Record<string, string>,
    userId: string,
    jti: string,
    nowMs: number,
    ttlMs: number,
  ): Promise<string> {
    const iat = Math.floor(nowMs / 1000);
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(userId)
      .setJti(jti)
      .setIssuedAt(iat)
      .setExpirationTime(iat + Math.max(1, Math.round(ttlMs / 1000)))
      .sign(this.#secret);
    this.#minted.set(token, { typ: claims.typ!, jti });
    return token;
  }

  /**
   * The claims of a token this store minted, or undefined for any other string (forged, altered,
   * from another emulator). A lookup of the exact string stands in for checking its signature on
   * every request; expiry is judged from the store, which has millisecond precision.
   */
  #claims(token: string): { typ: string; jti: string } | undefined {
    const claims = this.#minted.get(token);
    if (claims && !this.#access.has(claims.jti) && !this.#refresh.has(claims.jti)) {
      // Expired or revoked for good: forget the string too, so the map stays small.
      this.#minted.delete(token);
      return claims;
    }
    return claims;
  }
}
