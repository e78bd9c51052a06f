import type { AppLog } from "../../generated/models.js";
import type { GetLogsParams } from "../../generated/operations/logs.js";
import type { AdminCaller } from "../client/create-admin-core.js";
import type { CallOptions } from "../client/call-options.js";

/** One log entry, typed from the spec's `AppLog` schema (a union over the log types). */
export type LogEntry = AppLog;

/** A log type the API filters by (`FUNCTION`, `AUTH`, ...), from the spec's `type` enum. */
export type LogType = NonNullable<GetLogsParams["type"]>;

/** A point in time: a `Date`, or an RFC 3339 / ISO 8601 string such as `2024-05-01T12:00:00Z`. */
export type LogDate = Date | string;

/** What the log helpers need from a client: `call` (`createAdminClient` and `createAdminCore` give it). */
export type LogsClient = AdminCaller;

/**
 * The query of `GET /groups/{groupId}/apps/{appId}/logs`, by the spec's parameter names. Every
 * filter is sent unchanged on every page; `end_date` and `skip` move with the pagination.
 */
export interface LogQuery {
  groupId: GetLogsParams["groupId"];
  appId: GetLogsParams["appId"];
  /** Only entries after this instant (exclusive). */
  start_date?: LogDate | undefined;
  /** Only entries at or before this instant (inclusive). */
  end_date?: LogDate | undefined;
  /** One type or several; several are sent as one comma-separated value. */
  type?: LogType | readonly LogType[] | undefined;
  user_id?: GetLogsParams["user_id"];
  co_id?: GetLogsParams["co_id"];
  /**
   * `true`: only error entries. The server filters by the parameter's mere presence, so `false`
   * (or leaving it out) sends nothing and returns every entry.
   */
  errors_only?: boolean | undefined;
  /** Entries per page (the API's own `limit`, at most 100); the server's default when absent. */
  limit?: GetLogsParams["limit"];
  /** Entries of the `end_date` timestamp to skip on the first page: resumes from a page's `nextSkip`. */
  skip?: GetLogsParams["skip"];
}

/**
 * One response of the logs endpoint. `nextEndDate` and `nextSkip` are present only when another
 * page exists (and, for `nextSkip`, when it starts at the timestamp this page ended on), whatever
 * the spec says.
 */
export interface LogPage {
  logs: LogEntry[];
  nextEndDate?: string;
  nextSkip?: number;
}

/** Per-request options the helpers pass to every call they make. */
export type LogRequestOptions = Pick<CallOptions, "signal" | "timeoutMs" | "retries">;
