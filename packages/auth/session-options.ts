import type { Clock } from "../core/clock.js";
import type { AdminLogger } from "../core/logger.js";
import type { Redaction } from "../core/redact.js";
import type { AuthSendOptions } from "./wire.js";

/** A programmatic API key pair (Atlas organisation or project API key). */
export interface ApiKeyCredentials {
  publicKey: string;
  privateKey: string;
}

/** The persistable part of a session. */
export interface SessionTokens {
  accessToken?: string | undefined;
  refreshToken?: string | undefined;
}

/** Options of a `SessionManager`. */
export interface SessionManagerOptions {
  /** API base URL, or a function returning it (the middleware learns it from the client). */
  baseUrl: string | (() => string);
  /** Sends the login, refresh and logout requests (the refresh is marked safe to repeat). */
  send: (request: Request, options?: AuthSendOptions) => Promise<Response>;
  credentials?: ApiKeyCredentials | undefined;
  session?: SessionTokens | undefined;
  clock?: Clock | undefined;
  redactor?: Redaction | undefined;
  logger?: AdminLogger | undefined;
  userAgent?: string | undefined;
  /** Refresh this long before the access token's `exp` (default 60 s). */
  refreshMarginMs?: number | undefined;
  /**
   * Called after every login, refresh and logout, to persist the session.
   * A throw, or an async callback's rejection, is ignored: the call goes on.
   */
  onSessionChange?: ((session: SessionTokens) => void) | undefined;
}

/** Default head start of a proactive refresh before the token's `exp`. */
export const DEFAULT_REFRESH_MARGIN_MS = 60_000;
