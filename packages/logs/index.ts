// Log pagination: every page, every entry once, and a tail that follows new entries.
export { logPages } from "./pages.js";
export { LOG_TYPES } from "./log-types.js";
export { iterateLogs, type IterateLogsOptions } from "./iterate.js";
export {
  tailLogs,
  DEFAULT_TAIL_POLL_INTERVAL_MS,
  MIN_TAIL_POLL_INTERVAL_MS,
  DEFAULT_TAIL_OVERLAP_MS,
  type TailLogsOptions,
  type TailLogsQuery,
} from "./tail.js";
export type {
  LogDate,
  LogEntry,
  LogPage,
  LogQuery,
  LogRequestOptions,
  LogType,
  LogsClient,
} from "./types.js";
