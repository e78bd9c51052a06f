import { createRedactor, type Redaction } from "./redact.js";
import { parseRetryAfter } from "./retry-after.js";

/** Where a failed request was going: enough to find it, never a header or a body. */
export interface RequestTarget {
  /** HTTP method, upper case. */
  method: string;
  /** Request path below the base URL, without the query string (e.g. `/groups/abc/apps`). */
  path: string;
  /** Upstream operationId when the call went through a generated operation. */
  operationId?: string | undefined;
}

// A request as messages name it: `GET /groups/abc/apps`.
export function requestName(target: RequestTarget): string {
  return `${target.method} ${target.path}`;
}

// Every error's fields are `declare`d and assigned by its constructor, in declaration order (the
// same own properties, in the same order, as class fields): defining them as class fields as well
// would only add code to every consumer's bundle.

/** Base class of every error this SDK throws. */
export class AdminError extends Error {
  // Each class states its name: a consumer's minifier renames classes (`AdminNotFoundError`
  // becomes `a`), and `this.constructor.name` below would then read the minified one. A static
  // field holding a string leaves the class free of side effects, so bundlers still drop it
  // when unused; a subclass without one (a user's) keeps its own function name.
  static override readonly name: string = "AdminError";

  /**
   * The class's name (`AdminNotFoundError`, ...), read from the prototype chain rather than kept
   * on each error: it shows in stacks and inspect output without being an own property. An
   * accessor on the base class instead of a `name` set on every subclass's prototype by
   * top-level code, which would keep every subclass in a consumer's bundle, used or not.
   */
  override get name(): string {
    return this.constructor.name;
  }

  /** Assignable like any error's `name`: the value given becomes the error's own. */
  override set name(value: string) {
    Object.defineProperty(this, "name", { value, writable: true, configurable: true });
  }

  /** What `JSON.stringify` shows: name, message and the error's own fields (never its cause). */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/**
 * The Admin API answered with a non-2xx status. `message` is the server's `error` text (or the
 * status text / raw text for empty and non-JSON bodies); `errorCode` its `error_code`, often
 * absent. Subclasses name the common statuses; `status` works for the rest.
 */
export class AdminApiError extends AdminError {
  static override readonly name: string = "AdminApiError";
  declare readonly status: number;
  declare readonly errorCode: string | undefined;
  declare readonly method: string;
  declare readonly path: string;
  declare readonly operationId: string | undefined;
  /** The parsed error body (JSON value, raw text, or undefined when empty), secrets removed. */
  declare readonly body: unknown;
  /**
   * How long the server asked to wait before trying again, in ms: its `Retry-After` (seconds or
   * an HTTP date) on a 429 or 503. Set only when the header was there and readable. The client
   * waits out up to `MAX_RETRY_AFTER_MS` itself; a longer wait (or an exhausted retry budget)
   * ends up here for the caller to honour.
   */
  declare readonly retryAfterMs?: number;

