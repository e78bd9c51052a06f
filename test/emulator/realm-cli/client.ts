/**
 * A raw-HTTP client that sends each request the way realm-cli's `internal/cloud/realm` client does
 * (`client.go`, `auth.go`): the `X-BAAS-Request-Origin` header, a bearer token unless the call is
 * unauthenticated, any non-2xx answer parsed into a `ServerError`, and one refresh-and-replay when
 * that error's code is `InvalidSession`. The endpoint modules beside it (`api-*.ts`) check statuses
 * and decode bodies as the CLI's methods do.
 */
import { decode, type Shape } from "./go-json.js";
import { Session as SessionShape } from "./shapes.js";

/** `user.Session`: what a CLI profile stores. */
export interface Session {
  accessToken: string;
  refreshToken: string;
}

/** `realm.ServerError`: `{error, error_code}` of a failed call, or its raw text or status line. */
export class ServerError extends Error {
  override name = "ServerError";
  constructor(
    message: string,
    readonly code = "",
  ) {
    super(message);
  }
}

/** `realm.ErrInvalidSession`: no usable session (the CLI suggests `realm-cli login`). */
export class InvalidSessionError extends Error {
  override name = "InvalidSessionError";
  constructor() {
    super("invalid session");
  }
}

/** `api.ErrUnexpectedStatusCode`: a 2xx other than the one the CLI expects. */
export class UnexpectedStatusError extends Error {
  override name = "UnexpectedStatusError";
  constructor(
    readonly action: string,
    readonly status: number,
  ) {
    super(`failed to ${action}: unexpected status code ${status}`);
  }
}

/** `api.RequestOptions`. */
export interface RequestOptions {
  query?: Record<string, string>;
  /** Marshalled to JSON with `Content-Type: application/json` (`doJSON`). */
  json?: unknown;
  body?: Uint8Array;
  contentType?: string;
  noAuth?: boolean;
  preventRefresh?: boolean;
  refreshAuth?: boolean;
}

/** The admin API below the server's origin. */
export const ADMIN_API = "/api/admin/v3.0";

/** Parses a failed response as `parseResponseError` does. */
export function parseResponseError(status: string, payload: string): ServerError {
  if (payload === "") return new ServerError(status);
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return new ServerError(payload);
  }
  if (parsed === null) return new ServerError("");
  const fields = parsed as { error?: unknown; error_code?: unknown };
  if (typeof parsed !== "object" || Array.isArray(parsed)) return new ServerError(payload);
  if (fields.error != null && typeof fields.error !== "string") return new ServerError(payload);
  if (fields.error_code != null && typeof fields.error_code !== "string") {
    return new ServerError(payload);
  }
  return new ServerError(fields.error ?? "", fields.error_code ?? "");
}

/** `realm.Client` over plain `fetch`: `new RealmClient(origin)` or, with a profile, `(origin, session)`. */
export class RealmClient {
  /** Requests sent so far (a call the CLI refuses locally sends none). */
  sent = 0;

  constructor(
    readonly baseUrl: string,
    public session?: Session,
  ) {}

  /** Sends one request; resolves with any 2xx response, rejects with the CLI's error otherwise. */
  async do(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { "X-BAAS-Request-Origin": "mongodb-baas-cli" };
    let body = options.body;
    let contentType = options.contentType;
    if (options.json !== undefined) {
      body = new TextEncoder().encode(JSON.stringify(options.json));
      contentType = "application/json";
    }
    if (contentType) headers["Content-Type"] = contentType;
    const token = this.authToken(options);
    if (token) headers.Authorization = `Bearer ${token}`;
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.append(k, v);
    this.sent++;
    const res = await fetch(url, { method, headers, body });
    if (res.status >= 200 && res.status <= 299) return res;
    const error = parseResponseError(`${res.status} ${res.statusText}`, await res.text());
    if (options.preventRefresh || error.code !== "InvalidSession") throw error;
    if (!(await this.refreshAuth())) {
      this.session = { accessToken: "", refreshToken: "" }; // profile.ClearSession()
      throw new InvalidSessionError();
    }
    return this.do(method, path, { ...options, preventRefresh: true });
  }

  /** `do` plus the CLI's status check and a decode of the body into a struct shape. */
  async json(
    action: string,
    want: number,
    shape: Shape,
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<any> {
    const res = await this.expect(action, want, method, path, options);
    return decode(shape, await res.json());
  }

  /** `do` plus the CLI's status check; the body is left unread only when there is none. */
  async expect(
    action: string,
    want: number,
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<Response> {
    const res = await this.do(method, path, options);
    if (res.status !== want) {
      await res.body?.cancel();
      throw new UnexpectedStatusError(action, res.status);
    }
    return res;
  }

  /** `expect` for calls whose answer the CLI does not read: the body, if any, is discarded. */
  async send(
    action: string,
    want: number,
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<void> {
    const res = await this.expect(action, want, method, path, options);
    await res.body?.cancel();
  }

  private authToken(options: RequestOptions): string {
    if (options.noAuth && !options.refreshAuth) return "";
    if (!this.session) throw new InvalidSessionError();
    const token = options.refreshAuth ? this.session.refreshToken : this.session.accessToken;
    if (!token) throw new InvalidSessionError();
    return token;
  }

  /** `refreshAuth`: a new access token from `POST /auth/session` (201), the refresh token kept. */
  private async refreshAuth(): Promise<boolean> {
    try {
      const res = await this.do("POST", `${ADMIN_API}/auth/session`, {
        refreshAuth: true,
        preventRefresh: true,
      });
      if (res.status !== 201) {
        await res.body?.cancel();
        return false;
      }
      const { access_token } = decode(SessionShape, await res.json()) as { access_token: string };
      this.session = { accessToken: access_token, refreshToken: this.session!.refreshToken };
      return true;
    } catch {
      return false;
    }
  }
}
