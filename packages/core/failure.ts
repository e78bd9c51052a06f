import {
  AdminAbortError,
  AdminConnectionError,
  AdminError,
  AdminTimeoutError,
  requestName,
  type RequestTarget,
} from "./errors.js";
import type { Redaction } from "./redact.js";

/**
 * The one place where a request that got no usable answer becomes an SDK error: an `AdminError`
 * as it is; when `signal` (the one the request was sent or waited under) has fired, the timeout
 * it fired with, else `AdminAbortError` with the caller's reason as its cause; anything else (a
 * refused or reset connection, a body that broke off) `AdminConnectionError` with the innermost
 * message and the first system error code along the cause chain. Every text is redacted.
 */
export function requestFailure(
  error: unknown,
  target: RequestTarget,
  signal: AbortSignal | undefined,
  redactor: Redaction,
): AdminError {
  if (error instanceof AdminError) return error;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    return reason instanceof AdminTimeoutError
      ? reason
      : new AdminAbortError(target, { cause: redactor.cause(reason) });
  }
  // undici reports every failure as "fetch failed": the useful text is on the innermost cause.
  let message = String(error);
  let code: string | undefined;
  let current: unknown = error;
  // A primitive along the chain has no message, code or cause of its own.
  for (let depth = 0; depth < 5 && current != null; depth++) {
    const { message: text, code: found } = current as { message?: unknown; code?: unknown };
    if (typeof text === "string" && text) message = text;
    if (typeof found === "string") code ??= found;
    current = (current as { cause?: unknown }).cause;
  }
  return new AdminConnectionError(
    target,
    `${requestName(target)} failed: ${redactor.text(message)}`,
    // A custom fetch's error decides what `code` holds: it is shown like the message.
    { cause: redactor.cause(error), code: code && redactor.text(code) },
  );
}
