import { logPages, throwIfAborted } from "./pages.js";
import { entryKey, entryTime } from "./query.js";
import type { LogEntry, LogPage, LogQuery, LogRequestOptions, LogsClient } from "./types.js";

/** Options of `iterateLogs`. */
export interface IterateLogsOptions extends LogRequestOptions {
  /**
   * Stop after this many entries in total (default: all). Not the API's per-page `limit`: no page
   * beyond the one that reaches the cap is requested.
   */
  maxEntries?: number | undefined;
}

/**
 * Every entry of a logs query once, newest first, following `nextEndDate`/`nextSkip` (see
 * `logPages`). One page is held at a time and the next one is requested only when the current one
 * has been consumed. An abort throws `AdminAbortError`; a failed request throws the runtime's
 * typed error after the entries already yielded.
 *
 * @example
 * for await (const entry of iterateLogs(admin, { groupId, appId, errors_only: true }, { maxEntries: 500 })) {
 *   // Not every log type declares `error`, so narrow before reading it.
 *   console.log(entry.started, entry.type, "error" in entry ? entry.error : undefined);
 * }
 */
export async function* iterateLogs(
  client: LogsClient,
  query: LogQuery,
  options: IterateLogsOptions = {},
): AsyncGenerator<LogEntry, void, undefined> {
  const max = options.maxEntries ?? Number.POSITIVE_INFINITY;
  if (!(max >= 0) || (Number.isFinite(max) && !Number.isInteger(max))) {
    throw new RangeError(
      `maxEntries must be a non-negative integer, got ${String(options.maxEntries)}`,
    );
  }
  if (max === 0) return;
  const requestOptions: LogRequestOptions = {
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
  };
  let yielded = 0;
  let boundary: Boundary | undefined;
  for await (const page of logPages(client, query, requestOptions)) {
    for (const entry of page.logs) {
      if (boundary?.keys.has(entryKey(entry))) continue;
      yield entry;
      if (++yielded >= max) return;
      // The consumer may abort while holding an entry: stop before handing out the next one.
      throwIfAborted(options.signal, query);
    }
    boundary = nextBoundary(page, boundary);
  }
}

/** The entries already yielded at the timestamp the next page starts on. */
interface Boundary {
  time: number;
  keys: Set<string>;
}

/**
 * When a page ends inside a run of equal timestamps (`nextSkip` present), the next page starts in
 * that run and relies on `skip` counting the same entries. An entry written meanwhile at that very
 * timestamp shifts the count and the server repeats one already returned; remembering the run's
 * keys drops the repeat. Memory: the longest run of one timestamp, not the query.
 */
function nextBoundary(page: LogPage, previous: Boundary | undefined): Boundary | undefined {
  const last = page.logs[page.logs.length - 1];
  if (page.nextSkip === undefined || last === undefined) return undefined;
  const time = entryTime(last);
  const keys = previous?.time === time ? previous.keys : new Set<string>();
  // The same text is the same instant, so only other text needs parsing (the server trims
  // trailing zeros, so equal instants may still differ as text): a run is usually one text.
  const text = typeof last.started === "string" ? last.started : undefined;
  for (let i = page.logs.length - 1; i >= 0; i--) {
    const entry = page.logs[i]!;
    if ((text === undefined || entry.started !== text) && entryTime(entry) !== time) break;
    keys.add(entryKey(entry));
  }
  return { time, keys };
}
