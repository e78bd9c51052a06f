import { afterEach, describe, expect, it, vi } from "vitest";
import { systemClock, type Clock } from "../../packages/core/clock.js";
import type { AdminClient } from "../../packages/client/create-admin-client.js";
import { AdminServerError } from "../../packages/core/errors.js";
import { formatLogTime, type RunningEmulator } from "../../packages/emulator/index.js";
import {
  tailLogs,
  type LogEntry,
  type TailLogsOptions,
  type TailLogsQuery,
} from "../../packages/logs/index.js";
import { idsOf, logQueries, repeated, setup, steppedClock, timeOf } from "./helpers.js";

// tailLogs against the emulator, stepped poll by poll with an injected clock: entries appended
// between polls (control.appendLogs) must come out once each, oldest first.
let emu: RunningEmulator;
let admin: AdminClient;
let app: { groupId: string; appId: string };
const LOGS_PATH = "/groups/{groupId}/apps/{appId}/logs";

afterEach(() => emu.stop());

/** Seeded history ends a minute ago, so "now" is after all of it. */
async function start() {
  ({ emu, admin, app } = await setup({ logs: { count: 300, newest: Date.now() - 60_000 } }));
}

/** Runs a tail in the background, collecting what it yields. */
function follow(query: TailLogsQuery, options: TailLogsOptions) {
  const controller = new AbortController();
  const seen: LogEntry[] = [];
  const done = (async () => {
    for await (const entry of tailLogs(admin, query, { signal: controller.signal, ...options }))
      seen.push(entry);
  })();
  return { seen, done, controller };
}

/** `count` inputs for appendLogs, `started` spread 1 ms apart from `from`. */
const spread = (from: number, count: number, step = 1) =>
  Array.from({ length: count }, (_, i) => ({ started: formatLogTime(from + i * step) }));

