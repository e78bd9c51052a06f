import { readdir, rmdir } from "node:fs/promises";
import { dirname, join } from "node:path";

/** What is below a folder: files and folders, relative and `/`-separated. */
export interface FolderTree {
  files: string[];
  /** Every folder that exists, `""` (the folder itself) included; empty if the folder is missing. */
  dirs: Set<string>;
}

/**
 * The files and folders below `dir` whose first path segment is one of `roots`: only those, so a
 * `.git` or `node_modules` beside the config is never walked. A folder `walked` refuses is listed
 * in `dirs` but not entered (a user's `functions/node_modules`, which can hold tens of thousands
 * of files the caller never owns). A missing `dir` is an empty tree.
 */
export async function listTree(
  dir: string,
  roots: readonly string[],
  walked: (folder: string) => boolean = () => true,
): Promise<FolderTree> {
  const tree: FolderTree = { files: [], dirs: new Set() };
  const walk = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(dir, relative), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && relative === "") return;
      throw error;
    }
    tree.dirs.add(relative);
    if (relative === "") entries = entries.filter((entry) => roots.includes(entry.name));
    await Promise.all(
      entries.map(async (entry) => {
        const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
        if (!entry.isDirectory()) tree.files.push(path);
        else if (walked(path)) await walk(path);
        else tree.dirs.add(path);
      }),
    );
  };
  await walk("");
  return tree;
}

/** The files below `dir` under `roots` (see `listTree`), in no particular order. */
export async function listFiles(dir: string, roots: readonly string[]): Promise<string[]> {
  return (await listTree(dir, roots)).files;
}

/** Removes the folders that held `deleted` files and are empty now, deepest first. */
export async function removeEmptyParents(dir: string, deleted: readonly string[]): Promise<void> {
  const parents = new Set<string>();
  for (const path of deleted) {
    for (let p = dirname(path); p !== "." && p !== ""; p = dirname(p)) parents.add(p);
  }
  // Deepest first, so a folder emptied by removing its empty children goes too.
  for (const parent of [...parents].sort((a, b) => b.length - a.length)) {
    await rmdir(join(dir, parent)).catch(() => undefined);
  }
}
