import { hash32, objectIdFrom, prng } from "./ids.js";
import { formatLogTime } from "./log-time.js";
import type { LogEntry, LogStore } from "./log-store.js";

/** Identifiers every log entry of an app carries. */
export interface LogOwner {
  groupId: string;
  appId: string;
  clientAppId: string;
  domainId: string;
}

/** How the seeded app's logs are generated. */
export interface LogSeedOptions {
  /** Number of entries (default 3000). */
  count?: number;
  /** PRNG seed: the same seed gives the same timeline of timestamps and types (default 1). */
  seed?: number;
  /** Length of the run of entries sharing one timestamp (default 250, longer than a page). */
  runLength?: number;
  /** Timestamp of the newest entry, epoch ms (default: start time). */
  newest?: number;
}

/** The fields a caller may set on an appended entry; the rest is filled in. */
export type LogEntryInput = Partial<Record<string, unknown>> & { type?: string; started?: string };

const TYPES = [
  "FUNCTION",
  "AUTH",
  "ENDPOINT",
  "DB_TRIGGER",
  "SCHEDULED_TRIGGER",
  "SYNC_CONNECTION_START",
  "SYNC_ERROR",
  "GRAPHQL",
];

/** Builds one entry shaped like the spec's log schema for its `type`. */
export function makeLogEntry(
  owner: LogOwner,
  type: string,
  startedMs: number,
  key: string,
  failed: boolean,
): LogEntry {
  const next = prng(hash32(`${owner.appId}:${key}`));
  const id = objectIdFrom(`log:${owner.appId}:${key}`);
  const entry: LogEntry = {
    _id: id,
    co_id: objectIdFrom(`co:${owner.appId}:${key}`),
    type,
    domain_id: owner.domainId,
    app_id: owner.appId,
    group_id: owner.groupId,
    request_url: "",
    request_method: "",
    started: formatLogTime(startedMs),
    completed: formatLogTime(startedMs + Math.floor(next() * 400)),
    messages: [],
  };
  const user = objectIdFrom(`user:${Math.floor(next() * 20)}`);
  const fn = ["onOrderCreated", "sendDigest", "resolveCart", "cleanupSessions"][
    Math.floor(next() * 4)
  ]!;
  if (["FUNCTION", "ENDPOINT", "GRAPHQL", "DB_TRIGGER", "SCHEDULED_TRIGGER"].includes(type)) {
    Object.assign(entry, {
      function_name: fn,
      function_id: objectIdFrom(`fn:${fn}`),
      mem_time_usage: Math.round(next() * 5e6) / 100,
    });
  }
  if (type.endsWith("_TRIGGER")) {
    Object.assign(entry, {
      event_subscription_id: objectIdFrom(`trigger:${fn}`),
      event_subscription_name: `${fn}Trigger`,
    });
  } else {
    Object.assign(entry, {
      user_id: user,
      remote_ip_address: `203.0.113.${Math.floor(next() * 250) + 1}`,
      platform: "node",
      status: failed ? 400 : 200,
    });
    entry.request_url = `/api/client/v2.0/app/${owner.clientAppId}/${type === "AUTH" ? "auth/providers/local-userpass/login" : "functions/call"}`;
    entry.request_method = "POST";
  }
  if (type === "AUTH") entry.auth_event = { failed, type: "LOGIN", provider: "local-userpass" };
  if (type === "ENDPOINT")
    Object.assign(entry, {
      endpoint_id: objectIdFrom(`ep:${fn}`),
      endpoint_route: `/${fn}`,
      request_url: `/app/${owner.clientAppId}/endpoint/${fn}`,
    });
  if (type === "GRAPHQL") entry.graphql_query = "query { orders { _id } }";
  if (failed || type === "SYNC_ERROR") {
    Object.assign(entry, {
      error: type === "AUTH" ? "invalid username/password" : "FunctionError: boom",
      error_code: type === "AUTH" ? "InvalidPassword" : "FunctionExecutionError",
    });
    if ("status" in entry) entry.status = type === "AUTH" ? 401 : 500;
  } else if (type === "FUNCTION" || type.endsWith("_TRIGGER")) {
    entry.messages = [`${fn} done in ${Math.floor(next() * 90) + 10}ms`];
  }
  return entry;
}

/**
 * Fills a store with `count` entries going back from `newest`: gaps of up to 2 s, short runs of
 * equal timestamps, one run of `runLength` identical timestamps (types alternating, so a type
 * filter meets a run longer than a page too) starting at the 131st newest entry, and millisecond
 * values that end in zero, which the API prints trimmed (`…48.41Z`).
 */
export function seedLogs(store: LogStore, owner: LogOwner, options: LogSeedOptions = {}): void {
  const count = options.count ?? 3000;
  const runLength = options.runLength ?? 250;
  const next = prng(options.seed ?? 1);
  const runStart = Math.min(130, Math.max(0, count - runLength));
  let time = options.newest ?? Date.now();
  const entries: { type: string; time: number; failed: boolean }[] = [];
  for (let i = 0; i < count; i++) {
    const inRun = i > runStart && i < runStart + runLength;
    if (!inRun && i > 0) time -= next() < 0.15 ? 0 : 1 + Math.floor(next() * 2000);
    // Every 7th entry lands on a multiple of 10 ms so trimmed fractions are common.
    if (!inRun && i % 7 === 3) time -= time % 10;
    const type = inRun ? (i % 2 ? "FUNCTION" : "AUTH") : TYPES[Math.floor(next() * TYPES.length)]!;
    entries.push({ type, time, failed: type === "SYNC_ERROR" || next() < 0.12 });
  }
  // Oldest first, so the store only ever appends.
  for (let i = entries.length - 1; i >= 0; i--) {
    const { type, time, failed } = entries[i]!;
    store.add({
      time,
      type,
      isError: failed,
      entry: () => makeLogEntry(owner, type, time, `seed:${i}`, failed),
    });
  }
}

/** Whether an appended entry counts as an error (it carries an `error`). */
export function isErrorEntry(entry: Record<string, unknown>): boolean {
  return typeof entry.error === "string" && entry.error !== "";
}
