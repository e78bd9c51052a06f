import { systemClock, type Clock } from "../core/clock.js";
import { AdminAuthError } from "../core/errors.js";
import { logEvent, type AdminLogger } from "../core/logger.js";
import { Redactor } from "../core/redact.js";
import { accessTokenExpiry } from "./jwt.js";
import { isPassingRenewalFailure, obtainTokens, type TokenPair } from "./renewal.js";
import {
  DEFAULT_REFRESH_MARGIN_MS,
  type ApiKeyCredentials,
  type SessionManagerOptions,
  type SessionTokens,
} from "./session-options.js";
import { deleteSession, type AuthWire } from "./wire.js";

/** The first wait after an early refresh failed; it doubles with each failure in a row. */
const EARLY_RETRY_MS = 1_000;
/** The longest wait between early refresh attempts. */
const EARLY_RETRY_MAX_MS = 16_000;

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
  // After an early refresh failed for a passing reason: no new early attempt before this time, and
  // how many failed in a row (the wait doubles with each, up to EARLY_RETRY_MAX_MS).
  #earlyRetryAt = 0;
  #earlyFailures = 0;
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
      now: () => this.#clock.now(),
    };
    this.#credentials = options.credentials && { ...options.credentials };
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger;
    this.#margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.#onChange = options.onSessionChange;
    this.#redactor.add(this.#credentials?.publicKey, { pinned: true });
    this.#redactor.add(this.#credentials?.privateKey, { pinned: true });
    if (options.session) this.#store(options.session);
  }

  /** True when there is anything to authenticate with (a token or an API key). */
  get active(): boolean {
    return (
      this.#access !== undefined || this.#refresh !== undefined || this.#credentials !== undefined
    );
  }

  /**
   * The access token if it is valid for a while yet (or, after early refreshes that failed, until
   * the next try is due) and no renewal is running; else undefined.
   */
  current(): string | undefined {
    if (this.#pending || this.#access === undefined) return undefined;
    const now = this.#clock.now();
    const fresh = now < this.#expiresAt - this.#margin;
    return fresh || (now < this.#earlyRetryAt && now < this.#expiresAt) ? this.#access : undefined;
  }

  /**
   * A token to send: the current one, or the result of a (shared) login or proactive refresh.
   * Undefined when there is nothing to authenticate with; an access token that cannot be renewed
   * is returned as is and left for the server to judge. When the renewal fails for a passing
   * reason (5xx, 429, connection) while the access token has not expired yet, that token is
   * returned (with a warning) and a later call tries the refresh again.
   */
  async token(): Promise<string | undefined> {
    const valid = this.current();
    if (valid !== undefined) return valid;
    const running = this.#pending;
    if (!running && this.#refresh === undefined && !this.#credentials) return this.#access;
    try {
      return await (running ?? this.#renew());
    } catch (error) {
      // The refresh was early: a server hiccup must not fail calls the token still covers.
      const unexpired = this.#unexpired();
      if (unexpired === undefined || !isPassingRenewalFailure(error)) throw error;
      if (!running) {
        // Back off, so that a refresh endpoint that keeps failing costs one attempt (with its
        // retries) per wait rather than one per call.
        const wait = Math.min(EARLY_RETRY_MAX_MS, EARLY_RETRY_MS * 2 ** this.#earlyFailures++);
        this.#earlyRetryAt = this.#clock.now() + wait;
        this.#warnKept(error, wait);
      }
      return unexpired;
    }
  }

  /**
   * The token to replay with after a 401 `InvalidSession` on a request sent with `sentWith`:
   * the running renewal's, the current one if it already replaced `sentWith`, else a new one.
   * Undefined when the session cannot be renewed (no refresh token, no credentials).
   */
  async renew(sentWith: string): Promise<string | undefined> {
    // The server has just refused this token: never fall back to it, and renew before sending again.
    if (sentWith === this.#access) this.#expiresAt = 0;
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
    this.#earlyRetryAt = 0;
    this.#earlyFailures = 0;
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
    const log = (message: string) => this.#log(message);
    const tokens = await obtainTokens(this.#wire, this.#refresh, this.#credentials, log);
    return this.#apply(generation, tokens);
  }

  // The access token if the clock says it has not expired (the refresh margin aside).
  #unexpired(): string | undefined {
    return this.#access !== undefined && this.#clock.now() < this.#expiresAt
      ? this.#access
      : undefined;
  }

  #apply(generation: number, tokens: TokenPair): string {
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

  #warnKept(error: unknown, retryInMs: number): void {
    logEvent(
      this.#logger,
      this.#redactor,
      "warn",
      "renewing the session failed; sending with the current access token until it expires, " +
        "and renewing again on a later call",
      {
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        expiresInMs: this.#expiresAt - this.#clock.now(),
        retryInMs,
      },
    );
  }
}
