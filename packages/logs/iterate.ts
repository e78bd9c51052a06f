import { pageReader } from "./pages.js";
import { entryKey, entryTime, throwIfAborted } from "./query.js";
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
 * typed error after the entries already yielded. It behaves as an async generator does (nothing
 * runs before the first `next()`, calls are answered in order, `return()` and `throw()` end it).
 *
 * @example
 * for await (const entry of iterateLogs(admin, { groupId, appId, errors_only: true }, { maxEntries: 500 })) {
 *   // Not every log type declares `error`, so narrow before reading it.
 *   console.log(entry.started, entry.type, "error" in entry ? entry.error : undefined);
 * }
 */
export function iterateLogs(
  client: LogsClient,
  query: LogQuery,
  options: IterateLogsOptions = {},
): AsyncGenerator<LogEntry, void, undefined> {
  // The entries of the pages, handed out from the page in hand with one settled promise each. An
  // async generator function did this before; it cost several promise turns per entry (the
  // generator's queue, `yield`'s await, the consumer's), about as much CPU as reading the entry's
  // JSON (npm run bench:logs). A closure rather than a class: its `this.#field` reads were most of
  // its bytes in every bundle.
  let max = 0;
  let state: "new" | "open" | "done" = "new";
  // The next page, from the reader of the query's pages; undefined once ended.
  let pages: (() => Promise<LogPage | undefined>) | undefined;
  let page: LogPage | undefined;
  let index = 0;
  // Whether an entry was handed out and the consumer has not asked for the next one since.
  let handed = false;
  let yielded = 0;
  let boundary: Boundary | undefined;
  // The call being answered (a page in flight, pages being closed): later calls wait for it.
  let busy: Promise<unknown> | undefined;

  /**
   * The next entry of the page in hand, done, `CAPPED`, or undefined when another page is
   * needed. Throws the `RangeError` of a bad `maxEntries` (on the first call) and the abort.
   */
  const fromPage = (): IteratorResult<LogEntry, void> | "capped" | undefined => {
    if (state === "done") return done();
    if (state === "new") {
      state = "done";
      max = checkMax(options.maxEntries);
      if (max === 0) return done();
      state = "open";
      return undefined;
    }
    if (handed) {
      handed = false;
      if (++yielded >= max) return CAPPED;
      // The consumer may abort while holding an entry: stop before handing out the next one.
      throwIfAborted(options.signal, query);
    }
    if (page === undefined) return undefined;
    const logs = page.logs;
    const seen = boundary?.keys;
    while (index < logs.length) {
      const entry = logs[index++]!;
      if (seen?.has(entryKey(entry))) continue;
      handed = true;
      return { done: false, value: entry };
    }
    boundary = nextBoundary(page, boundary);
    page = undefined;
    return undefined;
  };

  const fromNextPage = async (): Promise<IteratorResult<LogEntry, void>> => {
    for (;;) {
      let read: LogPage | undefined;
      try {
        // The call reads the options it knows by name: `maxEntries` goes unread.
        pages ??= pageReader(client, query, options);
        read = await pages();
      } catch (error) {
        state = "done"; // the pages have ended with their error
        pages = undefined;
        throw error;
      }
      if (read === undefined) {
        state = "done";
        pages = undefined;
        return done();
      }
      page = read;
      index = 0;
      const result = fromPage();
      if (result !== undefined) return result as IteratorResult<LogEntry, void>;
    }
  };

  // Ends the iteration. No page is in flight (calls wait for each other), so none is left open.
  const close = async (): Promise<void> => {
    state = "done";
    page = undefined;
    pages = undefined;
  };

  // `work`, as the call every later call waits for until it settles.
  const serial = <T>(work: Promise<T>): Promise<T> => {
    busy = work;
    const free = () => {
      if (busy === work) busy = undefined;
    };
    work.then(free, free);
    return work;
  };

  // `call`, once the call being answered has settled, whichever way.
  const after = <T>(call: () => Promise<T>): Promise<T> => busy!.then(call, call);

  const entries: AsyncGenerator<LogEntry, void, undefined> = {
    [Symbol.asyncIterator]: () => entries,
    next() {
      if (busy) return after(() => entries.next());
      let result: IteratorResult<LogEntry, void> | "capped" | undefined;
      try {
        result = fromPage();
      } catch (error) {
        return serial(close().then(() => Promise.reject(error)));
      }
      if (result === undefined) return serial(fromNextPage());
      if (result === CAPPED) return serial(close().then(done));
      return Promise.resolve(result);
    },
    return() {
      if (busy) return after(() => entries.return());
      return serial(close().then(done));
    },
    throw(error: unknown) {
      if (busy) return after(() => entries.throw(error));
      // Thrown where the consumer holds an entry: nothing catches it, so the iteration ends with it.
      return serial(close().then(() => Promise.reject(error)));
    },
  };
  return entries;
}

/** A fresh result each time, as a generator gives: a caller may keep or change the one it got. */
const done = (): IteratorReturnResult<void> => ({ done: true, value: undefined });
/** `fromPage`'s answer when the cap was reached: done, once the pages are closed. */
const CAPPED = "capped";

function checkMax(maxEntries: number | undefined): number {
  const max = maxEntries ?? Infinity;
  // `% 1`: a fraction's remainder; NaN (falsy) for Infinity (no cap).
  if (!(max >= 0) || max % 1) {
    throw new RangeError(`maxEntries must be a non-negative integer, got ${String(maxEntries)}`);
  }
  return max;
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
