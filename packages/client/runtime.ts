import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import { createSession } from "../auth/session.js";
import type { ApiKeyCredentials, SessionTokens } from "../auth/session-options.js";
import {
  checkBaseUrl,
  checkLimit,
  checkShapes,
  checkHeader,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
} from "./client-options.js";
import { systemClock, type Clock, type TimerClock } from "../core/clock.js";
import { basePathOf, type BodyFactory, type CallContext } from "./context.js";
import { createFetchLayer, type FetchLayer } from "./fetch-layer.js";
import { createInvoke, type RuntimeInvoke, type Through } from "./invoke.js";
import { createLog, type AdminLogger } from "../core/logger.js";
import { createRedactor, type Redaction } from "../core/redact.js";
import { createRetrying, DEFAULT_RETRIES } from "./retry.js";
import { createAttempt, type FetchLike } from "./transport.js";
import { SDK_USER_AGENT } from "../core/user-agent.js";
import { createPathSerializer, type PathSerializer } from "./path-serializer.js";

/** Options of `createAdminClient`. */
export interface AdminClientOptions {
  /**
   * Default `https://services.cloud.mongodb.com/api/admin/v3.0`; an absolute http(s) URL. A
   * host-only URL (`https://realm.mongodb.com`, as the official CLI takes it) gets
   * `/api/admin/v3.0` appended.
   */
  baseUrl?: string | undefined;
  /** Programmatic API key pair: the client logs in on first use and again if the session dies. */
  credentials?: ApiKeyCredentials | undefined;
  /** An existing session (for example persisted from `admin.session.get()`). */
  session?: SessionTokens | undefined;
  /** The fetch to send with (default `globalThis.fetch`); it receives a `Request`. */
  fetch?: FetchLike | undefined;
  /**
   * Per attempt, in ms (default 60 000; `0` or `Infinity` disables). Runs from sending until the
   * response body has been read, `raw` calls included (a stalled body fails with it). With
   * retries the whole call can take `(retries + 1) × timeoutMs` plus the waits. A negative, NaN
   * or non-number value throws a `RangeError`/`TypeError` when the client is created.
   */
  timeoutMs?: number | undefined;
  /**
   * Retries of idempotent requests (default 2; `false` or `0` disables); a non-negative integer,
   * else `createAdminClient` throws a `RangeError`/`TypeError`.
   */
  retries?: number | false | undefined;
  /**
   * Appended to `appservices-admin/<version>`, or a function returning the whole User-Agent; text
   * without line breaks, NUL or characters above U+00FF, else `createAdminClient` throws a `TypeError`.
   */
  userAgent?: string | ((sdkUserAgent: string) => string) | undefined;
  /** Receives debug events (login, refresh, replay, retry); never secrets. */
  logger?: AdminLogger | undefined;
  /**
   * Called after every login, refresh and logout with the tokens to persist.
   * A throw, or an async callback's rejection, is ignored: the call goes on.
   */
  onSessionChange?: ((session: SessionTokens) => void) | undefined;
  /** Time source, sleep and request timers, for tests (default: the system clock). */
  clock?: Clock | undefined;
  /** Jitter source in [0, 1), for tests (default `Math.random`). */
  random?: (() => number) | undefined;
}

/** Read, restore and end the client's session. */
export interface AdminSession {
  /** The current tokens (both undefined before the first login). */
  get(): SessionTokens;
  /** Replaces the session, for example with one persisted by an earlier run. */
  restore(session: SessionTokens): void;
  /** `DELETE /auth/session`, then forgets the session. */
  logout(): Promise<void>;
}

/** Extra controls for a `raw` call (`admin.raw.PUT(path, { ...init, ...rawCallOptions(...) })`). */
export interface RawCallControl {
  timeoutMs?: number | undefined;
  retries?: number | false | undefined;
  bodyFactory?: BodyFactory | undefined;
}

