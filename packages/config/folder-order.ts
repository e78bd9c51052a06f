/**
 * Files in an order that takes each next one from the next folder in turn, each folder's files
 * in the order given: `a/1, a/2, b/1` becomes `a/1, b/1, a/2`.
 *
 * Why: the kernel creates the files of one folder one at a time (it holds the folder's lock while
 * it allocates each), and a listing keeps a folder's files together, so the writes a pull has
 * under way at once would all queue for the same folder, one after the other however many threads
 * run them, and the downloads behind them would wait too. Taken in turn, the writes under way are
 * in different folders and are created side by side.
 */
export function acrossFolders<T>(items: readonly T[], pathOf: (item: T) => string): T[] {
  const folders = new Map<string, T[]>();
  for (const item of items) {
    const path = pathOf(item);
    const folder = path.slice(0, path.lastIndexOf("/") + 1);
    const list = folders.get(folder);
    if (list) list.push(item);
    else folders.set(folder, [item]);
  }
  if (folders.size < 2) return [...items];
  const order: T[] = [];
  // Folders run out one by one: each round visits only those with files left (linear overall).
  let left = [...folders.values()];
  for (let i = 0; left.length > 0; i++) {
    for (const list of left) order.push(list[i]!);
    left = left.filter((list) => list.length > i + 1);
  }
  return order;
}
