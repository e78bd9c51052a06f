import type { Clock } from "../core/clock.js";
import { callSignal, disarm, targetOf, type CallContext } from "./context.js";
import {
  AdminApiError,
  AdminConnectionError,
  AdminTimeoutError,
  requestName,
} from "../core/errors.js";
import { requestFailure } from "../core/failure.js";
import type { Log } from "../core/logger.js";
import type { Redaction } from "../core/redact.js";
import { parseRetryAfter } from "../core/retry-after.js";
import type { Attempt } from "./transport.js";
import type { OutgoingRequest } from "./outgoing.js";

/** Methods safe to send twice. POST and PATCH are never retried automatically. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "PUT", "DELETE", "HEAD"]);
/** Statuses worth another try on an idempotent request. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
/** Transport failures that mean "the connection broke", not "the request was wrong". */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "EPIPE",
  "ECONNABORTED",
  "UND_ERR_SOCKET",
]);
// Statuses a gateway answers when its upstream failed or did not answer in time: the upstream may
// have carried the request out first.
const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 504]);

/**
 * True when a failed request may nevertheless have been carried out by the server: its connection
 * broke after it was sent (a reset, not a refusal), it timed out waiting for the answer, or a
 * gateway answered 502/504 for it. A POST that failed this way must not be assumed undone.
 */
export function mayHaveReachedServer(failure: unknown): boolean {
  if (failure instanceof AdminTimeoutError) return true;
  if (failure instanceof AdminConnectionError) {
    return failure.code !== undefined && RETRYABLE_CODES.has(failure.code);
  }
  return failure instanceof AdminApiError && GATEWAY_STATUSES.has(failure.status);
}

/** Retries when the client is given no `retries` option. */
export const DEFAULT_RETRIES = 2;
/** A `Retry-After` longer than this is not waited out: the response is returned to the caller. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Capped exponential backoff with jitter for retry number `retry` (0-based): 375–500 ms, 750–1000 ms, ... */
export function backoffDelay(retry: number, random: () => number): number {
  // 500 ms doubling, at most 8 s (numbers written out: named, each would cost a consumer's bundle).
  const ceiling = Math.min(8_000, 500 * 2 ** retry);
  return Math.round(ceiling * (1 - 0.25 * random()));
}

// Lets go of a response not handed on (its connection freed); a failed cancel changes nothing.
const discard = (response: Response) => response.body?.cancel().catch(() => undefined);

/** Sends with `attempt`, setting `token` as the bearer on every copy. */
export type Retrying = (
  next: () => OutgoingRequest,
  token: string | undefined,
  ctx: CallContext,
) => Promise<Response>;

/**
 * Wraps an attempt in the retry policy: idempotent methods only (or a request whose context marks
 * it `idempotent`), on 429/502/503/504 and on broken connections, up to `ctx.retries` times.
 * `Retry-After` wins over the backoff when present; one above `MAX_RETRY_AFTER_MS` ends the
 * retries. The wait is cut short by the caller's signal.
 */
export function createRetrying(
  attempt: Attempt,
  clock: Clock,
  random: () => number,
  redactor: Redaction,
  basePath: string,
  log: Log,
): Retrying {
  const wait = async (
    ms: number,
    request: OutgoingRequest,
    ctx: CallContext,
    why: Record<string, unknown>,
  ) => {
    const target = targetOf(request, ctx, basePath);
    log("debug", `retrying ${requestName(target)} in ${ms} ms`, {
      ...why,
      delayMs: ms,
    });
    disarm(ctx); // the wait is not part of any attempt
    const signal = callSignal(request, ctx);
    try {
      await clock.sleep(ms, signal);
    } catch (error) {
      throw requestFailure(error, target, signal, redactor);
    }
  };

  return async (next, token, ctx) => {
    // Whether an earlier attempt of this request may have been carried out (see below).
    let reached = false;
    for (let retry = 0; ; retry++) {
      const request = next();
      if (token !== undefined) request.headers["authorization"] = `Bearer ${token}`;
      const budget =
        ctx.idempotent || IDEMPOTENT_METHODS.has(request.method) ? ctx.retries - retry : 0;
      let response: Response;
      try {
        response = await attempt(request, ctx);
      } catch (error) {
        const retryable =
          error instanceof AdminConnectionError &&
          !(error instanceof AdminTimeoutError) &&
          RETRYABLE_CODES.has(error.code!);
        if (budget <= 0 || !retryable) throw error;
        reached = true;
        await wait(backoffDelay(retry, random), request, ctx, {
          attempt: retry + 1,
          code: error.code,
        });
        continue;
      }
      // A DELETE whose earlier attempt may have deleted the resource: 404 now means it is gone,
      // which is what was asked; reporting it as a failure would be false.
      if (reached && response.status === 404 && request.method === "DELETE") {
        await discard(response);
        const target = targetOf(request, ctx, basePath);
        log("debug", `${requestName(target)}: 404, deleted by an earlier attempt`, {
          attempt: retry + 1,
        });
        return new Response(null, { status: 204, statusText: "No Content" });
      }
      if (budget <= 0 || !RETRYABLE_STATUSES.has(response.status)) return response;
      if (GATEWAY_STATUSES.has(response.status)) reached = true;
      const asked = parseRetryAfter(response.headers.get("retry-after"), clock.now());
      if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) return response;
      await discard(response);
      await wait(asked ?? backoffDelay(retry, random), request, ctx, {
        attempt: retry + 1,
        status: response.status,
      });
    }
  };
}