  constructor(
    init: RequestTarget & {
      status: number;
      message: string;
      errorCode?: string | undefined;
      body?: unknown;
      retryAfterMs?: number | undefined;
    },
  ) {
    super(init.message);
    fill(this, init, ["status", "errorCode", ...TARGET, "body"]);
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

/** 400: the request was malformed or a parameter was invalid (`InvalidParameter`, ...). */
export class AdminBadRequestError extends AdminApiError {
  static override readonly name: string = "AdminBadRequestError";
}
/** 401: bad API keys, an invalid session, or a refresh/login that failed. */
export class AdminAuthError extends AdminApiError {
  static override readonly name: string = "AdminAuthError";
}
/** 403: the key or user lacks the permission. */
export class AdminPermissionError extends AdminApiError {
  static override readonly name: string = "AdminPermissionError";
}
/** 404: the resource does not exist (`DeploymentNotFound`, `...NotFound`). */
export class AdminNotFoundError extends AdminApiError {
  static override readonly name: string = "AdminNotFoundError";
}
/** 409: conflicting state (`DraftAlreadyExists`, `...AlreadyExists`). */
export class AdminConflictError extends AdminApiError {
  static override readonly name: string = "AdminConflictError";
}
/** 429: too many requests (after any automatic retries). */
export class AdminRateLimitError extends AdminApiError {
  static override readonly name: string = "AdminRateLimitError";
}
/** 5xx: the server failed (after any automatic retries). */
export class AdminServerError extends AdminApiError {
  static override readonly name: string = "AdminServerError";
}

/** The request never got a response: DNS, refused or reset connection, TLS... `cause` says which. */
export class AdminConnectionError extends AdminError {
  static override readonly name: string = "AdminConnectionError";
  declare readonly method: string;
  declare readonly path: string;
  declare readonly operationId: string | undefined;
  /** System or undici error code of the cause (`ECONNRESET`, `UND_ERR_SOCKET`, ...) when known. */
  declare readonly code: string | undefined;

  constructor(
    target: RequestTarget,
    message: string,
    options: { cause?: unknown; code?: string | undefined },
  ) {
    super(message, { cause: options.cause });
    fill(this, target, TARGET);
    this.code = options.code;
  }
}

/** An attempt exceeded `timeoutMs`. A subclass of the connection error: no usable response came. */
export class AdminTimeoutError extends AdminConnectionError {
  static override readonly name: string = "AdminTimeoutError";
  declare readonly timeoutMs: number;

  constructor(target: RequestTarget, timeoutMs: number) {
    super(target, `${requestName(target)} timed out after ${timeoutMs} ms`, {});
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `AbortSignal` fired. `cause` is the signal's reason. Never a timeout. */
export class AdminAbortError extends AdminError {
  static override readonly name: string = "AdminAbortError";
  declare readonly method: string;
  declare readonly path: string;
  declare readonly operationId: string | undefined;

  constructor(target: RequestTarget, options: { cause?: unknown }) {
    super(`${requestName(target)} was aborted`, { cause: options.cause });
    fill(this, target, TARGET);
  }
}

/**
 * An `appId` parameter that is not an ObjectId: almost always the `client_app_id`
 * (`myapp-abcde`) used where the app's `_id` belongs. Thrown before any request is sent.
 */
export class AdminInvalidAppIdError extends AdminError {
  static override readonly name: string = "AdminInvalidAppIdError";
  declare readonly appId: string;
  declare readonly operationId: string;

  constructor(appId: string, operationId: string) {
    const given = JSON.stringify(appId);
    super(
      `${operationId}: appId ${given} is not an ObjectId (a client_app_id?): ` +
        `findApp(admin, { groupId, clientAppId: ${given} }) gives its _id`,
    );
    this.appId = appId;
    this.operationId = operationId;
  }
}

/**
 * A path parameter that cannot be sent: missing, not text, or a value that would change the
 * request's path (`""`, `"."` or `".."`: the URL parser merges or resolves such a segment away, so
 * `values.deleteValue({ valueId: ".." })` would delete `/groups/G/apps/A/`). Thrown before anything
 * is sent, for namespace calls, `call` and `raw` alike.
 */
export class AdminPathParameterError extends AdminError {
  static override readonly name: string = "AdminPathParameterError";
  /** The parameter's name in the path template. */
  declare readonly parameter: string;
  /** What is wrong with it: `is missing`, `is ".." , which would change the request's path ...`. */
  declare readonly problem: string;
  /** The path template below the base URL (`/groups/{groupId}/apps`). */
  declare readonly template: string;
  /** The path that would have gone on the wire, below the base URL, as the URL parser resolves it. */
  declare readonly path: string;
  /** HTTP method, when the call went through a generated operation (a `raw` call does not say). */
  declare readonly method: string | undefined;
  declare readonly operationId: string | undefined;

  constructor(init: {
    parameter: string;
    problem: string;
    template: string;
    path: string;
    method?: string | undefined;
    operationId?: string | undefined;
  }) {
    const where = init.method ? `${init.method} ${init.template}` : init.template;
    super(`${where}: path parameter ${init.parameter} ${init.problem}; nothing was sent`);
    fill(this, init, ["parameter", "problem", "template", "path", "method", "operationId"]);
  }
}

// An error's request fields, in the order its class declares them.
const TARGET: readonly (keyof RequestTarget)[] = ["method", "path", "operationId"];

/** Copies `keys` of `from` onto the error, in that order (its classes' declaration order). */
function fill<T extends object>(error: object, from: T, keys: readonly (keyof T)[]): void {
  for (const key of keys) (error as T)[key] = from[key];
}

const BY_STATUS: Readonly<Record<number, typeof AdminApiError>> = {
  400: AdminBadRequestError,
  401: AdminAuthError,
  403: AdminPermissionError,
  404: AdminNotFoundError,
  409: AdminConflictError,
  429: AdminRateLimitError,
};

/**
 * Builds the error for a non-2xx response: the one place where status, body and request turn
 * into an `AdminApiError` subclass. `body` is what openapi-fetch parsed (a JSON value, the raw
 * text, `""` or undefined); every string in it goes through `redactor`. `headers` are the
 * response's, read for `Retry-After` (an HTTP date is measured from `now`, default the present).
 */
export function createApiError(
  init: RequestTarget & {
    status: number;
    statusText?: string | undefined;
    body: unknown;
    headers?: Headers | undefined;
    now?: number | undefined;
  },
  redactor: Redaction = createRedactor(),
): AdminApiError {
  const { status, statusText, body } = init;
  // Read off any body: a text or number body has no such fields.
  const fields = body as { error?: unknown; error_code?: unknown } | null | undefined;
  // The server's `error`, else a text body (an HTML page from a proxy), else the status text.
  // Redacted before it is cut: a secret straddling the cut would otherwise lose the tail that
  // makes it recognisable, and its head would stay.
  const message = redactor
    .text(
      (typeof fields?.error === "string" && fields.error) ||
        (typeof body === "string" && body.trim()) ||
        statusText ||
        `HTTP ${status}`,
    )
    // A message is for reading: the whole body stays in `body`.
    .slice(0, 500);
  // A server may echo what it was sent into any field, this one included.
  const errorCode =
    typeof fields?.error_code === "string" ? redactor.text(fields.error_code) : undefined;
  const Ctor = BY_STATUS[status] ?? (status >= 500 ? AdminServerError : AdminApiError);
  // The class reads its fields by name from `init`: the request target and status as given.
  // Retry-After means "try again then" on a 429 or 503 only (RFC 9110 §10.2.3, RFC 6585 §4).
  return new Ctor({
    ...init,
    message,
    errorCode,
    body: body === "" ? undefined : redactor.value(body),
    retryAfterMs:
      status === 429 || status === 503
        ? parseRetryAfter(init.headers?.get("retry-after"), init.now ?? Date.now())
        : undefined,
  });
}

/** Parses an error body read as text the way openapi-fetch does: JSON when it parses, else the text. */
export function parseErrorBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
