import type { TimerClock } from "../core/clock.js";
import { disarm, targetOf, type CallContext } from "./context.js";
import { AdminTimeoutError } from "../core/errors.js";
import { requestFailure } from "../core/failure.js";
import type { Redaction } from "../core/redact.js";
import type { OutgoingRequest } from "./outgoing.js";

/** The `fetch` the client is given (or `globalThis.fetch`): it receives a `Request`. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Sends one attempt of a request; transport failures come back as SDK errors. */
export type Attempt = (outgoing: OutgoingRequest, ctx: CallContext) => Promise<Response>;

/**
 * Creates the innermost layer: one `fetch` per attempt, bounded by `ctx.timeoutMs` (per attempt,
 * on `timers`) and by the caller's signal.
 *
 * A call with a timeout has a controller (`ctx.controller`, see `openCall`): each attempt arms a
 * timer that aborts it, and the timer keeps running until whoever reads the body stops it
 * (`disarm`), so a server that stalls after the headers fails the body read. A timeout throws
 * `AdminTimeoutError`; the caller's abort `AdminAbortError`; any other failure
 * `AdminConnectionError` with the system error code (`requestFailure`).
 *
 * With the global fetch an attempt is `fetch(url, { method, headers, body, signal })`: fetch
 * builds the one Request. A record holding a Request (`OutgoingRequest.request`) is sent as
 * `fetch(request, { headers, signal })`. A fetch of the user's (`fetchImpl`) may ignore a second
 * argument, so it gets a complete Request made here, body included, on every attempt.
 */
export function createAttempt(
  fetchImpl: FetchLike | undefined,
  redactor: Redaction,
  basePath: string,
  timers: TimerClock,
): Attempt {
  return async (out, ctx) => {
    const call = ctx.controller;
    const signal = call?.signal ?? out.signal;
    try {
      if (signal?.aborted) throw signal.reason;
      if (call) {
        disarm(ctx);
        const timer = timers.setTimer(
          () => call.abort(new AdminTimeoutError(targetOf(out, ctx, basePath), ctx.timeoutMs)),
          ctx.timeoutMs,
        );
        ctx.timer = () => timers.clearTimer(timer);
      }
      const { request, method, headers, body } = out;
      // Only what is set goes in the init: a Request given `signal: undefined` would drop its own.
      // (A Request's own method, given again, changes nothing.)
      const init: RequestInit = { method, headers };
      if (signal) init.signal = signal;
      if (body !== undefined) Object.assign(init, { body, duplex: "half" }, NOT_REDIRECTED);
      else if (method !== "GET" && method !== "HEAD") init.redirect = "error";
      const input = request ?? out.url;
      return await (fetchImpl ? fetchImpl(new Request(input, init)) : fetch(input, init));
    } catch (error) {
      disarm(ctx);
      throw requestFailure(error, targetOf(out, ctx, basePath), signal, redactor);
    }
  };
}

/**
 * Sent with a request whose body is sent from its source. A redirect is not followed: fetch turns a
 * POST or PUT answered 301/302 into a GET without its body, which would read a list where a
 * create was meant; refused, it fails as an `AdminConnectionError` ("unexpected redirect"). And
 * with no window and redirects refused, fetch sends the request as built instead of cloning it
 * first, which tees the body (about 75 µs of CPU per upload, npm run bench:hosting). A request
 * without a body other than a GET or HEAD refuses redirects too (`redirect` alone): a POST answered
 * 301/302, or a DELETE answered 303, would come back as the answer to a GET of the new location.
 */
const NOT_REDIRECTED = { window: null, redirect: "error" } as const;
