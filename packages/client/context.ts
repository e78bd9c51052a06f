import type { RequestTarget } from "../core/errors.js";
import type { OutgoingRequest } from "./outgoing.js";

/** Rebuilds a request body for a replay or retry when the original cannot be cloned (a stream). */
export type BodyFactory = () => NonNullable<RequestInit["body"]>;

/**
 * What the fetch layer knows about one call besides its request: the generated operation when
 * there is one, the resolved timeout and retry budget, and the body factory.
 *
 * A call with a timeout brings `controller` (`openCall`): the caller's signal is forwarded to it,
 * each attempt's timeout aborts it through `timer`, and every attempt is sent with its signal.
 * A call without a timeout follows the caller's signal (`OutgoingRequest.signal`).
 */
export interface CallContext {
  readonly operationId?: string | undefined;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly bodyFactory?: BodyFactory | undefined;
  controller?: AbortController | undefined;
  /**
   * Retry this request like a GET although its method is not idempotent: set for the session
   * refresh (`POST /auth/session`), which is safe to repeat because refresh tokens are not rotated.
   */
  readonly idempotent?: boolean | undefined;
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
 * Gives a call with a timeout its controller (the caller's signal forwarded to it) and returns
 * what ends the call once its response has been read: the timer stopped, the caller's signal no
 * longer followed. A call without a timeout keeps following the caller's signal itself.
 */
export function openCall(ctx: CallContext, caller: AbortSignal | undefined): () => void {
  if (!(ctx.timeoutMs > 0 && ctx.timeoutMs !== Infinity)) return () => undefined;
  const controller = (ctx.controller = new AbortController());
  const forward = () => controller.abort(caller!.reason);
  if (caller?.aborted) forward();
  else caller?.addEventListener("abort", forward, { once: true });
  return () => {
    disarm(ctx);
    caller?.removeEventListener("abort", forward);
  };
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
  return {
    method: request.method,
    path: below(request.url, basePath),
    operationId: ctx.operationId,
  };
}

// The path of a base URL, without trailing slashes: what `below` takes.
export function basePathOf(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/+$/, "");
}

/** The path of `url` below the base URL's path (`basePath`, no trailing slash). */
export function below(url: string | URL, basePath: string): string {
  const path = new URL(url).pathname;
  return basePath && path.startsWith(basePath) ? path.slice(basePath.length) || "/" : path;
}
