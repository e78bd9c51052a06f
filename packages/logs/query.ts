import type { GetLogsParams } from "../../generated/operations/logs.js";
import { requestPath } from "../client/request-path.js";
import { AdminAbortError } from "../core/errors.js";
import type { LogDate, LogEntry, LogQuery, LogType } from "./types.js";

/**
 * Turns a `LogQuery` into the generated operation's parameters: dates as strings, a type list as
 * one comma-separated value, `errors_only` present only when `true`. Invalid dates are refused
 * here, before any request, with the parameter's name.
 */
export function toGetLogsParams(query: LogQuery): GetLogsParams {
  // The other fields go as they are: a call sends only the operation's parameters, and none
  // that is undefined.
  const params = { ...query } as GetLogsParams;
  for (const name of ["start_date", "end_date"] as const) {
    const value = query[name];
    if (value !== undefined) params[name] = queryDate(value, name);
  }
  if (query.type !== undefined) params.type = typeParam(query.type);
  if (query.errors_only !== true) delete params.errors_only;
  return params;
}

/** Epoch milliseconds of a `LogDate`; throws a `TypeError` naming `name` when it is not a date. */
export function toInstant(value: LogDate, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms))
    throw new TypeError(`${name}: ${JSON.stringify(String(value))} is not a valid date`);
  return ms;
}

/**
 * Epoch milliseconds of an entry's `started`, the timestamp the API orders and pages by; NaN when
 * it is missing. Parsed, never compared as text: the server trims trailing zeros (`…48.41Z`).
 */
export function entryTime(entry: LogEntry): number {
  const started: unknown = entry.started;
  return typeof started === "string" ? Date.parse(started) : NaN;
}

/** The key an entry is de-duplicated by: its `_id`, or its whole JSON when the server sent none. */
export function entryKey(entry: LogEntry): string {
  const id: unknown = entry._id;
  return typeof id === "string" ? id : JSON.stringify(entry);
}

function queryDate(value: LogDate, name: string): string {
  // Strings go out as given (the caller's precision and zone); Dates as UTC with milliseconds.
  const ms = toInstant(value, name);
  return value instanceof Date ? new Date(ms).toISOString() : value;
}

function typeParam(type: LogType | readonly LogType[]): LogType {
  const list: readonly LogType[] = [type].flat();
  if (list.length === 0) throw new TypeError("type: give at least one log type, or leave it out");
  // The spec declares one enum value; the server takes a comma-separated list (DESIGN §4 Logs).
  return list.join(",") as LogType;
}

/** Throws the runtime's `AdminAbortError` for a logs query when `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, query: LogQuery): void {
  if (!signal?.aborted) return;
  // The template reads only the ids of the query.
  const path = requestPath("/groups/{groupId}/apps/{appId}/logs", { ...query });
  throw new AdminAbortError(
    { method: "GET", path, operationId: "adminGetLogs" },
    { cause: signal.reason },
  );
}
