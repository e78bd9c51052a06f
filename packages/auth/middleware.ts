import type { Middleware } from "openapi-fetch";
import type { Clock } from "../core/clock.js";
import { parseErrorBody } from "../core/errors.js";
import type { AdminLogger } from "../core/logger.js";
import { SDK_USER_AGENT } from "../core/user-agent.js";
import { DEFAULT_BASE_URL } from "../core/base-url.js";
import { SessionManager } from "./session.js";
import type { ApiKeyCredentials, SessionTokens } from "./session-options.js";
import { isInvalidSessionBody, LOGIN_PATH } from "./wire.js";

/** Options of `createSessionMiddleware`. */
export interface SessionMiddlewareOptions {
  credentials?: ApiKeyCredentials | undefined;
  session?: SessionTokens | undefined;
  /** Where to log in and refresh (default: the base URL of the client the request came from). */
  baseUrl?: string | undefined;
  /** Sends login/refresh/logout (default: the fetch of the client the request came from). */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  onSessionChange?: ((session: SessionTokens) => void) | undefined;
  logger?: AdminLogger | undefined;
  clock?: Clock | undefined;
}

/** The middleware plus its session (read, restore, logout). */
export type SessionMiddleware = Middleware & {
  readonly session: Pick<SessionManager, "get" | "restore" | "logout">;
};

const replays = new WeakMap<Request, Request>();

/**
 * Sessions for your own openapi-fetch client built on the generated `paths` types:
 * `client.use(createSessionMiddleware({ credentials }))`, registered last.
 *
 * It logs in on first use, refreshes shortly before expiry, and after a 401 `InvalidSession`
 * refreshes (single-flight) and replays the request once. Limits compared with
 * `createAdminClient`: no retries and no timeouts; a body is replayed from a clone taken in
 * `onRequest` (stream bodies are buffered, there is no body factory), and a request that a later
 * middleware replaced with another object is not replayed; the replay goes straight to the
 * client's fetch, so it skips every middleware's `onRequest` (register this one last so its clone
 * is the final request) and only the middlewares registered before this one see its response.
 */
export function createSessionMiddleware(options: SessionMiddlewareOptions = {}): SessionMiddleware {
  let clientFetch: ((request: Request) => Promise<Response>) | undefined;
  let clientBaseUrl: string | undefined;
  // The requests this middleware put a token on; WeakSet so finished requests are not kept alive.
  const authorized = new WeakSet<Request>();
  const manager = new SessionManager({
    baseUrl: () => (options.baseUrl ?? clientBaseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
    send: (request) => (options.fetch ?? clientFetch ?? globalThis.fetch)(request),
    credentials: options.credentials,
    session: options.session,
    clock: options.clock,
    logger: options.logger,
    userAgent: SDK_USER_AGENT,
    onSessionChange: options.onSessionChange,
  });

  return {
    session: {
      get: () => manager.get(),
      restore: (session) => manager.restore(session),
      logout: () => manager.logout(),
    },
    async onRequest({ request, schemaPath, options: merged }) {
      clientFetch ??= merged.fetch;
      clientBaseUrl ??= merged.baseUrl || undefined;
      if (request.headers.has("authorization") || schemaPath === LOGIN_PATH || !manager.active)
        return undefined;
      const token = manager.current() ?? (await manager.token());
      if (token === undefined) return undefined;
      request.headers.set("authorization", `Bearer ${token}`);
      authorized.add(request);
      if (request.body !== null) replays.set(request, request.clone());
      return request;
    },
    async onResponse({ request, response, options: merged }) {
      // A request that carried the caller's own Authorization is not ours to refresh or replay.
      if (response.status !== 401 || !authorized.has(request)) return undefined;
      const sent = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
      if (sent === undefined) return undefined;
      if (!isInvalidSessionBody(parseErrorBody(await response.clone().text()))) return undefined;
      const replay =
        replays.get(request) ?? (request.body === null ? new Request(request) : undefined);
      replays.delete(request);
      if (!replay) return undefined;
      const fresh = await manager.renew(sent);
      if (fresh === undefined) return undefined;
      replay.headers.set("authorization", `Bearer ${fresh}`);
      return merged.fetch(replay);
    },
  };
}