/** Everything `createAdminClient` wires into openapi-fetch and the generated namespaces. */
export interface AdminRuntime {
  baseUrl: string;
  userAgent: string;
  /** The path serializer of this client's calls: refuses values that would reshape the path. */
  pathSerializer: PathSerializer;
  invoke: RuntimeInvoke;
  session: AdminSession;
  // What `rawCallOptions` and `rawCallError` build on. Data rather than methods: a closure here
  // would stay in every bundle of `createAdminCore`, a function that reads these only in bundles
  // that call it.
  /** The session and retries around the transport: a `raw` call's fetch with a context. */
  layer: FetchLayer;
  /** The client's timeout and retry budget. */
  defaults: CallContext;
  /** Removes this client's keys and tokens from errors. */
  redactor: Redaction;
  /** The client's clock, for an HTTP-date `Retry-After`. */
  now: () => number;
  /** Sends namespace calls through the openapi-fetch client while a middleware is registered on it. */
  through: Through;
  /** The openapi-fetch client on this runtime, once made (`raw`, `rawClient`). */
  raw?: Client<paths> | undefined;
}

/** Builds the runtime behind one client: transport, retries, session, fetch layer and invoke. */
export function createRuntime(options: AdminClientOptions = {}): AdminRuntime {
  checkShapes(options as Record<string, unknown>);
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const timeoutMs = checkLimit(options.timeoutMs, "timeoutMs", DEFAULT_TIMEOUT_MS);
  const retries = checkLimit(options.retries, "retries", DEFAULT_RETRIES);
  const basePath = basePathOf(baseUrl);
  // The SDK's, with a string appended (`"my-tool/1.2"` gives `appservices-admin/0.1.0
  // my-tool/1.2`), or whatever a function makes of the SDK's.
  const agent = options.userAgent;
  const userAgent =
    typeof agent === "function"
      ? agent(SDK_USER_AGENT)
      : agent
        ? `${SDK_USER_AGENT} ${agent}`
        : SDK_USER_AGENT;
  checkHeader("userAgent option: header", "User-Agent", userAgent);
  const redactor = createRedactor();
  const clock = options.clock ?? systemClock;
  const timers = clock.setTimer && clock.clearTimer ? (clock as TimerClock) : systemClock;
  const attempt = createAttempt(options.fetch, redactor, basePath, timers);
  const log = createLog(options.logger, redactor);
  const retrying = createRetrying(
    attempt,
    clock,
    options.random ?? Math.random,
    redactor,
    basePath,
    log,
  );
  // The client's timeout and retry budget, which the session's requests and `raw` calls copy.
  const defaults: CallContext = { timeoutMs, retries };
  const manager = createSession(
    // The session's options under the same names (credentials, session, clock, logger,
    // onSessionChange), and the client's redactor.
    { ...options, redactor, clock },
    // Login, refresh and logout take the path of every call (timeouts until the body is read,
    // retries, errors): each carries its own bearer or is the login, so the fetch layer sends it
    // without the session.
    (method, path, bearer, body, how) =>
      invoke(
        {
          method,
          path,
          pathParams: [],
          queryParams: [],
          requestMediaType: body === undefined ? undefined : "application/json",
          idempotent: how?.idempotent,
        },
        { body },
        bearer === undefined ? undefined : { headers: { authorization: `Bearer ${bearer}` } },
      ),
  );
  const layer = createFetchLayer(retrying, manager, redactor, basePath, log);
  const now = () => clock.now();
  const through: Through = {};
  const pathSerializer = createPathSerializer(baseUrl, redactor);
  const base = { baseUrl, pathSerializer, userAgent };
  const invoke = createInvoke(layer, base, defaults, redactor, now, through);
  return {
    ...base,
    invoke,
    through,
    layer,
    defaults,
    redactor,
    now,
    // The session's closures (no `this`), without its token and renewal methods.
    session: { get: manager.get, restore: manager.restore, logout: manager.logout },
  };
}
