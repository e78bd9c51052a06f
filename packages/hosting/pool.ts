/**
 * Runs `work` over `items` with at most `limit` calls in flight, in order of the list. When a call
 * throws or `signal` aborts, no further item starts; the calls already running are awaited (so
 * nothing is left half-done in the background), then the first error (or the abort reason) is
 * thrown. Callers that want to go on after a failed item catch inside `work`.
 *
 * `worker` (0 … limit-1) identifies the lane, for per-lane resources such as a scratch buffer.
 */
export async function runPool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, worker: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (worker: number) => {
    while (failure === undefined && !signal?.aborted && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item, worker);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, (_, i) => lane(i)),
  );
  if (failure) throw failure.error;
  signal?.throwIfAborted();
}

/**
 * Runs tasks with at most `limit` of them under way; the others wait their turn, first come first
 * served. A failing task frees its turn like any other.
 */
export function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  // The turn passes straight to the next waiter, so `active` counts it without a gap.
  const pass = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  const passed = <T>(value: T) => (pass(), value);
  const passedOn = (error: unknown) => {
    pass();
    throw error;
  };
  // No async function per task: its promise and resumption, per request of a sync, cost more
  // than the one `then` that frees the turn.
  const run = <T>(task: () => Promise<T>): Promise<T> => {
    let running;
    try {
      running = task();
    } catch (error) {
      pass();
      return Promise.reject(error as Error);
    }
    return Promise.resolve(running).then(passed, passedOn);
  };
  return (task) => {
    if (active < limit) {
      active++;
      return run(task);
    }
    return new Promise<void>((resolve) => waiting.push(resolve)).then(() => run(task));
  };
}

/** Checks a concurrency option: a positive integer. */
export function checkConcurrency(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/**
 * Runs two tasks at once, each under a signal that also fires when the other fails: the failure
 * of either stops the other, both are awaited, and the first failure is thrown. Both promises are
 * observed from the start, so neither can reject unhandled while the other is still running.
 */
export async function allOrAbort<A, B>(
  a: (signal: AbortSignal) => Promise<A>,
  b: (signal: AbortSignal) => Promise<B>,
  signal?: AbortSignal,
): Promise<[A, B]> {
  const stop = new AbortController();
  const both = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  let first: { error: unknown } | undefined;
  const guarded = async <T>(task: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    try {
      return await task(both);
    } catch (error) {
      first ??= { error };
      stop.abort(error);
      throw error;
    }
  };
  const [x, y] = await Promise.allSettled([guarded(a), guarded(b)]);
  if (first) throw first.error;
  return [(x as PromiseFulfilledResult<A>).value, (y as PromiseFulfilledResult<B>).value];
}
