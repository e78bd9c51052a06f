// The longest delay setTimeout holds (a longer one fires at once); one constant for every module
// that checks a delay against it: each copy is computed in every bundle of the core.
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Time as the runtime sees it. Injectable so that tests of backoff, `Retry-After` and token expiry
 * are exact instead of timed.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Calls `fire` after `ms` (a request's timeout) and returns a handle for `clearTimer`. Optional,
   * with `clearTimer`: a clock without them times requests out with `setTimeout`.
   */
  setTimer?(fire: () => void, ms: number): unknown;
  /** Cancels a timer that `setTimer` started. */
  clearTimer?(handle: unknown): void;
}

/** A clock that arms timers: the client's own when it has them, else the system's. */
export type TimerClock = Required<Pick<Clock, "setTimer" | "clearTimer">>;

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock & TimerClock = {
  now: () => Date.now(),
  setTimer: (fire, ms) => setTimeout(fire, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  // The abort handling is raceSignal's; the timer is cleared however the wait ends, so an aborted
  // wait keeps nothing pending.
  sleep: (ms, signal) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slept = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    return raceSignal(slept, signal).finally(() => clearTimeout(timer));
  },
};

/**
 * Settles like `promise`, or rejects with the signal's reason as soon as `signal` aborts, leaving
 * `promise` running for whoever else awaits it (a shared token refresh).
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as unknown);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    // Settled either way, the listener goes; the chain never rejects.
    void promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
