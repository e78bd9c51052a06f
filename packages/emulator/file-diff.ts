import type { AppFiles } from "./app-files.js";

/**
 * One diff per changed configuration file, sorted by path: `--- path` / `+++ path`, then the old
 * file's lines with `-` and the new file's with `+` (an added file has no `-` lines, a removed one
 * no `+` lines). Folders are not files and never differ.
 */
export function diffFiles(before: AppFiles, after: AppFiles): string[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])]
    .filter((p) => !p.endsWith("/"))
    .sort();
  const diffs: string[] = [];
  for (const path of paths) {
    const old = before.get(path);
    const now = after.get(path);
    if (old === now) continue;
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
