import type { Redaction } from "./redact.js";

/**
 * Optional sink for what the runtime does on its own (log in, refresh, replay, retry). Messages and
 * fields never carry headers, bodies or tokens, and pass through the client's redactor anyway.
 */
export interface AdminLogger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
}

/** Emits one event: redacted, and only if the logger wants that level. */
export type Log = (
  level: "debug" | "warn",
  message: string,
  fields?: Record<string, unknown>,
) => void;

/**
 * The `Log` of a client: its logger behind its redactor; a logger that throws or rejects is
 * ignored.
 */
export function createLog(logger: AdminLogger | undefined, redactor: Redaction): Log {
  return (level, message, fields) => {
    const sink = logger?.[level];
    // A broken logger must not turn a successful call into a failure.
    if (sink) {
      quietly(() =>
        sink.call(
          logger,
          redactor.text(message),
          fields && (redactor.value(fields) as Record<string, unknown>),
        ),
      );
    }
  };
}

/**
 * Calls a caller's callback whose outcome is none of the call's business (a logger, a session
 * store): a throw is ignored, and so is an async callback's rejection, which left unhandled would
 * end a Node process.
 */
export function quietly(callback: () => unknown): void {
  try {
    const result = callback() as Promise<unknown> | undefined;
    if (typeof result?.then === "function") result.then(undefined, () => undefined);
  } catch {
    // ignored, as said above
  }
}
