import { logPages } from "./pages.js";
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
  return new LogEntries(client, query, options);
}

/** A fresh result each time, as a generator gives: a caller may keep or change the one it got. */
const done = (): IteratorReturnResult<void> => ({ done: true, value: undefined });
/** `#fromPage`'s answer when the cap was reached: done, once the pages are closed. */
const CAPPED = "capped";

/**
 * The entries of the pages, handed out from the page in hand with one settled promise each. An
 * async generator function did this before; it cost several promise turns per entry (the
 * generator's queue, `yield`'s await, the consumer's), about as much CPU as reading the entry's
 * JSON (npm run bench:logs).
 */
class LogEntries implements AsyncGenerator<LogEntry, void, undefined> {
  readonly #client: LogsClient;
  readonly #query: LogQuery;
  readonly #options: IterateLogsOptions;
  #max = 0;
  #state: "new" | "open" | "done" = "new";
  #pages: AsyncGenerator<LogPage, void, undefined> | undefined;
  #page: LogPage | undefined;
  #index = 0;
  /** Whether an entry was handed out and the consumer has not asked for the next one since. */
  #handed = false;
  #yielded = 0;
  #boundary: Boundary | undefined;
  /** The call being answered (a page in flight, pages being closed): later calls wait for it. */
  #busy: Promise<unknown> | undefined;

  constructor(client: LogsClient, query: LogQuery, options: IterateLogsOptions) {
    this.#client = client;
    this.#query = query;
    this.#options = options;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<LogEntry, void>> {
    if (this.#busy) return this.#after(() => this.next());
    let result: IteratorResult<LogEntry, void> | "capped" | undefined;
    try {
      result = this.#fromPage();
    } catch (error) {
      return this.#serial(this.#close().then(() => Promise.reject(error)));
    }
    if (result === undefined) return this.#serial(this.#fromNextPage());
    if (result === CAPPED) return this.#serial(this.#close().then(done));
    return Promise.resolve(result);
  }

  return(): Promise<IteratorResult<LogEntry, void>> {
    if (this.#busy) return this.#after(() => this.return());
    return this.#serial(this.#close().then(done));
  }

  throw(error: unknown): Promise<IteratorResult<LogEntry, void>> {
    if (this.#busy) return this.#after(() => this.throw(error));
    // Thrown where the consumer holds an entry: nothing catches it, so the iteration ends with it.
    return this.#serial(this.#close().then(() => Promise.reject(error)));
  }

  /**
   * The next entry of the page in hand, done, `CAPPED`, or undefined when another page is
   * needed. Throws the `RangeError` of a bad `maxEntries` (on the first call) and the abort.
   */
  #fromPage(): IteratorResult<LogEntry, void> | "capped" | undefined {
    if (this.#state === "done") return done();
    if (this.#state === "new") {
      this.#state = "done";
      this.#max = checkMax(this.#options.maxEntries);
      if (this.#max === 0) return done();
      this.#state = "open";
      return undefined;
    }
    if (this.#handed) {
      this.#handed = false;
      if (++this.#yielded >= this.#max) return CAPPED;
      // The consumer may abort while holding an entry: stop before handing out the next one.
      throwIfAborted(this.#options.signal, this.#query);
    }
    const page = this.#page;
    if (page === undefined) return undefined;
    const logs = page.logs;
    const seen = this.#boundary?.keys;
    while (this.#index < logs.length) {
      const entry = logs[this.#index++]!;
      if (seen?.has(entryKey(entry))) continue;
      this.#handed = true;
      return { done: false, value: entry };
    }
    this.#boundary = nextBoundary(page, this.#boundary);
    this.#page = undefined;
    return undefined;
  }

  async #fromNextPage(): Promise<IteratorResult<LogEntry, void>> {
    const { signal, timeoutMs, retries } = this.#options;
    this.#pages ??= logPages(this.#client, this.#query, { signal, timeoutMs, retries });
    for (;;) {
      let read: IteratorResult<LogPage, void>;
      try {
        read = await this.#pages.next();
      } catch (error) {
        this.#state = "done"; // the pages have ended with their error
        this.#pages = undefined;
        throw error;
      }
      if (read.done) {
        this.#state = "done";
        this.#pages = undefined;
        return done();
      }
      this.#page = read.value;
      this.#index = 0;
      const result = this.#fromPage();
      if (result !== undefined) return result as IteratorResult<LogEntry, void>;
    }
  }

  /** Ends the iteration, closing the pages (as leaving a `for await` over them would). */
  async #close(): Promise<void> {
    this.#state = "done";
    this.#page = undefined;
    const pages = this.#pages;
    this.#pages = undefined;
    await pages?.return();
  }

  /** `work`, as the call every later call waits for until it settles. */
  #serial<T>(work: Promise<T>): Promise<T> {
    this.#busy = work;
    const free = () => {
      if (this.#busy === work) this.#busy = undefined;
    };
    work.then(free, free);
    return work;
  }

  /** `call`, once the call being answered has settled, whichever way. */
  #after<T>(call: () => Promise<T>): Promise<T> {
    return this.#busy!.then(call, call);
  }
}

function checkMax(maxEntries: number | undefined): number {
  const max = maxEntries ?? Number.POSITIVE_INFINITY;
  if (!(max >= 0) || (Number.isFinite(max) && !Number.isInteger(max))) {
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
