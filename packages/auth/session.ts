import { systemClock, type Clock } from "../core/clock.js";
import { AdminAuthError, AdminError } from "../core/errors.js";
import { createLog, quietly } from "../core/logger.js";
import { createRedactor, type Redaction } from "../core/redact.js";
import { accessTokenExpiry } from "./jwt.js";
import { obtainTokens, type TokenPair } from "./renewal.js";
import {
  DEFAULT_REFRESH_MARGIN_MS,
  type SessionManagerOptions,
  type SessionTokens,
} from "./session-options.js";
import { call, SESSION_PATH, type AuthWire, type SessionCall } from "./wire.js";

/** What a session is made with besides how it sends (`SessionCall`). */
export type SessionOptions = Omit<
  SessionManagerOptions,
  "baseUrl" | "send" | "userAgent" | "redactor" | "clock"
> & { redactor: Redaction; clock: Clock };

/** One Admin API session, kept valid: what `SessionManager` does, as the client uses it. */
export interface Session {
  /** True when there is anything to authenticate with (a token or an API key). */
  readonly active: boolean;
  /**
   * The access token if it is valid for a while yet (or, after early refreshes that failed, until
   * the next try is due) and no renewal is running; else undefined.
   */
  current(): string | undefined;
  /**
   * A token to send: the current one, or the result of a (shared) login or proactive refresh.
   * Undefined when there is nothing to authenticate with; an access token that cannot be renewed
   * is returned as is and left for the server to judge. When the renewal fails for a passing
   * reason (5xx, 429, connection) while the access token has not expired yet, that token is
   * returned (with a warning) and a later call tries the refresh again.
   */
  token(): Promise<string | undefined>;
  /**
   * The token to replay with after a 401 `InvalidSession` on a request sent with `sentWith`:
   * the running renewal's, the current one if it already replaced `sentWith`, else a new one.
   * Undefined when the session cannot be renewed (no refresh token, no credentials).
   */
  renew(sentWith: string): Promise<string | undefined>;
  /** The session's tokens, to persist. */
  get(): SessionTokens;
  /** Replaces the session (for example with one persisted by an earlier run). */
  restore(session: SessionTokens): void;
  /**
   * Ends the session on the server (`DELETE /auth/session`) and forgets it. A 401 means the server
   * no longer knows it, which is the goal; a connection failure keeps the session so logout can
   * be retried. With credentials, the next call logs in again.
   */
  logout(): Promise<void>;
}

/**
 * A session (see `Session`). Every renewal (login or refresh) is single-flight: callers arriving
 * while one runs share its result, and a caller whose request was sent with a token older than
 * the current one gets the current one without a new refresh. Secrets are kept in the closure
 * (invisible to `util.inspect`) and registered with the redactor so no error or log line can
 * carry them. No method reads `this`: each may be handed out on its own (the client's `session`
 * gives `get`, `restore` and `logout`). The client uses this directly, a closure rather than the
 * `SessionManager` class:
 * its state is read on every request, and a class's `this.#field` reads are most of its bytes in
 * every consumer's bundle.
 */