describe("tailLogs", () => {
  it("yields entries appended between polls once each, oldest first, and nothing from before it started", async () => {
    await start();
    const stepped = steppedClock();
    const tail = follow(app, { clock: stepped.clock, pollIntervalMs: 1000, overlapMs: 20 });
    await stepped.asleep();
    expect(tail.seen).toEqual([]);

    const base = Date.now() + 1000;
    const first = emu.control.appendLogs(spread(base, 30));
    await stepped.nextPoll();
    const second = emu.control.appendLogs([
      ...spread(base + 30, 20),
      { started: formatLogTime(base + 29) },
    ]);
    await stepped.nextPoll();
    await stepped.nextPoll(); // a poll with nothing new re-reads the overlap and yields nothing

    expect(repeated(tail.seen)).toEqual([]);
    expect(idsOf(tail.seen)).toEqual(
      idsOf([...first, ...second.slice(-1), ...second.slice(0, -1)]),
    );
    expect(stepped.sleeps.every((ms) => ms >= 0 && ms <= 1000)).toBe(true);

    // Each poll reaches back overlapMs before the newest entry already yielded (start_date is
    // exclusive, hence one ms more): the second poll re-read base+29, where the late one was.
    const starts = logQueries(emu).map((q) => Date.parse(q.get("start_date")!));
    expect(starts.slice(-2)).toEqual([base + 29 - 21, base + 49 - 21]);

    tail.controller.abort();
    await tail.done;
  });

  it("starts after the newest existing entry by the server's clock, whatever this machine's clock says", async () => {
    await start();
    const { logs = [] } = await admin.logs.getLogs({ ...app });
    const newestAtStart = Date.parse(String(logs[0]?.started));
    expect(newestAtStart).toBeGreaterThan(0);
    const twin = emu.control.appendLogs([{ started: formatLogTime(newestAtStart) }]);
    const stepped = steppedClock();
    // This machine's clock is an hour ahead of the server's: a tail anchored on it would drop
    // everything the server writes in that hour.
    const ahead: Clock = { ...stepped.clock, now: () => Date.now() + 3_600_000 };
    const tail = follow(app, { clock: ahead, pollIntervalMs: 1000 });
    await stepped.asleep();
    expect(tail.seen).toEqual([]);

    // New entries: one more at the newest timestamp (not seen at start), and some after it.
    const sameInstant = emu.control.appendLogs([{ started: formatLogTime(newestAtStart) }]);
    const later = emu.control.appendLogs(spread(newestAtStart + 5, 3));
    await stepped.nextPoll();
    expect(idsOf(tail.seen)).toEqual(idsOf([...sameInstant, ...later]));
    expect(idsOf(tail.seen)).not.toContain(twin[0]!._id);
    tail.controller.abort();
    await tail.done;
  });

  it("pages through a burst of more than 100 entries sharing one timestamp within one window", async () => {
    await start();
    const stepped = steppedClock();
    const tail = follow({ ...app, type: ["FUNCTION", "AUTH"] }, { clock: stepped.clock });
    await stepped.asleep();
    emu.control.resetCounts();
    const at = formatLogTime(Date.now() + 1000);
    const burst = emu.control.appendLogs(
      Array.from({ length: 250 }, (_, i) => ({ started: at, type: i % 2 ? "FUNCTION" : "AUTH" })),
    );
    emu.control.appendLogs([{ started: at, type: "ENDPOINT" }]); // filtered out on every page
    await stepped.nextPoll();

    expect(tail.seen).toHaveLength(250);
    expect(new Set(idsOf(tail.seen))).toEqual(new Set(idsOf(burst)));
    const queries = logQueries(emu);
    expect(queries.length).toBe(3);
    expect(queries.filter((q) => q.has("skip"))).toHaveLength(2);
    expect(queries.every((q) => q.get("type") === "FUNCTION,AUTH")).toBe(true);
    tail.controller.abort();
    await tail.done;
  });

  it("finds an entry that arrives late, inside an already-polled window, within the overlap", async () => {
    await start();
    const stepped = steppedClock();
    const tail = follow(app, { clock: stepped.clock, overlapMs: 5000 });
    await stepped.asleep();
    const base = Date.now() + 10_000;
    emu.control.appendLogs(spread(base, 5, 1000)); // newest at base + 4000
    await stepped.nextPoll();
    expect(tail.seen).toHaveLength(5);

    const [late] = emu.control.appendLogs([{ started: formatLogTime(base + 1500) }]);
    const [tooLate] = emu.control.appendLogs([{ started: formatLogTime(base + 4000 - 5001) }]);
    const [next] = emu.control.appendLogs([{ started: formatLogTime(base + 4500) }]);
    await stepped.nextPoll();
    expect(idsOf(tail.seen.slice(5))).toEqual([late!._id, next!._id]);
    // Documented bound: an entry more than overlapMs behind the newest one yielded is not seen.
    expect(idsOf(tail.seen)).not.toContain(tooLate!._id);
    tail.controller.abort();
    await tail.done;
  });

  it("starts after start_date when given: the backlog first, oldest first, then new entries", async () => {
    await start();
    const history = emu.control.appendLogs(spread(Date.now() - 30_000, 120, 10));
    const stepped = steppedClock();
    const tail = follow(
      { ...app, start_date: new Date(timeOf(history[9]!)) },
      { clock: stepped.clock },
    );
    await stepped.asleep();
    expect(idsOf(tail.seen)).toEqual(idsOf(history.slice(10)));
    const fresh = emu.control.appendLogs(spread(Date.now() + 1000, 3));
    await stepped.nextPoll();
    expect(idsOf(tail.seen)).toEqual(idsOf([...history.slice(10), ...fresh]));
    tail.controller.abort();
    await tail.done;
  });

  it("refreshes an expired token between polls and carries on", async () => {
    await start();
    const stepped = steppedClock();
    const tail = follow(app, { clock: stepped.clock });
    await stepped.asleep();
    const a = emu.control.appendLogs(spread(Date.now() + 1000, 3));
    emu.control.expireAccessTokens();
    await stepped.nextPoll();
    expect(idsOf(tail.seen)).toEqual(idsOf(a));
    expect(emu.control.counts()).toMatchObject({ logins: 1, refreshes: 1 });
    tail.controller.abort();
    await tail.done;
  });

  it("throws the runtime's typed error when a poll fails", async () => {
    await start();
    const stepped = steppedClock();
    const tail = follow(app, { clock: stepped.clock });
    await stepped.asleep();
    emu.control.failNext({ status: 500, path: LOGS_PATH, body: { error: "boom" } });
    const wake = stepped.nextPoll();
    await expect(tail.done).rejects.toBeInstanceOf(AdminServerError);
    void wake; // the tail never sleeps again
  });
});

