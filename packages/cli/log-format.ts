import { LOG_TYPES, type LogEntry, type LogType } from "appservices-admin";
import { UsageError } from "./exit-codes.js";

/** The official CLI's `--type` groups that are not a log type themselves (logs/list_inputs.go). */
const GROUPS: Readonly<Record<string, readonly LogType[]>> = {
  TRIGGER: ["AUTH_TRIGGER", "DB_TRIGGER", "SCHEDULED_TRIGGER"],
  SERVICE: ["SERVICE_FUNCTION", "WEBHOOK", "SERVICE_STREAM_FUNCTION", "STREAM_FUNCTION"],
  SYNC: [
    "SYNC_CONNECTION_START",
    "SYNC_CONNECTION_END",
    "SYNC_SESSION_START",
    "SYNC_SESSION_END",
    "SYNC_CLIENT_WRITE",
    "SYNC_ERROR",
    "SYNC_OTHER",
  ],
  SCHEMA: ["SCHEMA_ADDITIVE_CHANGE", "SCHEMA_GENERATION", "SCHEMA_VALIDATION"],
};

/**
 * `--type`: a comma list of log types (any case), checked here so that a typo fails at once
 * instead of as the server's 400; the official CLI's group names `trigger`, `service`, `sync`
 * and `schema` stand for their types.
 */
export function parseLogTypes(list: string): LogType[] {
  const names = list
    .split(",")
    .map((t) => t.trim().toUpperCase())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError(`--type needs at least one log type, got "${list}"`);
  const unknown = names.filter(
    (n) => !(LOG_TYPES as readonly string[]).includes(n) && GROUPS[n] === undefined,
  );
  if (unknown.length > 0) {
    throw new UsageError(
      `--type: unknown log type ${unknown.map((u) => `"${u}"`).join(", ")}; ` +
        `known: ${LOG_TYPES.join(", ")}, or the groups ${Object.keys(GROUPS).join(", ")}`,
    );
  }
  return [...new Set(names.flatMap((n) => GROUPS[n] ?? [n as LogType]))];
}

/**
 * One entry as the official CLI prints it (logs/list.go `printLogs`): start time, run time,
 * type, name and status on one line, then the function's console output, one indented line per
 * message.
 */
export function formatLogEntry(entry: LogEntry): string {
  const e = entry as Record<string, unknown>;
  const text = (key: string) =>
    typeof e[key] === "string" && e[key] !== "" ? (e[key] as string) : undefined;
  const auth = e["auth_event"] as { provider?: string } | undefined;
  const name =
    text("function_name") ??
    text("event_subscription_name") ??
    text("incoming_webhook_name") ??
    text("endpoint_route") ??
    text("request_url") ??
    auth?.provider ??
    "";
  const error = text("error");
  const status = error
    ? `error: ${text("error_code") ? `${text("error_code")} ` : ""}${oneLine(error)}`
    : "OK";
  // Timestamps come with trailing zeros trimmed (`…08.93Z`): pad so the columns line up.
  const head = [
    (text("started") ?? "").padEnd(24),
    runTime(text("started"), text("completed")).padStart(8),
    (text("type") ?? "").padEnd(22),
    name,
    status,
  ]
    .filter((part, i) => i < 3 || part !== "")
    .join("  ");
  const messages = Array.isArray(e["messages"]) ? (e["messages"] as unknown[]) : [];
  return [
    head,
    ...messages.map((m) => `    ${oneLine(typeof m === "string" ? m : JSON.stringify(m))}`),
  ]
    .map((line) => `${line}\n`)
    .join("");
}

/** `completed - started` as the official CLI shows it: `[412ms]`, `[1.5s]`; `[]` when unknown. */
function runTime(started: string | undefined, completed: string | undefined): string {
  const ms = Date.parse(completed ?? "") - Date.parse(started ?? "");
  if (!Number.isFinite(ms) || ms < 0) return "[]";
  return ms < 1000 ? `[${ms}ms]` : `[${Number((ms / 1000).toFixed(3))}s]`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}
