/**
 * Which paths a sync leaves alone, locally and remotely (never uploaded, never deleted).
 *
 * - A string, or each string of a list: gitignore patterns, matched case-sensitively against the
 *   path inside the synced folder, with git's rules (the `ignore` library, which eslint uses):
 *   `".git"` and `"node_modules"` (that name at any depth), `"*.map"`, `"/drafts/"` (the folder
 *   `drafts` at the top), `"build/*.tmp"`, `"!keep.map"` (re-include, after a rule that
 *   excluded it), `"\\#notes"` (a name that starts with `#`, which alone starts a comment). A string
 *   may hold several lines, so the text of a `.gitignore` file can be passed as it is.
 * - A RegExp in the list: tested against the resource path (`/js/app.js.map`), as before.
 * - A function: gets the resource path (folders with a trailing `/`: `/drafts/`) and returns true
 *   to skip it.
 *
 * Before gitignore patterns, a string skipped a path equal to it or having a segment of that
 * name; those forms (`".git"`, `"/exact.txt"`, `"/drafts/"`) mean the same as patterns. What
 * changed: `*`, `?`, `[…]` are wildcards, a leading `!` negates and a leading `#` is a comment
 * (escape them with `\`), trailing spaces are trimmed, and a string with a `/` inside is anchored
 * at the top of the folder.
 */
export type IgnoreOption = string | readonly (string | RegExp)[] | ((path: string) => boolean);

/**
 * Compiles an `IgnoreOption` into one predicate over resource paths (`/`-rooted, folders with a
 * trailing `/`). A path is skipped when a pattern or a RegExp matches it; a folder that is skipped
 * skips everything below it (the walk never enters it, and the plan tests every folder level of a
 * remote path). The pattern library is loaded only when there are patterns, so importing the
 * package costs nothing for it.
 */
export async function ignoreMatcher(
  option: IgnoreOption | undefined,
): Promise<(path: string) => boolean> {
  if (option === undefined) return () => false;
  if (typeof option === "function") return option;
  const list: readonly (string | RegExp)[] = typeof option === "string" ? [option] : option;
  if (!Array.isArray(list)) throw new TypeError(ignoreTypeError(option));
  const patterns: string[] = [];
  const expressions: RegExp[] = [];
  list.forEach((rule: unknown, i) => {
    if (typeof rule === "string") patterns.push(...rule.split(/\r?\n/));
    else if (rule instanceof RegExp) expressions.push(rule);
    else throw new TypeError(`${ignoreTypeError(option)}; ignore[${i}] is neither`);
  });
  const ignores =
    patterns.length > 0
      ? (await import("../vendor/gitignore.js")).gitignoreMatcher(patterns)
      : undefined;
  return (path) => {
    if (ignores && path.length > 1 && ignores(path.slice(1))) return true;
    return expressions.some((expression) => {
      // A global or sticky RegExp remembers where it stopped; every path is tested from the start.
      expression.lastIndex = 0;
      return expression.test(path);
    });
  };
}

function ignoreTypeError(option: unknown): string {
  return `ignore must be gitignore patterns (a string or a list of strings and RegExps) or a function, got ${typeof option}`;
}
