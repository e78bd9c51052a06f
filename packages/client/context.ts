import type { RequestTarget } from "../core/errors.js";
import type { OutgoingRequest } from "./outgoing.js";

/** Rebuilds a request body for a replay or retry when the original cannot be cloned (a stream). */
export type BodyFactory = () => NonNullable<RequestInit["body"]>;

/**
 * What the fetch layer knows about one call besides its request: the generated operation when
 * there is one, the resolved timeout and retry budget, and the body factory.
 *
 * Namespace calls with a timeout also bring `controller`: the caller's signal is forwarded to it,
 * each attempt's timeout aborts it through `timer`, and every attempt is sent with its signal.
 * Calls without it follow the caller's signal (`OutgoingRequest.signal`): `raw` calls, session
 * requests and calls with no timeout; with a timeout they get a controller per attempt that
 * follows it.
 */
export interface CallContext {
  readonly operationId?: string | undefined;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly bodyFactory?: BodyFactory | undefined;
  readonly controller?: AbortController | undefined;
  /**
   * Retry this request like a GET although its method is not idempotent: set for the session
   * refresh (`POST /auth/session`), which is safe to repeat because refresh tokens are not rotated.
   */
  readonly idempotent?: boolean | undefined;
  /** Whether the caller set Authorization itself, when known without reading the headers. */
  readonly callerAuthorization?: boolean | undefined;
  /** Cancels the armed per-attempt timer on `controller`; one at a time, cleared between attempts. */
  timer?: (() => void) | undefined;
}

/** Stops the current attempt's timer (before a retry wait, a refresh wait, or when the call ends). */
export function disarm(ctx: CallContext): void {
  if (ctx.timer !== undefined) {
    ctx.timer();
    ctx.timer = undefined;
  }
}

/**
 * The signal that ends this call early: the call's controller when it has one (the caller's
 * signal is forwarded to it), else the caller's own signal, if any.
 */
export function callSignal(request: OutgoingRequest, ctx: CallContext): AbortSignal | undefined {
  return ctx.controller?.signal ?? request.signal;
}

/** Describes a request for errors and logs: method, path below the base URL, operationId. */
export function targetOf(
  request: OutgoingRequest,
  ctx: CallContext,
  basePath: string,
): RequestTarget {
  let path = new URL(request.url).pathname;
  if (basePath && path.startsWith(basePath)) path = path.slice(basePath.length) || "/";
  return { method: request.method, path, operationId: ctx.operationId };
}
