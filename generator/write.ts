import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { threadId } from "node:worker_threads";
import { assertReplaceable, type ReplaceableOptions } from "./out-dir.js";

export interface ReplaceDirOptions {
  /**
   * Where the temporary folder is made; default: beside `target`. It must be on the same
   * filesystem as `target`, since the swap is a rename.
   */
  stagingDir?: string;
  /** Called just before the swap, after `fill` succeeded; a throw leaves `target` as it was. */
  beforeSwap?: () => void;
}

/**
 * Replaces the folder `target` with one that `fill` builds in a fresh temporary folder, swapped
 * in by rename: a failure at any point (in `fill`, `beforeSwap` or the swap) leaves the previous
 * `target` byte-for-byte as it was, readers never see a mix, and no temporary folder is left.
 * Makes no judgement about what `target` holds; callers that take a path from a user check it
 * first (see writeTreeAtomic).
 */
export function replaceDirAtomic(
  target: string,
  fill: (temp: string) => void,
  options: ReplaceDirOptions = {},
): void {
  const dest = resolve(target);
  const staging = options.stagingDir ?? dirname(dest);
  mkdirSync(staging, { recursive: true });
  mkdirSync(dirname(dest), { recursive: true });
  clearDeadRuns(staging, dest);
  // Process and thread ids in the name tell a later run whether this one is still going (see
  // clearDeadRuns).
  const temp = mkdtempSync(join(staging, `.${basename(dest)}.tmp-${process.pid}.${threadId}-`));
  const previous = `${temp}.previous`;
  try {
    // mkdtemp makes the folder private (0700); the output is an ordinary folder.
    chmodSync(temp, 0o755);
    fill(temp);
    options.beforeSwap?.();
    if (!existsSync(dest)) {
      renameSync(temp, dest);
      return;
    }
    renameSync(dest, previous);
    try {
      renameSync(temp, dest);
    } catch (error) {
      renameSync(previous, dest);
      throw error;
    }
    rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * What runs killed mid-way (SIGKILL, a machine stopped) left in `staging` for `dest`: their
 * temporary folders are removed, and a previous output one of them had moved aside but not yet
 * replaced is put back where `dest` is missing. Only runs that are over: another run into the
 * same folder may be under way. A folder named with this process's id and this thread's is a dead
 * run's (a container's processes often get the same id on every start): replaceDirAtomic is
 * synchronous, so this thread runs no other. Another thread of this process counts as live.
 */
function clearDeadRuns(staging: string, dest: string): void {
  const prefix = `.${basename(dest)}.tmp-`;
  for (const name of readdirSync(staging)) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)(?:\.(\d+))?-[A-Za-z0-9]{6}(\.previous)?$/.exec(name.slice(prefix.length));
    if (!match || !runOver(Number(match[1]), match[2] === undefined ? -1 : Number(match[2])))
      continue;
    const path = join(staging, name);
    if (match[3] && !existsSync(dest)) renameSync(path, dest);
    else rmSync(path, { recursive: true, force: true });
  }
}

/** Whether the run of process `pid`, thread `thread` (-1: not named), is over. */
function runOver(pid: number, thread: number): boolean {
  if (pid === process.pid) return thread === threadId;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Replaces the generator's output folder `outDir` with exactly `files` (relative path -> text),
 * atomically (see replaceDirAtomic). `outDir` is checked just before the swap, so whatever was put
 * there while the files were written is seen too; a folder that is not ours is refused untouched
 * (see assertReplaceable). Callers that do slow work first (generate) check it before that too.
 */
export function writeTreeAtomic(
  outDir: string,
  files: ReadonlyMap<string, string>,
  options: ReplaceableOptions = {},
): void {
  replaceDirAtomic(
    outDir,
    (temp) => {
      for (const [relative, text] of files) {
        const file = join(temp, relative);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
    },
    { beforeSwap: () => assertReplaceable(outDir, options) },
  );
}
