import { MAX_TIMER_MS } from "../core/clock.js";

/**
 * First wait between two reads of a deployment, in ms; each later wait doubles up to
 * `MAX_DEPLOY_POLL_INTERVAL_MS`. Short because a small deployment is done within a second or
 * two, and the first reads are the ones most likely to find it finished.
 */
export const DEFAULT_DEPLOY_POLL_INTERVAL_MS = 100;
/**
 * Longest wait between two reads, in ms. The official CLI reads once a second for as long as a
 * deployment runs; doubling from 100 ms to 2 s reads four times in the first 1.5 s, six times by
 * the seventh second (the CLI: seven) and every 2 s after that.
 */
export const MAX_DEPLOY_POLL_INTERVAL_MS = 2_000;
/** How long to wait for a deployment to finish when no `timeoutMs` is given: 10 minutes. */
export const DEFAULT_DEPLOY_TIMEOUT_MS = 600_000;

/** Polling settings shared by `waitForDeployment` and `deployWithDraft`. */
export interface PollSettings {
  /** First wait between reads in ms (default 100, at most 2 147 483 647); later waits double. */
  pollIntervalMs?: number | undefined;
  /** Cap on the wait between reads in ms (default 2000, or `pollIntervalMs` if larger; at most 2 147 483 647). */
  maxPollIntervalMs?: number | undefined;
  /** How long to wait in ms (default 10 minutes; `0` or `Infinity`: no limit). */
  timeoutMs?: number | undefined;
}

/** Validated polling settings: the waits between reads and the time limit (`Infinity`: none). */
export interface PollPlan {
  delays: Generator<number, never>;
  limitMs: number;
}

/** Checks `settings` (a `RangeError` before any request, not after a deploy) and plans the waits. */
export function planPolling(settings: PollSettings = {}): PollPlan {
  const first = positive(
    settings.pollIntervalMs,
    DEFAULT_DEPLOY_POLL_INTERVAL_MS,
    "pollIntervalMs",
  );
  const max = positive(
    settings.maxPollIntervalMs,
    MAX_DEPLOY_POLL_INTERVAL_MS,
    "maxPollIntervalMs",
  );
  const timeoutMs = settings.timeoutMs ?? DEFAULT_DEPLOY_TIMEOUT_MS;
  if (!(timeoutMs >= 0)) {
    throw new RangeError(
      `timeoutMs must be 0 or a positive number of milliseconds, got ${timeoutMs}`,
    );
  }
  return {
    delays: doubling(first, Math.max(first, max)),
    limitMs: timeoutMs === 0 ? Infinity : timeoutMs,
  };
}

function* doubling(first: number, cap: number): Generator<number, never> {
  for (let delay = first; ; delay = Math.min(cap, delay * 2)) yield delay;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !(value <= MAX_TIMER_MS)) {
    throw new RangeError(
      `${name} must be a positive number of milliseconds up to ${MAX_TIMER_MS}, got ${value}`,
    );
  }
  return value;
}
