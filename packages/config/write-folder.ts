import { mkdir, mkdtemp, readdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { runPool } from "../hosting/pool.js";

/** File operations in flight at once (libuv runs four at a time; a few more keep it busy). */
const IO_CONCURRENCY = 16;

/**
 * A file's new content: bytes or text, a file already written into the staging folder, or
 * `keep` for a file known to be right already (a hosted file whose MD5 matched).
 */
export type FileContent = string | Uint8Array | { staged: string } | { keep: true };

/** What `commitFolder` changed. Paths are relative and sorted. */
export interface FolderChanges {
  written: string[];
  deleted: string[];
  unchanged: number;
}

/** A scratch folder beside the target (same file system, so its files can be renamed in). */
export interface Staging {
  dir: string;
  /** A fresh path inside it for one file. */
  next(): string;
  remove(): Promise<void>;
}

/** Creates the staging folder for `dir`: `.<name>.pull-XXXXXX` in its parent. */
export async function createStaging(dir: string): Promise<Staging> {
  const target = resolve(dir);
  await mkdir(dirname(target), { recursive: true });
  const path = await mkdtemp(join(dirname(target), `.${basename(target)}.pull-`));
  let n = 0;
  return {
    dir: path,
    next: () => join(path, String(n++)),
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

/**
 * Makes the files under `dir` that `owned` claims equal to `files`, touching nothing else: a file
 * whose bytes are already right is not rewritten (its mtime stays), new and changed files are
 * written into `staging` first and then renamed into place, owned files not in `files` are
 * deleted, and owned folders left empty are removed. Everything that can fail for lack of space or
 * a bad name fails while staging, before the folder is touched; the renames that follow replace
 * each file whole.
 */
export async function commitFolder(
  dir: string,
  files: ReadonlyMap<string, FileContent>,
  owned: { roots: readonly string[]; test: (path: string) => boolean },
  staging: Staging,
): Promise<FolderChanges> {
  const existing = new Set((await listFiles(dir, owned.roots)).filter(owned.test));
  const moves: [from: string, to: string][] = [];
  let unchanged = 0;
  await runPool([...files], IO_CONCURRENCY, async ([path, content]) => {
    if (typeof content === "object" && "keep" in content) {
      unchanged++;
      return;
    }
    if (typeof content === "object" && "staged" in content) {
      moves.push([content.staged, path]);
      return;
    }
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    if (existing.has(path) && (await sameBytes(join(dir, path), bytes))) {
      unchanged++;
      return;
    }
    const temp = staging.next();
    await writeFile(temp, bytes);
    moves.push([temp, path]);
  });
  // Each folder once, parents first; then the renames, which need nothing else.
  const folders = new Set(moves.map(([, to]) => dirname(join(dir, to))));
  for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
  await runPool(moves, IO_CONCURRENCY, ([from, to]) => rename(from, join(dir, to)));
  const deleted = [...existing].filter((path) => !files.has(path));
  await runPool(deleted, IO_CONCURRENCY, (path) => rm(join(dir, path), { force: true }));
  await removeEmptyParents(dir, deleted);
  return { written: moves.map(([, to]) => to).sort(), deleted: deleted.sort(), unchanged };
}

async function sameBytes(file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    return Buffer.from(bytes).equals(await readFile(file));
  } catch {
    return false;
  }
}

/**
 * The files below `dir` whose first path segment is one of `roots` (relative, `/`-separated):
 * only those, so a `.git` or `node_modules` beside the config is never walked.
 */
export async function listFiles(dir: string, roots: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(dir, relative), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && relative === "") return;
      throw error;
    }
    if (relative === "") entries = entries.filter((entry) => roots.includes(entry.name));
    await Promise.all(
      entries.map(async (entry) => {
        const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory()) await walk(path);
        else out.push(path);
      }),
    );
  };
  await walk("");
  return out;
}

async function removeEmptyParents(dir: string, deleted: readonly string[]): Promise<void> {
  const parents = new Set<string>();
  for (const path of deleted) {
    for (let p = dirname(path); p !== "." && p !== ""; p = dirname(p)) parents.add(p);
  }
  // Deepest first, so a folder emptied by removing its empty children goes too.
  for (const parent of [...parents].sort((a, b) => b.length - a.length)) {
    await rmdir(join(dir, parent)).catch(() => undefined);
  }
}
