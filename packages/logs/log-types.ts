import type { LogType } from "./types.js";

/** Every log type the API filters by (the spec's enum of the `type` parameter). */
export const LOG_TYPES = [
  "TRIGGER_FAILURE",
  "TRIGGER_ERROR_HANDLER",
  "DB_TRIGGER",
  "AUTH_TRIGGER",
  "SCHEDULED_TRIGGER",
  "FUNCTION",
  "SERVICE_FUNCTION",
  "STREAM_FUNCTION",
  "SERVICE_STREAM_FUNCTION",
  "AUTH",
  "WEBHOOK",
  "ENDPOINT",
  "PUSH",
  "API",
  "API_KEY",
  "GRAPHQL",
  "SYNC_CONNECTION_START",
  "SYNC_CONNECTION_END",
  "SYNC_SESSION_START",
  "SYNC_SESSION_END",
  "SYNC_CLIENT_WRITE",
  "SYNC_ERROR",
  "SYNC_OTHER",
  "SCHEMA_ADDITIVE_CHANGE",
  "SCHEMA_GENERATION",
  "SCHEMA_VALIDATION",
  "LOG_FORWARDER",
] as const satisfies readonly LogType[];
// Fails to compile when the spec gains a log type this list lacks.
const _allTypes: Exclude<LogType, (typeof LOG_TYPES)[number]> extends never ? true : never = true;
void _allTypes;
