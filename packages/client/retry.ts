import type { Clock } from "./clock.js";
import { callSignal, disarm, targetOf, type CallContext } from "./context.js";
import { AdminAbortError, AdminConnectionError, AdminError, AdminTimeoutError } from "./errors.js";
import { logEvent, type AdminLogger } from "./logger.js";
import type { Redactor } from "./redact.js";
import type { Outgoing } from "./pending-request.js";
import { parseRetryAfter } from "./retry-after.js";
import type { Attempt } from "./transport.js";

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
/** Retries when the client is given no `retries` option. */
export const DEFAULT_RETRIES = 2;
/** A `Retry-After` longer than this is not waited out: the response is returned to the caller. */
export const MAX_RETRY_AFTER_MS = 60_000;

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

/** Capped exponential backoff with jitter for retry number `retry` (0-based): 375–500 ms, 750–1000 ms, ... */
export function backoffDelay(retry: number, random: () => number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry);
  return Math.round(ceiling * (1 - 0.25 * random()));
}

/** Sends with `attempt`, setting `token` as the bearer on every copy. */
export type Retrying = (
  next: () => Outgoing,
  token: string | undefined,
  ctx: CallContext,
) => Promise<Response>;

/**
 * Wraps an attempt in the retry policy: idempotent methods only (or a request whose context marks
 * it `idempotent`), on 429/502/503/504 and on broken connections, up to `ctx.retries` times.
 * `Retry-After` wins over the backoff when present; one above `MAX_RETRY_AFTER_MS` ends the
 * retries. The wait is cut short by the caller's signal.
 */
export function createRetrying(deps: {
  attempt: Attempt;
  clock: Clock;
  random: () => number;
  redactor: Redactor;
  basePath: string;
  logger?: AdminLogger | undefined;
}): Retrying {
  const { attempt, clock, random, redactor, basePath, logger } = deps;

  const wait = async (
    ms: number,
    request: Outgoing,
    ctx: CallContext,
    why: Record<string, unknown>,
  ) => {
    const target = targetOf(request, ctx, basePath);
    logEvent(logger, redactor, "debug", `retrying ${target.method} ${target.path} in ${ms} ms`, {
      ...why,
      delayMs: ms,
    });
    disarm(ctx); // the wait is not part of any attempt
    try {
      await clock.sleep(ms, callSignal(request, ctx));
    } catch (error) {
      if (error instanceof AdminError) throw error;
      throw new AdminAbortError(target, { cause: redactor.cause(error) });
    }
  };

  return async (next, token, ctx) => {
    for (let retry = 0; ; retry++) {
      const request = next();
      if (token !== undefined) request.headers.set("authorization", `Bearer ${token}`);
      const budget =
        ctx.idempotent || IDEMPOTENT_METHODS.has(request.method) ? ctx.retries - retry : 0;
      let response: Response;
      try {
        response = await attempt(request, ctx);
      } catch (error) {
        const retryable =
          error instanceof AdminConnectionError &&
          !(error instanceof AdminTimeoutError) &&
          error.code !== undefined &&
          RETRYABLE_CODES.has(error.code);
        if (budget <= 0 || !retryable) throw error;
        await wait(backoffDelay(retry, random), request, ctx, {
          attempt: retry + 1,
          code: error.code,
        });
        continue;
      }
      if (budget <= 0 || !RETRYABLE_STATUSES.has(response.status)) return response;
      const asked = parseRetryAfter(response.headers.get("retry-after"), clock.now());
      if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) return response;
      await response.body?.cancel().catch(() => undefined);
      await wait(asked ?? backoffDelay(retry, random), request, ctx, {
        attempt: retry + 1,
        status: response.status,
      });
    }
  };
}
