import type { Clock } from "../../../packages/client/clock.js";

/**
 * A clock whose time moves only when told to or when something sleeps on it: sleeps resolve at
 * once and are recorded, so backoff and Retry-After waits are asserted exactly, not timed.
 */
export function fakeClock(start = Date.UTC(2025, 0, 1)) {
  let now = start;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
  };
  return {
    clock,
    sleeps,
    advance: (ms: number) => void (now += ms),
    get now() {
      return now;
    },
  };
}
