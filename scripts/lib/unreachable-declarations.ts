import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/**
 * Deletes the `.d.ts` files under `dist` that no entry's declarations reach: tsc writes one per
 * module, but a module that no public type mentions (hosting's upload pool, config's JSON
 * position index) has declarations nobody's compiler ever opens. `entries` are the `types`
 * files of the package's `exports`, relative to `dist`, `*` standing for any name.
 */
export function removeUnreachableDeclarations(dist: string, entries: readonly string[]): string[] {
  const all = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((p) =>
    p.endsWith(".d.ts"),
  );
  const pending = all.filter((path) => entries.some((entry) => matches(entry, path)));
  const reached = new Set<string>();
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (reached.has(path)) continue;
    reached.add(path);
    const text = readFileSync(join(dist, path), "utf8");
    for (const [, specifier] of text.matchAll(/(?:from |import\()\s*"(\.{1,2}\/[^"]+)"/g)) {
      const target = relative(dist, join(dist, dirname(path), specifier!)).replace(
        /\.js$/,
        ".d.ts",
      );
      if (!existsSync(join(dist, target))) {
        throw new Error(`${path} imports ${specifier}, which has no declarations in dist/`);
      }
      pending.push(target);
    }
  }
  const unreachable = all.filter((path) => !reached.has(path));
  for (const path of unreachable) rmSync(join(dist, path));
  return unreachable;
}

function matches(pattern: string, path: string): boolean {
  const [before, after] = pattern.split("*");
  if (after === undefined) return pattern === path;
  return (
    path.startsWith(before!) &&
    path.endsWith(after) &&
    !path.slice(before!.length, path.length - after.length).includes("/")
  );
}
