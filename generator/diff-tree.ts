import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** How a folder on disk differs from what the generator renders. */
export interface TreeDifference {
  file: string;
  status: "changed" | "missing" | "extra";
}

/**
 * Compares rendered files (relative path -> text) with a folder, byte for byte: files that differ,
 * files the folder lacks and files it has that the generator would not write. Sorted by path.
 */
export function diffTree(files: ReadonlyMap<string, string>, dir: string): TreeDifference[] {
  const onDisk = new Set(listFiles(dir).map((f) => relative(dir, f).split("\\").join("/")));
  const differences: TreeDifference[] = [];
  for (const [file, text] of files) {
    if (!onDisk.has(file)) differences.push({ file, status: "missing" });
    else if (!readFileSync(join(dir, file)).equals(Buffer.from(text)))
      differences.push({ file, status: "changed" });
    onDisk.delete(file);
  }
  for (const file of onDisk) differences.push({ file, status: "extra" });
  return differences.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function listFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
