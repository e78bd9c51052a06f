/**
 * An async iterator whose source is made on first use: every call waits for `load` once, then
 * goes straight to the iterator it gave. The package root holds this in place of `iterateLogs`
 * (scripts/lib/bundle-lazy-helpers.ts), so the helper's module is imported on first use while
 * each entry costs one more function call, not another generator's promise turns. Calls made
 * while it loads reach the iterator in the order they were made.
 */
export function lazyIterator<T>(
  load: () => Promise<AsyncGenerator<T, void, undefined>>,
): AsyncGenerator<T, void, undefined> {
  let source: AsyncGenerator<T, void, undefined> | undefined;
  let loading: Promise<AsyncGenerator<T, void, undefined>> | undefined;
  const loaded = () =>
    (loading ??= load().then((made) => {
      source = made;
      return made;
    }));
  const iterator: AsyncGenerator<T, void, undefined> = {
    next: () => (source ? source.next() : loaded().then((s) => s.next())),
    return: (value) => (source ? source.return(value) : loaded().then((s) => s.return(value))),
    throw: (error) => (source ? source.throw(error) : loaded().then((s) => s.throw(error))),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
