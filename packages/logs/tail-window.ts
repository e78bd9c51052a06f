import { entryKey, entryTime } from "./query.js";
import type { LogEntry } from "./types.js";

/**
 * What a tail has already yielded, in bounded memory: a high-water mark (the newest `started`
 * yielded) and the keys of the entries yielded within `overlapMs` of it. Each poll asks for
 * everything from `overlapMs` before the mark, so an entry written late with a timestamp inside an
 * already-polled window is still found, and the kept keys drop the ones already yielded. Keys
 * older than the overlap are forgotten: no later poll can return them.
 */
export class TailWindow {
  readonly #floor: number;
  readonly #overlapMs: number;
  #mark: number;
  #newest: number;
  readonly #seen = new Map<string, number>();

  /**
   * @param floor epoch ms; nothing at or before it is ever admitted (the caller's `start_date`).
   * @param overlapMs how far before the high-water mark each poll reaches back.
   */
  constructor(floor: number, overlapMs: number) {
    this.#floor = floor;
    this.#overlapMs = overlapMs;
    this.#mark = floor;
    this.#newest = floor;
  }

  /** The exclusive `start_date` of the next poll, epoch ms. */
  queryStart(): number {
    // start_date is exclusive and timestamps have millisecond precision: one ms below the overlap
    // makes its first millisecond part of the window.
    return Math.max(this.#floor, this.#mark - this.#overlapMs - 1);
  }

  /** Whether an entry is new; a new one is remembered so that it is admitted only once. */
  admit(entry: LogEntry): boolean {
    const time = entryTime(entry);
    if (time <= this.#floor) return false;
    const key = entryKey(entry);
    if (this.#seen.has(key)) return false;
    // An entry without a timestamp cannot be placed; it is kept for one overlap from the mark.
    const at = Number.isNaN(time) ? this.#mark : time;
    this.#seen.set(key, at);
    if (at > this.#newest) this.#newest = at;
    return true;
  }

  /** Marks entries that existed before the tail started as seen, without admitting them. */
  prime(entries: readonly LogEntry[]): void {
    for (const entry of entries) {
      const time = entryTime(entry);
      if (Number.isNaN(time)) continue;
      this.#seen.set(entryKey(entry), time);
      if (time > this.#newest) this.#newest = time;
    }
    this.endPoll();
  }

  /** Ends a poll: moves the mark to the newest entry admitted and forgets what fell behind. */
  endPoll(): void {
    this.#mark = this.#newest;
    const cutoff = this.#mark - this.#overlapMs;
    for (const [key, at] of this.#seen) if (at < cutoff) this.#seen.delete(key);
  }

  /** The high-water mark, epoch ms. */
  get mark(): number {
    return this.#mark;
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.#seen.size;
  }
}
