import type { Clock } from "../../../packages/core/clock.js";

/**
 * A clock whose time moves only when told to or when something sleeps on it: sleeps resolve at
 * once and are recorded, so backoff and Retry-After waits are asserted exactly, not timed.
 * Request timeouts are armed on it too and fire only when the test says so (`fire`), so a test
 * of a timeout waits for events, never for time to pass.
 */
export function fakeClock(start = Date.UTC(2025, 0, 1)) {
  let now = start;
  const sleeps: number[] = [];
  const timers = new Map<number, { fire: () => void; ms: number }>();
  let serial = 0;
  const clock: Clock = {
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
    setTimer: (fire, ms) => {
      timers.set(++serial, { fire, ms });
      return serial;
    },
    clearTimer: (handle) => void timers.delete(handle as number),
  };
  return {
    clock,
    sleeps,
    advance: (ms: number) => void (now += ms),
    /** The durations of the timers armed and not yet fired or cleared. */
    timers: () => [...timers.values()].map((timer) => timer.ms),
    /** Fires every armed timer (as if their time had come); returns how many fired. */
    fire: () => {
      const due = [...timers.values()];
      timers.clear();
      for (const timer of due) timer.fire();
      return due.length;
    },
    get now() {
      return now;
    },
  };
}
