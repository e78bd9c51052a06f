import { callLimits, checkHeader } from "./client-options.js";
import { openCall, type BodyFactory, type CallContext } from "./context.js";
import {
  AdminError,
  AdminPathParameterError,
  createApiError,
  requestName,
  type RequestTarget,
} from "../core/errors.js";
import { requestFailure } from "../core/failure.js";
import type { FetchLayer } from "./fetch-layer.js";
import { assertAppId } from "./object-id.js";
import type { ClientRedaction } from "../core/redact.js";
import { requestPath } from "./request-path.js";
import { operationRequest, type RequestBase } from "./operation-request.js";
import { readResult, type ReadResult } from "./read-result.js";

/** The parts of a generated `OperationInfo` the runtime reads. */
export interface OperationRef {
  /** Undefined for the session's own requests (login, refresh, logout). */
  operationId?: string | undefined;
  method: string;
  path: string;
  pathParams: readonly string[];
  queryParams: readonly string[];
  /** How the success body is read when it is not JSON. */
  parseAs?: "text" | "blob" | undefined;
  /** The response media types a caller may ask for with `accept`, and how each is parsed. */
  accepts?: Readonly<Record<string, "json" | "text" | "blob">> | undefined;
  /** The request body's media type, when the operation takes a body. */
  requestMediaType?: string | undefined;
  /** Safe to send again although its method is not: the session's refresh. */
  idempotent?: boolean | undefined;
}

/**
 * Per-call options: the generated `CallOptions` (`signal`, `headers`) plus the runtime's own.
 * Pass them as the second argument of any namespace method.
 */
export interface AdminCallOptions {
  /** Aborts the call (and any retry wait or refresh wait); throws `AdminAbortError`. */
  signal?: AbortSignal | undefined;
  /** Extra request headers. */
  headers?: Record<string, string> | undefined;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number | undefined;
  /** Overrides the client's retry budget for this call (`false` or `0`: none). */
  retries?: number | false | undefined;
  /** Rebuilds a stream body for a retry or a replay after a token refresh (see `bodyReplayer`). */
  bodyFactory?: BodyFactory | undefined;
  /**
   * The response media type to ask for (sent as `Accept`), for operations that offer several
   * (`OperationInfo.accepts`); the body is parsed accordingly.
   */
  accept?: string | undefined;
}

/** The runtime half of the generated-code contract (`Invoke` in `generated/client.ts`). */
export type RuntimeInvoke = <T>(
  info: OperationRef,
  params: Readonly<Record<string, unknown>>,
  options?: AdminCallOptions,
) => Promise<T>;

/**
 * The openapi-fetch client namespace calls go through instead, once a middleware is registered on
 * it (`admin.raw.use(...)`): a middleware reads the Requests openapi-fetch builds. `send` sends a
 * call through it (the generated `sendOperation`, its fetch being the fetch layer with the call's
 * context); the `raw` client sets it while a middleware is registered (`throughWhileUsed`), so
 * that a client without `raw` (`createAdminCore`) bundles none of it.
 */
export interface Through {
  send?:
    | ((
        ctx: CallContext,
        info: OperationRef,
        params: Readonly<Record<string, unknown>>,
        signal: AbortSignal | undefined,
        headers: Record<string, string> | undefined,
        accepted: { mediaType: string; parseAs: "json" | "text" | "blob" } | undefined,
      ) => Promise<ReadResult>)
    | undefined;
}

/**
 * Creates the `invoke` given to `createNamespaces`: checks `appId` and the call's `timeoutMs` and
 * `retries`, sends through the fetch layer with this call's context, and returns the 2xx body
 * (undefined for 204) or throws the typed error. Success is decided by `response.ok`, never by
 * the truthiness of the error body (an empty one reads as `""` or undefined).
 *
 * The request is built here from the operation and its parameters (`operationRequest`) and read
 * here (`readResult`), openapi-fetch's way, without openapi-fetch: no Request exists before fetch
 * builds its own. Once a middleware is registered on `raw` the call goes through openapi-fetch
 * (`sendOperation`, see `Through`) instead, so that the middleware sees it as a Request.
 */
