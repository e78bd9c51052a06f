import { toPointer } from "./pointer.js";

/**
 * The deepest place in a parsed document: its JSON pointer and how many objects and arrays hold
 * it. Iterative, for the case it is called for: a document nested too deeply for a recursive walk
 * (a tool ran out of stack on it), so that the refusal can say where.
 */
export function deepestPlace(doc: unknown): { pointer: string; depth: number } {
  let deepest: (string | number)[] = [];
  const stack: [unknown, (string | number)[]][] = [[doc, []]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [value, path] = next;
    if (value === null || typeof value !== "object") continue;
    if (path.length > deepest.length) deepest = path;
    for (const [key, child] of Object.entries(value)) {
      stack.push([child, [...path, Array.isArray(value) ? Number(key) : key]]);
    }
  }
  return { pointer: toPointer(deepest), depth: deepest.length };
}

/** Whether an error is the engine running out of stack (a recursion too deep for it). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
