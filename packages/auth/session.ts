import { systemClock, type Clock } from "../client/clock.js";
import { AdminAuthError, AdminError } from "../client/errors.js";
import { logEvent, type AdminLogger } from "../client/logger.js";
import { Redactor } from "../client/redact.js";
import { accessTokenExpiry } from "./jwt.js";
import {
  deleteSession,
  isInvalidSessionError,
  loginWithApiKey,
  refreshAccessToken,
  type AuthWire,
} from "./wire.js";

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
  /** Sends the login, refresh and logout requests. */
  send: (request: Request) => Promise<Response>;
  credentials?: ApiKeyCredentials | undefined;
  session?: SessionTokens | undefined;
  clock?: Clock | undefined;
  redactor?: Redactor | undefined;
  logger?: AdminLogger | undefined;
  userAgent?: string | undefined;
  /** Refresh this long before the access token's `exp` (default 60 s). */
  refreshMarginMs?: number | undefined;
  /** Called after every login, refresh and logout, to persist the session. */
  onSessionChange?: ((session: SessionTokens) => void) | undefined;
}

/** Default head start of a proactive refresh before the token's `exp`. */
export const DEFAULT_REFRESH_MARGIN_MS = 60_000;

/**
 * Holds one Admin API session and keeps it valid. Every renewal (login or refresh) is
 * single-flight: callers arriving while one runs share its result, and a caller whose request
 * was sent with a token older than the current one gets the current one without a new refresh.
 * Secrets are kept in private fields (invisible to `util.inspect`) and registered with the
 * redactor so no error or log line can carry them.
 */
export class SessionManager {
  readonly #wire: AuthWire;
  readonly #credentials: ApiKeyCredentials | undefined;
  readonly #clock: Clock;
  readonly #logger: AdminLogger | undefined;
  readonly #redactor: Redactor;
  readonly #margin: number;
  readonly #onChange: ((session: SessionTokens) => void) | undefined;
  #access: string | undefined;
  #refresh: string | undefined;
  #expiresAt = 0;
  #pending: Promise<string> | undefined;
  // Bumped by restore() and logout() so a renewal started before them cannot overwrite their state.
  #generation = 0;

  constructor(options: SessionManagerOptions) {
    const baseUrl = options.baseUrl;
    this.#redactor = options.redactor ?? new Redactor();
    this.#wire = {
      baseUrl: typeof baseUrl === "string" ? () => baseUrl : baseUrl,
      send: options.send,
      redactor: this.#redactor,
      userAgent: options.userAgent,
    };
    this.#credentials = options.credentials && { ...options.credentials };
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger;
    this.#margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.#onChange = options.onSessionChange;
    this.#redactor.add(this.#credentials?.publicKey);
    this.#redactor.add(this.#credentials?.privateKey);
    if (options.session) this.#store(options.session);
  }

  /** True when there is anything to authenticate with (a token or an API key). */
  get active(): boolean {
    return (
      this.#access !== undefined || this.#refresh !== undefined || this.#credentials !== undefined
    );
  }

  /** The access token if it is valid for a while yet and no renewal is running; else undefined. */
  current(): string | undefined {
    if (this.#pending || this.#access === undefined) return undefined;
    return this.#clock.now() < this.#expiresAt - this.#margin ? this.#access : undefined;
  }

  /**
   * A token to send: the current one, or the result of a (shared) login or proactive refresh.
   * Undefined when there is nothing to authenticate with; an access token that cannot be renewed
   * is returned as is and left for the server to judge.
   */
  async token(): Promise<string | undefined> {
    const valid = this.current();
    if (valid !== undefined) return valid;
    if (this.#pending) return this.#pending;
    if (this.#refresh === undefined && !this.#credentials) return this.#access;
    return this.#renew();
  }

  /**
   * The token to replay with after a 401 `InvalidSession` on a request sent with `sentWith`:
   * the running renewal's, the current one if it already replaced `sentWith`, else a new one.
   * Undefined when the session cannot be renewed (no refresh token, no credentials).
   */
  async renew(sentWith: string): Promise<string | undefined> {
    if (this.#pending) return this.#pending;
    if (this.#access !== undefined && this.#access !== sentWith) return this.#access;
    if (this.#refresh === undefined && !this.#credentials) return undefined;
    return this.#renew();
  }

  /** The session's tokens, to persist. */
  get(): SessionTokens {
    return { accessToken: this.#access, refreshToken: this.#refresh };
  }

  /** Replaces the session (for example with one persisted by an earlier run). */
  restore(session: SessionTokens): void {
    this.#generation++;
    this.#pending = undefined;
    this.#store(session);
  }

  /**
   * Ends the session on the server (`DELETE /auth/session`) and forgets it. A 401 means the server
   * no longer knows it, which is the goal; a connection failure keeps the session so logout can
   * be retried. With credentials, the next call logs in again.
   */
  async logout(): Promise<void> {
    const refresh = this.#refresh;
    if (refresh !== undefined) {
      try {
        await deleteSession(this.#wire, refresh);
      } catch (error) {
        if (!(error instanceof AdminAuthError)) throw error;
      }
    }
    this.restore({});
    this.#notify();
  }

  #store(session: SessionTokens): void {
    this.#access = session.accessToken;
    this.#refresh = session.refreshToken;
    this.#redactor.add(session.accessToken);
    this.#redactor.add(session.refreshToken);
    const now = this.#clock.now();
    this.#expiresAt =
      session.accessToken === undefined ? 0 : accessTokenExpiry(session.accessToken, now);
  }

  #renew(): Promise<string> {
    const run = this.#obtain(this.#generation).finally(() => {
      if (this.#pending === run) this.#pending = undefined;
    });
    // Shared by every waiter; one that gave up (aborted) must not leave the rejection unhandled.
    run.catch(() => undefined);
    this.#pending = run;
    return run;
  }

  async #obtain(generation: number): Promise<string> {
    if (this.#refresh !== undefined) {
      const refreshToken = this.#refresh;
      try {
        const accessToken = await refreshAccessToken(this.#wire, refreshToken);
        this.#log("refreshed the access token");
        return this.#apply(generation, { accessToken, refreshToken });
      } catch (error) {
        if (!isInvalidSessionError(error) || !this.#credentials) throw error;
        this.#log("refresh token rejected (InvalidSession); logging in again");
      }
    }
    if (!this.#credentials)
      throw new AdminError("the session has neither a refresh token nor an API key to renew with");
    const tokens = await loginWithApiKey(this.#wire, this.#credentials);
    this.#log("logged in with the API key");
    return this.#apply(generation, tokens);
  }

  #apply(generation: number, tokens: { accessToken: string; refreshToken: string }): string {
    this.#redactor.add(tokens.accessToken);
    this.#redactor.add(tokens.refreshToken);
    if (generation === this.#generation) {
      this.#store(tokens);
      this.#notify();
    }
    return tokens.accessToken;
  }

  #notify(): void {
    try {
      this.#onChange?.(this.get());
    } catch {
      // Persisting is the caller's business; a failing callback must not fail the request.
    }
  }

  #log(message: string): void {
    logEvent(this.#logger, this.#redactor, "debug", message);
  }
}