describe("tailLogs stops on abort", () => {
  it("while sleeping: the iterator ends without error and its timer is cleared", async () => {
    await start();
    // The sleep's own timer, seen through spies on the globals it uses: a count of the process's
    // timers (what this test compared before) also moves with whatever else runs in the worker.
    const armed = vi.spyOn(globalThis, "setTimeout");
    const cleared = vi.spyOn(globalThis, "clearTimeout");
    try {
      let sleeping!: (timers: unknown[]) => void;
      const asleep = new Promise<unknown[]>((resolve) => (sleeping = resolve));
      const clock: Clock = {
        now: systemClock.now,
        sleep: (ms, signal) => {
          const before = armed.mock.results.length;
          const slept = systemClock.sleep(ms, signal);
          sleeping(armed.mock.results.slice(before).map((result) => result.value as unknown));
          return slept;
        },
      };
      const tail = follow(app, { clock, pollIntervalMs: 60_000 });
      const timers = await asleep;
      expect(timers).toHaveLength(1);
      expect(cleared).not.toHaveBeenCalledWith(timers[0]);
      tail.controller.abort();
      await expect(tail.done).resolves.toBeUndefined();
      expect(cleared).toHaveBeenCalledWith(timers[0]);
    } finally {
      armed.mockRestore();
      cleared.mockRestore();
    }
  });

  it("refuses a poll interval that would hammer the API, before any request", async () => {
    await start();
    emu.control.resetCounts();
    for (const pollIntervalMs of [0, 99, Number.NaN, -1]) {
      await expect(tailLogs(admin, app, { pollIntervalMs }).next()).rejects.toThrow(
        /^pollIntervalMs must be a finite number >= 100/,
      );
    }
    expect(emu.control.counts().total).toBe(0);
  });

  it("while a poll is in flight: the iterator ends without error", async () => {
    await start();
    const stepped = steppedClock();
    const tail = follow(app, { clock: stepped.clock });
    await stepped.asleep();
    emu.control.setLatency(5_000, { path: LOGS_PATH });
    emu.control.resetCounts();
    void stepped.nextPoll().catch(() => undefined);
    await vi.waitFor(() => expect(logQueries(emu)).toHaveLength(1));
    tail.controller.abort();
    await expect(tail.done).resolves.toBeUndefined();
    emu.control.setLatency(0);
  });

  it("between two entries of a batch: nothing more is yielded", async () => {
    await start();
    const stepped = steppedClock();
    const controller = new AbortController();
    const tail = tailLogs(admin, app, { signal: controller.signal, clock: stepped.clock });
    const first = tail.next(); // runs the first poll (nothing new) and sleeps
    await stepped.asleep();
    const batch = emu.control.appendLogs(spread(Date.now() + 1000, 10));
    void stepped.nextPoll(); // never resolves: the tail does not sleep again
    const seen = [(await first).value, (await tail.next()).value, (await tail.next()).value];
    controller.abort();
    expect(await tail.next()).toEqual({ done: true, value: undefined });
    expect(idsOf(seen as LogEntry[])).toEqual(idsOf(batch.slice(0, 3)));
  });
});
