import { callLimits } from "./client-options.js";
import { disarm, type BodyFactory, type CallContext } from "./context.js";
import {
  AdminAbortError,
  AdminConnectionError,
  AdminError,
  AdminPathParameterError,
  AdminTimeoutError,
  createApiError,
  type RequestTarget,
} from "../core/errors.js";
import type { FetchLayer } from "./fetch-layer.js";
import { assertAppId } from "./object-id.js";
import type { Redactor } from "../core/redact.js";
import { requestPath } from "./request-path.js";
import { SEND_SOURCE } from "./sourced-request.js";

/** The parts of a generated `OperationInfo` the runtime reads. */
export interface OperationRef {
  operationId: string;
  method: string;
  path: string;
  pathParams: readonly string[];
  /** The response media types a caller may ask for with `accept`, and how each is parsed. */
  accepts?: Readonly<Record<string, "json" | "text" | "blob">> | undefined;
  /** The request body's media type, when the operation takes a body. */
  requestMediaType?: string | undefined;
}

/** What a generated operation's `send` resolves to: openapi-fetch's result. */
export interface SendResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The openapi-fetch options `invoke` hands to a generated operation's `send`. */
export interface SendInit {
  fetch?: (request: Request) => Promise<Response>;
  headers?: Record<string, string>;
  /** The caller's signal, for the Request to follow, when the call has no timeout of its own. */
  signal?: AbortSignal;
  /** How openapi-fetch reads the body: the one the `accept` option asked for. */
  parseAs?: "json" | "text" | "blob";
  /** Build the Request without its body; the transport sends the source (see `SourcedRequest`). */
  [SEND_SOURCE]?: "reusable" | "any";
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
  send: (init?: SendInit) => Promise<SendResult>,
  options?: AdminCallOptions,
) => Promise<T>;

/**
 * Creates the `invoke` given to `createNamespaces`: checks `appId` and the call's `timeoutMs` and
 * `retries`, sends through the fetch layer with this call's context, and returns the 2xx body
 * (undefined for 204) or throws the typed error. Success is decided by `response.ok`, never by
 * the truthiness of openapi-fetch's `error` (an empty error body parses to `""` or undefined).
 */
export function createInvoke(deps: {
  layer: FetchLayer;
  timeoutMs: number;
  retries: number;
  redactor: Redactor;
  /** The client's clock, for an HTTP-date `Retry-After`. */
  now: () => number;
  /** `middleware` turns true once a middleware is registered on the client's openapi-fetch client. */
  uses: { readonly middleware: boolean };
}): RuntimeInvoke {
  const { layer, redactor } = deps;
  return async <T>(
    info: OperationRef,
    params: Readonly<Record<string, unknown>>,
    send: (init?: SendInit) => Promise<SendResult>,
    options?: AdminCallOptions,
  ): Promise<T> => {
    if (info.pathParams.includes("appId") && params["appId"] !== undefined) {
      assertAppId(params["appId"], info.operationId);
    }
    const { timeoutMs, retries } = callLimits(options, deps);
    const accepted = options?.accept === undefined ? undefined : acceptOf(info, options.accept);
    // A controller only when a timer may abort the call: the caller's signal is forwarded to it
    // and each attempt's timer aborts it. Without a timeout there is nothing of ours to abort, so
    // none is built (in Node 20 an AbortSignal costs about as much CPU as the Request itself) and
    // the caller's signal, if any, is given to openapi-fetch for its Request to follow.
    const caller = options?.signal;
    const controller = timeoutMs > 0 && timeoutMs !== Infinity ? new AbortController() : undefined;
    const forward = controller && caller && (() => controller.abort(caller.reason));
    if (controller && caller?.aborted) controller.abort(caller.reason);
    else if (forward) caller!.addEventListener("abort", forward, { once: true });
    const headers = options?.headers;
    const ctx: CallContext = {
      operationId: info.operationId,
      timeoutMs,
      retries,
      bodyFactory: options?.bodyFactory,
      controller,
      callerAuthorization:
        headers !== undefined &&
        Object.keys(headers).some((k) => k.toLowerCase() === "authorization"),
    };
    // The controller's signal is not given to openapi-fetch: a Request following it would cost a
    // second signal subscription per call; the transport sends each attempt under it instead.
    const init: SendInit = { fetch: bindLayer(layer, ctx) };
    if (!controller && caller) init.signal = caller;
    // Only the fetch layer sees this call's Request unless a middleware may read it: then the
    // Request goes without its body, which the transport sends from the source.
    if (info.requestMediaType !== undefined && !deps.uses.middleware) {
      init[SEND_SOURCE] = options?.bodyFactory ? "any" : "reusable";
    }
    if (accepted) {
      init.headers = { ...headers, Accept: accepted.mediaType };
      init.parseAs = accepted.parseAs;
    } else if (headers) init.headers = headers;
    let result: SendResult;
    try {
      result = await send(init);
    } catch (error) {
      // The path serializer refused a parameter; it cannot know the method, the call can.
      if (error instanceof AdminPathParameterError) {
        const { method, operationId } = info;
        throw new AdminPathParameterError({ ...error, method, operationId });
      }
      throw settleError(error, targetFor(info, params), controller?.signal ?? caller, redactor);
    } finally {
      disarm(ctx);
      if (forward) caller!.removeEventListener("abort", forward);
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
        now: deps.now(),
      },
      redactor,
    );
  };
}

/** The `accept` call option checked against what the operation offers. */
function acceptOf(
  info: OperationRef,
  accept: string,
): { mediaType: string; parseAs: "json" | "text" | "blob" } {
  const parseAs = info.accepts?.[accept];
  if (parseAs === undefined) {
    const offered = info.accepts ? Object.keys(info.accepts).join(", ") : "";
    throw new TypeError(
      `${info.operationId}: option accept must be ${offered ? `one of ${offered}` : "left out (the operation offers one response media type)"}, got ${JSON.stringify(accept)}`,
    );
  }
  return { mediaType: accept, parseAs };
}

// A helper rather than an inline arrow so that no per-call function gets a name defined on it.
function bindLayer(layer: FetchLayer, ctx: CallContext): (request: Request) => Promise<Response> {
  return (request) => layer(request, ctx);
}

// Errors escaping openapi-fetch after the fetch layer: body-read failures (socket closed,
// caller abort while reading), JSON that does not parse. Anything else is the caller's own.
function settleError(
  error: unknown,
  target: RequestTarget,
  signal: AbortSignal | undefined,
  redactor: Redactor,
): unknown {
  if (error instanceof AdminError) return error;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    return reason instanceof AdminTimeoutError
      ? reason
      : new AdminAbortError(target, { cause: redactor.cause(reason) });
  }
  if (error instanceof SyntaxError) {
    return new AdminError(
      `${target.method} ${target.path} returned a body that is not valid JSON`,
      {
        cause: redactor.cause(error),
      },
    );
  }
  if (error instanceof TypeError && error.cause !== undefined) {
    return new AdminConnectionError(
      target,
      `${target.method} ${target.path} failed while reading the response`,
      {
        cause: redactor.cause(error),
      },
    );
  }
  return error;
}

function targetFor(info: OperationRef, params: Readonly<Record<string, unknown>>): RequestTarget {
  return {
    method: info.method,
    path: requestPath(info.path, params),
    operationId: info.operationId,
  };
}