export function createInvoke(
  layer: FetchLayer,
  base: RequestBase,
  limits: { timeoutMs: number; retries: number },
  redactor: ClientRedaction,
  /** The client's clock, for an HTTP-date `Retry-After`. */
  now: () => number,
  through: Readonly<Through>,
): RuntimeInvoke {
  const send = async <T>(
    info: OperationRef,
    params: Readonly<Record<string, unknown>>,
    options?: AdminCallOptions,
  ): Promise<T> => {
    if (info.pathParams.includes("appId") && params["appId"] !== undefined) {
      assertAppId(params["appId"], info.operationId!);
    }
    const { timeoutMs, retries } = callLimits(options, limits);
    const accepted = options?.accept === undefined ? undefined : acceptOf(info, options.accept);
    const caller = options?.signal;
    const headers = options?.headers;
    // Checked here, before anything is sent: see checkHeader. A number (JavaScript callers) is
    // sent as its text, as fetch does.
    for (const name in headers) {
      const value = headers[name];
      if (value !== undefined) {
        checkHeader(`${info.operationId ?? info.path}: call option headers`, name, String(value));
      }
    }
    const ctx: CallContext = {
      operationId: info.operationId,
      timeoutMs,
      retries,
      bodyFactory: options?.bodyFactory,
      controller: undefined,
      idempotent: info.idempotent,
    };
    // A controller only when a timer may abort the call. Without a timeout there is nothing of
    // ours to abort, so none is built (in Node 20 an AbortSignal costs about as much CPU as a
    // Request) and the caller's signal, if any, is sent with the request.
    const end = openCall(ctx, caller);
    const signal = ctx.controller ? undefined : caller;
    // The session's own requests never go through a raw client's middleware, as before.
    const via = info.operationId && through.send;
    let result: ReadResult;
    try {
      if (via) {
        result = await via(ctx, info, params, signal, headers, accepted);
      } else {
        const request = operationRequest(base, info, params, headers, accepted?.mediaType, signal);
        const response = await layer(request, ctx);
        const parseAs = accepted?.parseAs ?? info.parseAs ?? "json";
        result = await readResult(response, info.method, parseAs);
      }
    } catch (error) {
      // The path serializer refused a parameter; it cannot know the method, the call can.
      if (error instanceof AdminPathParameterError) {
        throw new AdminPathParameterError({
          ...error,
          method: info.method,
          operationId: info.operationId,
        });
      }
      // What escapes the fetch layer besides its own errors: a body read that failed (a broken
      // socket, the timeout or the caller's abort while reading) or JSON that does not parse.
      // Anything else is the caller's own (a body JSON cannot encode, a failing body factory).
      // Bad JSON's cause is the engine's error without what it quotes of the body: V8 quotes the
      // text around the fault cut to ten characters either side, and a secret cut there no longer
      // matches the redactor, which knows whole secrets. What is left (`Unexpected token 'd', "…"
      // is not valid JSON`, a position) still says what was wrong.
      const stopped = ctx.controller?.signal ?? caller;
      const target = targetFor(info, params);
      throw stopped?.aborted || (error instanceof TypeError && error.cause !== undefined)
        ? requestFailure(error, target, stopped, redactor)
        : error instanceof SyntaxError
          ? new AdminError(`${requestName(target)} returned a body that is not valid JSON`, {
              cause: redactor.cause(
                new SyntaxError(error.message.replace(/(\.\.\.)?"[^]*"(\.\.\.)?/, '"…"')),
              ),
            })
          : error;
    } finally {
      end();
    }
    const { response } = result;
    if (response.ok) return result.data as T;
    throw createApiError(
      {
        ...targetFor(info, params),
        status: response.status,
        statusText: response.statusText,
        body: result.error,
        headers: response.headers,
        now: now(),
      },
      redactor,
    );
  };
  return <T>(
    info: OperationRef,
    params: Readonly<Record<string, unknown>>,
    options?: AdminCallOptions,
  ): Promise<T> => {
    // A secret's value is write-only: an error that echoes the request (a proxy's page, a custom
    // fetch's error carrying its body) must not show it. Known by the operation, not by the word
    // `value`, which a Value's data goes by too; held until the call ends (its error is redacted
    // by then), then kept among the most recently sent.
    // Held before the call starts: its synchronous part may already build an error.
    const sent = (params["body"] as { value?: unknown } | undefined)?.value;
    if (typeof sent !== "string" || !/\/secrets(\/\{secretId\})?$/.test(info.path))
      return send<T>(info, params, options);
    const release = redactor.hold(sent);
    return send<T>(info, params, options).finally(release);
  };
}

/** The `accept` call option checked against what the operation offers. */
function acceptOf(
  info: OperationRef,
  accept: string,
): { mediaType: string; parseAs: "json" | "text" | "blob" } {
  const parseAs = info.accepts?.[accept];
  if (parseAs === undefined) {
    const offered = Object.keys(info.accepts ?? {}).join(", ");
    throw new TypeError(
      `${info.operationId}: option accept must be ${offered ? `one of ${offered}` : "left out (it offers one)"}, got ${JSON.stringify(accept)}`,
    );
  }
  return { mediaType: accept, parseAs };
}

function targetFor(info: OperationRef, params: Readonly<Record<string, unknown>>): RequestTarget {
  return {
    method: info.method,
    path: requestPath(info.path, params),
    operationId: info.operationId,
  };
}
