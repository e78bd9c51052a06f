import type { AppFiles } from "./app-files.js";

/**
 * One diff per changed configuration file, sorted by path: `--- path` / `+++ path`, then the old
 * file's lines with `-` and the new file's with `+` (an added file has no `-` lines, a removed one
 * no `+` lines). Folders are not files and never differ; a JSON file differs only when its parsed
 * value does (key order and spacing are not changes: the server compares configuration, not text).
 */
export function diffFiles(before: AppFiles, after: AppFiles): string[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])]
    .filter((p) => !p.endsWith("/"))
    .sort();
  const diffs: string[] = [];
  for (const path of paths) {
    const old = before.get(path);
    const now = after.get(path);
    if (old === now || (old !== undefined && now !== undefined && sameJson(path, old, now)))
      continue;
    const lines = [
      `--- ${old === undefined ? "/dev/null" : path}`,
      `+++ ${now === undefined ? "/dev/null" : path}`,
    ];
    if (old !== undefined) lines.push(...trimmed(old).map((l) => `-${l}`));
    if (now !== undefined) lines.push(...trimmed(now).map((l) => `+${l}`));
    diffs.push(lines.join("\n"));
  }
  return diffs;
}

function trimmed(text: string): string[] {
  return text.replace(/\n$/, "").split("\n");
}

/** Whether two texts of a `.json` file hold the same value, whatever the key order. */
function sameJson(path: string, a: string, b: string): boolean {
  if (!path.endsWith(".json")) return false;
  try {
    return canonical(JSON.parse(a)) === canonical(JSON.parse(b));
  } catch {
    return false;
  }
}

/** A value as JSON text with every object's keys sorted. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
