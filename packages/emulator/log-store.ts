/** A log entry as the API returns it. */
export type LogEntry = Record<string, unknown> & { _id: string; type: string; started: string };

/** What the store needs to index an entry; `entry` builds the JSON on demand. */
export interface LogInput {
  /** Epoch milliseconds of `started`, the timestamp logs are ordered and paged by. */
  time: number;
  type: string;
  isError: boolean;
  /** Seeded entries are built when served (deterministically), so 100k of them cost little memory. */
  entry: () => LogEntry;
}

/** One stored log entry. */
export interface StoredLog extends LogInput {
  /** Insertion order; breaks ties between identical timestamps so paging is stable. */
  seq: number;
}

/** A query over the store; times are epoch milliseconds. */
export interface LogQuery {
  types?: readonly string[];
  errorsOnly: boolean;
  /** Exclusive lower bound. */
  startTime?: number;
  /** Inclusive upper bound. */
  endTime?: number;
  coId?: string;
  userId?: string;
  skip: number;
  limit: number;
}

/** A page of a query: the entries, and the entry right after it (if any). */
export interface LogPage {
  entries: StoredLog[];
  next?: StoredLog;
  /** Entries of the window (after `end`) before `next` that share its timestamp. */
  sameTimeBeforeNext: number;
}

/**
 * App logs kept in arrays sorted ascending by (time, seq), one per index (all, errors, each type,
 * errors of each type), so a page costs a binary search per index and a merge of `skip + limit`
 * entries, not a scan of the whole store: paging through 100k entries stays fast.
 */
export class LogStore {
  #seq = 0;
  readonly #indexes = new Map<string, StoredLog[]>();

  /** Number of entries stored. */
  get size(): number {
    return this.#index("all").length;
  }

  /** Adds an entry. */
  add(input: LogInput): StoredLog {
    const stored: StoredLog = { ...input, seq: this.#seq++ };
    const keys = ["all", `type:${input.type}`];
    if (input.isError) keys.push("errors", `errors:${input.type}`);
    for (const key of keys) insertSorted(this.#index(key), stored);
    return stored;
  }

  /** One page, newest first, per the real API's window and skip rules. */
  page(query: LogQuery): LogPage {
    const prefix = query.errorsOnly ? "errors" : "all";
    const lists = query.types?.length
      ? query.types.map(
          (t) => this.#indexes.get(`${query.errorsOnly ? "errors" : "type"}:${t}`) ?? [],
        )
      : [this.#index(prefix)];
    const cursors = lists.map((list) => ({
      list,
      i: upperBound(list, query.endTime ?? Infinity) - 1,
    }));
    const taken: StoredLog[] = [];
    const wanted = query.skip + query.limit + 1;
    while (taken.length < wanted) {
      const entry = nextNewest(cursors);
      if (!entry || (query.startTime !== undefined && entry.time <= query.startTime)) break;
      if (query.coId !== undefined && entry.entry().co_id !== query.coId) continue;
      if (query.userId !== undefined && entry.entry().user_id !== query.userId) continue;
      taken.push(entry);
    }
    const entries = taken.slice(query.skip, query.skip + query.limit);
    const next = taken[query.skip + query.limit];
    let sameTimeBeforeNext = 0;
    if (next)
      for (let i = query.skip + query.limit - 1; i >= 0 && taken[i]!.time === next.time; i--)
        sameTimeBeforeNext++;
    return { entries, next, sameTimeBeforeNext };
  }

  #index(key: string): StoredLog[] {
    let list = this.#indexes.get(key);
    if (!list) this.#indexes.set(key, (list = []));
    return list;
  }
}

function compare(a: StoredLog, b: StoredLog): number {
  return a.time - b.time || a.seq - b.seq;
}

function insertSorted(list: StoredLog[], entry: StoredLog): void {
  // Appends are the common case (seeding in order, live entries at "now").
  if (!list.length || compare(list[list.length - 1]!, entry) <= 0) {
    list.push(entry);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, entry) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, entry);
}

/** Index of the first entry whose time is greater than `time`. */
function upperBound(list: StoredLog[], time: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.time <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function nextNewest(cursors: { list: StoredLog[]; i: number }[]): StoredLog | undefined {
  let best: { list: StoredLog[]; i: number } | undefined;
  for (const c of cursors) {
    if (c.i < 0) continue;
    if (!best || compare(c.list[c.i]!, best.list[best.i]!) > 0) best = c;
  }
  if (!best) return undefined;
  return best.list[best.i--];
}
