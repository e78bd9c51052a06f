import { AdminAuthError, AdminError, createApiError, parseErrorBody } from "../core/errors.js";
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

/** True for the 401 the API returns for an expired or unknown token: refresh, then replay. */
export function isInvalidSessionBody(body: unknown): boolean {
  return (
    body !== null &&
    typeof body === "object" &&
    (body as { error_code?: unknown }).error_code === "InvalidSession"
  );
}

/** True for an `AdminAuthError` carrying `error_code: "InvalidSession"`. */
export function isInvalidSessionError(error: unknown): boolean {
  return error instanceof AdminAuthError && error.errorCode === "InvalidSession";
}

async function call(
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

function field(body: unknown, name: string, path: string): string {
  const value =
    body !== null && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value !== "string" || !value)
    throw new AdminError(`${path} answered without a ${name}`);
  return value;
}

/** `POST /auth/providers/mongodb-cloud/login` -> the new session's tokens. */
export async function loginWithApiKey(
  wire: AuthWire,
  credentials: { publicKey: string; privateKey: string },
): Promise<{ accessToken: string; refreshToken: string }> {
  const body = await call(wire, "POST", LOGIN_PATH, undefined, {
    username: credentials.publicKey,
    apiKey: credentials.privateKey,
  });
  return {
    accessToken: field(body, "access_token", LOGIN_PATH),
    refreshToken: field(body, "refresh_token", LOGIN_PATH),
  };
}

/**
 * `POST /auth/session` with the refresh token -> a new access token (the refresh token is kept).
 * Marked idempotent: with the refresh token unchanged, a second refresh after a lost answer only
 * mints another access token, so it may be retried like a GET.
 */
export async function refreshAccessToken(wire: AuthWire, refreshToken: string): Promise<string> {
  const body = await call(wire, "POST", SESSION_PATH, refreshToken, undefined, {
    idempotent: true,
  });
  return field(body, "access_token", SESSION_PATH);
}

/** `DELETE /auth/session` with the refresh token (204). */
export async function deleteSession(wire: AuthWire, refreshToken: string): Promise<void> {
  await call(wire, "DELETE", SESSION_PATH, refreshToken);
}
