import { AdminError, createApiError, parseErrorBody } from "../core/errors.js";
import { requestFailure } from "../core/failure.js";
import type { Redaction } from "../core/redact.js";

/** Login with a programmatic API key pair; takes no Authorization header. */
export const LOGIN_PATH = "/auth/providers/mongodb-cloud/login";
/** Refresh (POST) and logout (DELETE), both with the refresh token as the bearer. */
export const SESSION_PATH = "/auth/session";

/** What the session tells its sender about a request besides the request itself. */
export interface AuthSendOptions {
  /**
   * Safe to send again after a 5xx, a 429 or a broken connection although it is a POST: set for
   * the refresh, which changes nothing on the server because refresh tokens are not rotated.
   */
  idempotent?: boolean | undefined;
}

/** How the session reaches the server: base URL, a sender, the redactor for its errors. */
export interface AuthWire {
  baseUrl: () => string;
  send: (request: Request, options?: AuthSendOptions) => Promise<Response>;
  redactor: Redaction;
  userAgent?: string | undefined;
  /** The session's clock, for an HTTP-date `Retry-After` in an error. */
  now?: (() => number) | undefined;
}

/**
 * Sends one session request (login, refresh, logout) and resolves to its parsed answer: a non-2xx
 * answer throws the typed error, a request that got none `requestFailure`'s. `SessionManager`'s
 * goes over its own wire (`call`); the client's takes the path of every call it sends.
 */
export type SessionCall = (
  method: string,
  path: string,
  bearer?: string,
  body?: unknown,
  options?: AuthSendOptions,
) => Promise<unknown>;

/** True for the 401 the API returns for an expired or unknown token: refresh, then replay. */
export function isInvalidSessionBody(body: unknown): boolean {
  // A text or number body has no such field.
  return (body as { error_code?: unknown } | null | undefined)?.error_code === "InvalidSession";
}

/**
 * Sends one session request (login, refresh, logout) and returns its parsed answer; a non-2xx
 * answer throws the typed error, a request that got none `requestFailure`'s.
 */
export async function call(
  wire: AuthWire,
  method: string,
  path: string,
  bearer?: string,
  body?: unknown,
  options?: AuthSendOptions,
): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (bearer !== undefined) headers["authorization"] = `Bearer ${bearer}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  if (wire.userAgent) headers["user-agent"] = wire.userAgent;
  const request = new Request(`${wire.baseUrl()}${path}`, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  let response: Response;
  let text: string;
  try {
    response = await wire.send(request, options);
    text = await response.text();
  } catch (error) {
    throw requestFailure(error, { method, path }, undefined, wire.redactor);
  }
  if (!response.ok) {
    throw createApiError(
      {
        method,
        path,
        status: response.status,
        statusText: response.statusText,
        body: parseErrorBody(text),
        headers: response.headers,
        now: wire.now?.(),
      },
      wire.redactor,
    );
  }
  return parseErrorBody(text);
}

/** The token `name` of an answer from `path`: a non-empty string, else an `AdminError`. */
export function field(body: unknown, name: string, path: string): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  if (typeof value !== "string" || !value)
    throw new AdminError(`${path} answered without a ${name}`);
  return value;
}
