import { boundBody } from "./bounded-body.js";
import type { TimerClock } from "../core/clock.js";
import { callSignal, disarm, targetOf, type CallContext } from "./context.js";
import {
  AdminAbortError,
  AdminConnectionError,
  AdminError,
  AdminTimeoutError,
} from "../core/errors.js";
import type { Redactor } from "../core/redact.js";
import type { OutgoingRequest } from "./outgoing.js";

/** The `fetch` the client is given (or `globalThis.fetch`): it receives a `Request`. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Sends one attempt of a request; transport failures come back as SDK errors. */
export type Attempt = (outgoing: OutgoingRequest, ctx: CallContext) => Promise<Response>;

/**
 * Creates the innermost layer: one `fetch` per attempt, bounded by `ctx.timeoutMs` (per attempt,
 * on `timers`) and by the caller's signal.
 *
 * The timeout runs until the response body has been read, for every request: namespace calls
 * stop it once they have read the body (`disarm`); for the others (`raw` calls, session requests)
 * the body comes back bounded (`boundBody`), so a server that stalls after the headers fails the
 * body read instead of leaving it pending. A timeout throws `AdminTimeoutError`; the caller's abort
 * `AdminAbortError`; any other failure `AdminConnectionError` with the system error code.
 *
 * With the global fetch an attempt is `fetch(url, { method, headers, body, signal })`: fetch
 * builds the one Request. A record holding a Request (`OutgoingRequest.request`) is sent as
 * `fetch(request, { headers, signal })`. A fetch of the user's (`fetchImpl`) may ignore a second
 * argument, so it gets a complete Request made here, body included, on every attempt.
 */
export function createAttempt(
  fetchImpl: FetchLike | undefined,
  redactor: Redactor,
  basePath: string,
  timers: TimerClock,
): Attempt {
  const fail = (
    error: unknown,
    request: OutgoingRequest,
    ctx: CallContext,
    attemptSignal: AbortSignal | undefined,
  ): AdminError => {
    if (error instanceof AdminError) return error;
    const reason: unknown = attemptSignal?.aborted ? attemptSignal.reason : undefined;
    if (reason instanceof AdminTimeoutError) return reason;
    const target = targetOf(request, ctx, basePath);
    const caller = callSignal(request, ctx);
    if (caller?.aborted)
      return new AdminAbortError(target, { cause: redactor.cause(caller.reason) });
    const detail = redactor.text(innermostMessage(error));
    const code = errorCode(error);
    return new AdminConnectionError(target, `${target.method} ${target.path} failed: ${detail}`, {
      cause: redactor.cause(error),
      // A custom fetch's error decides what `code` holds: it is shown like the message.
      code: code === undefined ? undefined : redactor.text(code),
    });
  };
  const send = (out: OutgoingRequest, signal?: AbortSignal) => {
    const { request, method, headers, body } = out;
    // Only what is set goes in the init: a Request given `signal: undefined` would drop its own.
    const init: RequestInit = request ? { headers } : { method, headers };
    if (signal) init.signal = signal;
    if (body !== undefined) Object.assign(init, { body, duplex: "half" }, NOT_REDIRECTED);
    const input = request ?? out.url;
    return fetchImpl ? fetchImpl(new Request(input, init)) : globalThis.fetch(input, init);
  };
  const expire = (controller: AbortController, request: OutgoingRequest, ctx: CallContext) =>
    controller.abort(new AdminTimeoutError(targetOf(request, ctx, basePath), ctx.timeoutMs));

  return async (request, ctx) => {
    const limited = ctx.timeoutMs > 0 && ctx.timeoutMs !== Infinity;
    const call = ctx.controller;
    if (call) {
      if (call.signal.aborted) throw fail(undefined, request, ctx, call.signal);
      if (limited) {
        disarm(ctx);
        const timer = timers.setTimer(() => expire(call, request, ctx), ctx.timeoutMs);
        ctx.timer = () => timers.clearTimer(timer);
      }
      try {
        return await send(request, call.signal);
      } catch (error) {
        disarm(ctx);
        throw fail(error, request, ctx, call.signal);
      }
    }

    const caller = request.signal;
    if (caller?.aborted) throw fail(undefined, request, ctx, caller);
    if (!limited) {
      try {
        return await send(request, caller);
      } catch (error) {
        throw fail(error, request, ctx, caller);
      }
    }
    const controller = new AbortController();
    const timer = timers.setTimer(() => expire(controller, request, ctx), ctx.timeoutMs);
    const stop = () => timers.clearTimer(timer);
    // The forwarder stays attached after the headers so the caller can still abort the body read;
    // it dies with the request, which is per call.
    caller?.addEventListener("abort", () => controller.abort(caller.reason), { once: true });
    let response: Response;
    try {
      response = await send(request, controller.signal);
    } catch (error) {
      stop();
      throw fail(error, request, ctx, controller.signal);
    }
    if (request.method !== "HEAD") return boundBody(response, controller.signal, stop);
    stop(); // a HEAD answer has no body to wait for
    return response;
  };
}

/**
 * Sent with a request whose body is sent from its source. A redirect is not followed: fetch turns a
 * POST or PUT answered 301/302 into a GET without its body, which would read a list where a
 * create was meant; refused, it fails as an `AdminConnectionError` ("unexpected redirect"). And
 * with no window and redirects refused, fetch sends the request as built instead of cloning it
 * first, which tees the body (about 75 µs of CPU per upload, npm run bench:hosting).
 */
const NOT_REDIRECTED = { window: null, redirect: "error" } as const;

/** The first `code` string along an error's cause chain (`ECONNRESET`, `UND_ERR_SOCKET`, ...). */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

// undici reports every failure as "fetch failed"; the useful text is on the innermost cause.
function innermostMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current.message) message = current.message;
    current = current.cause;
  }
  return message;
}
