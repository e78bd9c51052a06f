/**
 * gitignore matching, from the `ignore` library (which eslint and prettier use). The build bundles
 * this module with the library into the SDK (see scripts/build.ts), so the installed SDK depends
 * on openapi-fetch alone; its declarations name only our own types.
 */
import ignore from "ignore";

/**
 * A predicate over `/`-free-at-the-start relative paths (folders with a trailing `/`) that is true
 * when the gitignore `patterns` exclude the path. Case-sensitive, as web paths are; "relative"
 * paths may be names like `...` that the library would otherwise refuse.
 *
 * @example
 * gitignoreMatcher(["*.map", "!keep.map"])("js/app.js.map"); // true
 */
export function gitignoreMatcher(patterns: readonly string[]): (path: string) => boolean {
  const rules = ignore({ ignorecase: false, allowRelativePaths: true }).add([...patterns]);
  return (path) => rules.ignores(path);
}
