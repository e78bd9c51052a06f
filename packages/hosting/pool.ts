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

/** Checks a concurrency option: a positive integer. */
export function checkConcurrency(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
