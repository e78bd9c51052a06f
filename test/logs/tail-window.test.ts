import { describe, expect, it } from "vitest";
import type { LogEntry } from "../../packages/logs/index.js";
import { TailWindow } from "../../packages/logs/tail-window.js";

const T0 = Date.UTC(2025, 0, 1);
const at = (ms: number, id: string): LogEntry => ({
  _id: id,
  started: new Date(T0 + ms).toISOString(),
  type: "FUNCTION",
});

/** One poll the way tailLogs runs it: admit a window's entries, then end the poll. */
function poll(window: TailWindow, entries: LogEntry[]): string[] {
  const admitted = entries.filter((e) => window.admit(e)).map((e) => String(e._id));
  window.endPoll();
  return admitted;
}

describe("TailWindow", () => {
  it("admits each id once and never anything at or before the floor", () => {
    const window = new TailWindow(T0, 1000);
    expect(
      poll(window, [at(0, "floor"), at(-5, "old"), at(10, "a"), at(10, "a"), at(20, "b")]),
    ).toEqual(["a", "b"]);
    expect(poll(window, [at(10, "a"), at(20, "b"), at(30, "c")])).toEqual(["c"]);
  });

  it("asks from one ms below the overlap before the mark, never below the floor", () => {
    const window = new TailWindow(T0, 1000);
    expect(window.queryStart()).toBe(T0);
    poll(window, [at(500, "a")]);
    expect(window.queryStart()).toBe(T0); // mark - overlap - 1 is still before the floor
    poll(window, [at(5000, "b")]);
    expect(window.mark).toBe(T0 + 5000);
    expect(window.queryStart()).toBe(T0 + 5000 - 1000 - 1);
  });

  it("compares timestamps as instants: a trimmed fraction is the same instant", () => {
    const window = new TailWindow(T0, 0);
    poll(window, [{ _id: "a", started: "2025-01-01T00:00:01.410Z" }]);
    expect(window.mark).toBe(T0 + 1410);
    // The same instant written the way the server writes it: not after the floor of a later tail.
    const later = new TailWindow(Date.parse("2025-01-01T00:00:01.41Z"), 0);
    expect(later.admit({ _id: "b", started: "2025-01-01T00:00:01.410Z" })).toBe(false);
    expect(later.admit({ _id: "c", started: "2025-01-01T00:00:01.411Z" })).toBe(true);
  });

  it("finds a late entry inside the overlap and keeps memory bounded by the overlap, not the stream", () => {
    const window = new TailWindow(T0, 1000);
    let sizeMax = 0;
    // 20 000 entries, 10 per ms-step of 10 ms: 100 new ids per 100 ms poll; each poll re-reads the overlap.
    for (let step = 1; step <= 200; step++) {
      const newest = step * 100;
      const entries: LogEntry[] = [];
      for (let ms = newest; ms > Math.max(0, newest - 100 - 1000); ms -= 10) {
        for (let k = 0; k < 10; k++) entries.push(at(ms, `${ms}:${k}`));
      }
      const admitted = poll(window, entries);
      expect(admitted).toHaveLength(100);
      sizeMax = Math.max(sizeMax, window.size);
    }
    // Ids within the overlap (1000 ms, 10 ids per 10 ms) and no more, after 20 000 entries.
    expect(sizeMax).toBeLessThanOrEqual(1010);
    const late = at(window.mark - 400, "late");
    expect(poll(window, [late])).toEqual(["late"]);
    expect(poll(window, [late])).toEqual([]);
  });

  it("de-duplicates entries without a timestamp by id, for one overlap", () => {
    const window = new TailWindow(T0, 1000);
    poll(window, [at(100, "a")]);
    expect(poll(window, [{ _id: "x", type: "FUNCTION" }])).toEqual(["x"]);
    expect(poll(window, [{ _id: "x", type: "FUNCTION" }])).toEqual([]);
  });
});