export function createSession(options: SessionOptions, send: SessionCall): Session {
  const { logger, onSessionChange, redactor, clock } = options;
  const log = createLog(logger, redactor);
  const credentials = options.credentials && { ...options.credentials };
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  let access: string | undefined;
  let refresh: string | undefined;
  let expiresAt = 0;
  let pending: Promise<string> | undefined;
  // After an early refresh failed for a passing reason: no new early attempt before this time, and
  // how many failed in a row (the wait doubles with each, up to EARLY_RETRY_MAX_MS).
  let earlyRetryAt = 0;
  let earlyFailures = 0;
  // Bumped by restore() and logout() so a renewal started before them cannot overwrite their state.
  let generation = 0;

  const renewable = () => refresh !== undefined || !!credentials;
  const store = (tokens: SessionTokens) => {
    access = tokens.accessToken;
    refresh = tokens.refreshToken;
    redactor.add(access);
    redactor.add(refresh);
    earlyRetryAt = 0;
    earlyFailures = 0;
    expiresAt = access === undefined ? 0 : accessTokenExpiry(access, clock.now());
  };
  // Persisting is the caller's business; a failing callback must not fail the request.
  const notify = () => quietly(() => onSessionChange?.(session.get()));
  const obtain = async (started: number) => {
    const tokens: TokenPair = await obtainTokens(send, refresh, credentials, (message) =>
      log("debug", message),
    );
    redactor.add(tokens.accessToken);
    redactor.add(tokens.refreshToken);
    if (started === generation) {
      store(tokens);
      notify();
    }
    return tokens.accessToken;
  };
  const renew = () => {
    const run: Promise<string> = obtain(generation).finally(() => {
      if (pending === run) pending = undefined;
    });
    // Shared by every waiter; one that gave up (aborted) must not leave the rejection unhandled.
    run.catch(() => undefined);
    return (pending = run);
  };

  redactor.add(credentials?.publicKey, { pinned: true });
  redactor.add(credentials?.privateKey, { pinned: true });
  if (options.session) store(options.session);

  const session: Session = {
    get active() {
      return access !== undefined || renewable();
    },
    current() {
      if (pending || access === undefined) return undefined;
      const now = clock.now();
      const fresh = now < expiresAt - margin;
      return fresh || (now < earlyRetryAt && now < expiresAt) ? access : undefined;
    },
    async token() {
      const valid = session.current();
      if (valid !== undefined) return valid;
      const running = pending;
      if (!running && !renewable()) return access;
      try {
        return await (running ?? renew());
      } catch (error) {
        // The refresh was early: a server hiccup must not fail calls the token still covers.
        const unexpired = access !== undefined && clock.now() < expiresAt ? access : undefined;
        // Ridden out: a failure of ours short of a 401 (the server busy or unreachable, an odd
        // answer). A 401 says the session (or the API key) is gone: the caller must hear it.
        const passing = error instanceof AdminError && !(error instanceof AdminAuthError);
        if (unexpired === undefined || !passing) throw error;
        if (!running) {
          // Back off, so that a refresh endpoint that keeps failing costs one attempt (with its
          // retries) per wait rather than one per call.
          // 1 s after the first failure, doubling with each in a row, at most 16 s.
          const wait = Math.min(16_000, 1_000 * 2 ** earlyFailures++);
          earlyRetryAt = clock.now() + wait;
          log("warn", "renewing the session failed; using the token until it expires", {
            // An error's toString is its `name: message`.
            error: String(error),
            expiresInMs: expiresAt - clock.now(),
            retryInMs: wait,
          });
        }
        return unexpired;
      }
    },
    async renew(sentWith) {
      // The server has just refused this token: never fall back to it, and renew before sending again.
      if (sentWith === access) expiresAt = 0;
      if (pending) return pending;
      if (access !== undefined && access !== sentWith) return access;
      return renewable() ? renew() : undefined;
    },
    get: () => ({ accessToken: access, refreshToken: refresh }),
    restore(tokens) {
      generation++;
      pending = undefined;
      store(tokens);
    },
    async logout() {
      if (refresh !== undefined) {
        try {
          // `DELETE /auth/session` with the refresh token (204).
          await send("DELETE", SESSION_PATH, refresh);
        } catch (error) {
          if (!(error instanceof AdminAuthError)) throw error;
        }
      }
      session.restore({});
      notify();
    },
  };
  return session;
}

/**
 * Holds one Admin API session and keeps it valid (see `Session` for each method, `createSession`
 * for how). For tools that manage a session directly; `createSessionMiddleware` puts one on an
 * openapi-fetch client.
 */
export class SessionManager implements Session {
  readonly #session: Session;

  constructor(options: SessionManagerOptions) {
    const { baseUrl } = options;
    const redactor = options.redactor ?? createRedactor();
    const clock = options.clock ?? systemClock;
    const wire: AuthWire = {
      baseUrl: typeof baseUrl === "string" ? () => baseUrl : baseUrl,
      send: options.send,
      redactor,
      userAgent: options.userAgent,
      now: () => clock.now(),
    };
    this.#session = createSession({ ...options, redactor, clock }, (...request) =>
      call(wire, ...request),
    );
  }

  /** True when there is anything to authenticate with (a token or an API key). */
  get active(): boolean {
    return this.#session.active;
  }

  /** The access token if it is valid for a while yet and no renewal is running; else undefined. */
  current(): string | undefined {
    return this.#session.current();
  }

  /** A token to send: the current one, or the result of a (shared) login or proactive refresh. */
  token(): Promise<string | undefined> {
    return this.#session.token();
  }

  /** The token to replay with after a 401 `InvalidSession` on a request sent with `sentWith`. */
  renew(sentWith: string): Promise<string | undefined> {
    return this.#session.renew(sentWith);
  }

  /** The session's tokens, to persist. */
  get(): SessionTokens {
    return this.#session.get();
  }

  /** Replaces the session (for example with one persisted by an earlier run). */
  restore(session: SessionTokens): void {
    this.#session.restore(session);
  }

  /** Ends the session on the server (`DELETE /auth/session`) and forgets it. */
  logout(): Promise<void> {
    return this.#session.logout();
  }
}
