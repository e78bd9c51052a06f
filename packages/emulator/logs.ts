import { invalidParameter, type RequestContext, type Reply } from "./http.js";
import { formatLogTime, parseLogTime } from "./log-time.js";
import type { LogQuery } from "./log-store.js";
import type { EmulatorState } from "./state.js";
import type { Router } from "./router.js";

/**
 * The log types the API knows; `type` items outside this list are rejected. The SDK's
 * `LOG_TYPES` holds the same list, but the emulator package does not depend on the SDK.
 */
const LOG_TYPES: readonly string[] = [
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
];

const PAGE_LIMIT = 100;

/** Registers `GET …/logs`: newest first, windowed by dates, paged by `nextEndDate`/`nextSkip`. */
export function registerLogRoutes(router: Router, state: EmulatorState): void {
  router.add({
    method: "GET",
    template: "/groups/{groupId}/apps/{appId}/logs",
    operation: "adminGetLogs",
    options: { auth: "access", commaLists: ["type"], presenceOnly: ["errors_only"] },
    handler: (ctx) => getLogs(ctx, state),
  });
}

function getLogs(ctx: RequestContext, state: EmulatorState): Reply {
  const app = state.requireApp(ctx.params.groupId!, ctx.params.appId!);
  const page = app.logs.page(parseQuery(ctx.query));
  const body: { logs: unknown[]; nextEndDate?: string; nextSkip?: number } = {
    logs: page.entries.map((e) => e.entry()),
  };
  if (page.next) {
    body.nextEndDate = formatLogTime(page.next.time);
    if (page.sameTimeBeforeNext > 0) body.nextSkip = page.sameTimeBeforeNext;
  }
  return { status: 200, body };
}

/** Reads the query the way the real API does (presence for `errors_only`, comma list for `type`). */
export function parseQuery(query: URLSearchParams): LogQuery {
  const types = query
    .get("type")
    ?.split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  for (const t of types ?? []) {
    if (!LOG_TYPES.includes(t))
      throw invalidParameter("query parameter 'type'", `unknown log type '${t}'`);
  }
  return {
    types,
    errorsOnly: query.has("errors_only"),
    startTime: date(query, "start_date"),
    endTime: date(query, "end_date"),
    coId: query.get("co_id") ?? undefined,
    userId: query.get("user_id") ?? undefined,
    skip: integer(query, "skip", 0, Number.MAX_SAFE_INTEGER) ?? 0,
    limit: integer(query, "limit", 1, PAGE_LIMIT) ?? PAGE_LIMIT,
  };
}

function date(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const ms = parseLogTime(raw);
  if (ms === undefined)
    throw invalidParameter(`query parameter '${name}'`, `'${raw}' is not an RFC 3339 timestamp`);
  return ms;
}

function integer(
  query: URLSearchParams,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw) || n < min || n > max) {
    throw invalidParameter(
      `query parameter '${name}'`,
      `must be an integer from ${min} to ${max}, got '${raw}'`,
    );
  }
  return n;
}
