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
    if (!sink) return;
    try {
      const sent: unknown = sink.call(
        logger,
        redactor.text(message),
        fields && (redactor.value(fields) as Record<string, unknown>),
      );
      // An async logger's rejection is observed too: left unhandled, it would end a Node process.
      if (typeof (sent as Promise<unknown> | undefined)?.then === "function") {
        (sent as Promise<unknown>).then(undefined, () => undefined);
      }
    } catch {
      // A broken logger must not turn a successful call into a failure.
    }
  };
}
