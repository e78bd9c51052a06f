import { MAX_TIMER_MS, systemClock, type Clock } from "../core/clock.js";
import { logPages } from "./pages.js";
import { entryTime, toInstant } from "./query.js";
import { TailWindow } from "./tail-window.js";
import type { LogEntry, LogQuery, LogRequestOptions, LogsClient } from "./types.js";

/** Default time between the starts of two polls, as the official CLI's `--tail`. */
export const DEFAULT_TAIL_POLL_INTERVAL_MS = 5_000;
/** The shortest poll interval `tailLogs` accepts. */
export const MIN_TAIL_POLL_INTERVAL_MS = 100;
/**
 * Default reach of each poll before the newest entry already yielded. Entries are ordered by
 * `started` but can show up only once their request completes, after later-started ones: a few
 * seconds covers ordinary requests at the price of re-reading that span on every poll.
 */
export const DEFAULT_TAIL_OVERLAP_MS = 10_000;

/** A tail's query: the filters of `LogQuery`; `end_date` and `skip` belong to the tail itself. */
export type TailLogsQuery = Omit<LogQuery, "end_date" | "skip">;

/** Options of `tailLogs`. */
export interface TailLogsOptions extends LogRequestOptions {
  /**
   * Time between the starts of two polls (default 5000 ms; from 100 to 2 147 483 647, the longest
   * wait a timer holds).
   */
  pollIntervalMs?: number | undefined;
  /**
   * How far before the newest entry already yielded each poll reaches back (default 10 000 ms),
   * so that entries written late, with a `started` inside an already-polled window, are still
   * found. An entry that turns up later than this behind the newest one is not seen.
   */
  overlapMs?: number | undefined;
  /** Time source and sleep (default: the system clock); tests inject their own. */
  clock?: Clock | undefined;
}

/**
 * Follows a logs query as new entries arrive, oldest to newest, until `signal` aborts (the
 * iterator then simply ends: no error, no pending timer). Starts after `start_date`; without one,
 * after the newest entry the query already has (read first, and not yielded), so where it starts
 * depends on the server's clock only, never on this machine's.
 * Every poll pages through its whole window, so a burst of more than 100 entries is not cut, and
 * de-duplicates by `_id` against a high-water mark plus the ids near it (see `TailWindow`), so
 * overlapping windows yield nothing twice. An entry found late, inside an earlier window, comes in
 * the next poll's batch. A failed request throws the runtime's typed error. Oldest-first order
 * means a poll holds its new entries until they are yielded: for a long backlog (an old
 * `start_date`), read it with `iterateLogs` and start the tail where that ended.
 *
 * @example
 * const controller = new AbortController();
 * for await (const entry of tailLogs(admin, { groupId, appId, type: "FUNCTION" }, { signal: controller.signal })) {
 *   console.log(entry.started, entry.type);
 * }
 */
export async function* tailLogs(
  client: LogsClient,
  query: TailLogsQuery,
  options: TailLogsOptions = {},
): AsyncGenerator<LogEntry, void, undefined> {
  const interval = options.pollIntervalMs ?? DEFAULT_TAIL_POLL_INTERVAL_MS;
  // A shorter interval would poll the API in a tight loop; the real server updates far slower.
  // So would a longer one than a timer can hold: setTimeout fires it at once.
  if (
    !Number.isFinite(interval) ||
    interval < MIN_TAIL_POLL_INTERVAL_MS ||
    interval > MAX_TIMER_MS
  ) {
    throw new RangeError(
      `pollIntervalMs must be a finite number >= ${MIN_TAIL_POLL_INTERVAL_MS} and <= ${MAX_TIMER_MS}, got ${interval}`,
    );
  }
  const overlap = nonNegative(options.overlapMs ?? DEFAULT_TAIL_OVERLAP_MS, "overlapMs");
  const clock = options.clock ?? systemClock;
  const { signal } = options;
  const requestOptions: LogRequestOptions = {
    signal,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
  };
  let window: TailWindow;
  try {
    window =
      query.start_date === undefined
        ? await anchorAtNewest(client, query, overlap, requestOptions)
        : new TailWindow(toInstant(query.start_date, "start_date"), overlap);
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  }
  for (;;) {
    if (signal?.aborted) return;
    const pollStart = clock.now();
    let fresh: LogEntry[];
    try {
      fresh = await poll(client, query, window, requestOptions);
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
    // `fresh` is newest first; popping yields oldest first and lets go of each entry as it goes.
    while (fresh.length > 0) {
      yield fresh.pop()!;
      if (signal?.aborted) return;
    }
    try {
      await clock.sleep(Math.max(0, pollStart + interval - clock.now()), signal);
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
  }
}

/** One poll: every page of the window from the mark's overlap on, keeping the entries not yet seen. */
async function poll(
  client: LogsClient,
  query: TailLogsQuery,
  window: TailWindow,
  options: LogRequestOptions,
): Promise<LogEntry[]> {
  const fresh: LogEntry[] = [];
  const windowQuery: LogQuery = {
    ...query,
    start_date: new Date(window.queryStart()),
    end_date: undefined,
    skip: undefined,
  };
  for await (const page of logPages(client, windowQuery, options)) {
    for (const entry of page.logs) if (window.admit(entry)) fresh.push(entry);
  }
  window.endPoll();
  return fresh;
}

/**
 * A window that starts at the query's newest existing entry: one request for the newest page (the
 * caller's filters kept), whose entries at the newest timestamp are marked seen; an empty result
 * starts at the epoch, since everything that turns up later is then new.
 */
async function anchorAtNewest(
  client: LogsClient,
  query: TailLogsQuery,
  overlapMs: number,
  options: LogRequestOptions,
): Promise<TailWindow> {
  const pages = logPages(client, { ...query, end_date: undefined, skip: undefined }, options);
  let newest: LogEntry[];
  try {
    const first = await pages.next();
    newest = first.done ? [] : first.value.logs;
  } finally {
    await pages.return(undefined);
  }
  const times = newest.map(entryTime).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return new TailWindow(0, overlapMs);
  const top = Math.max(...times);
  const window = new TailWindow(top - 1, overlapMs);
  window.prime(newest.filter((entry) => entryTime(entry) === top));
  return window;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  return value;
}
