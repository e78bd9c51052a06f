import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
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
  const temp = mkdtempSync(join(staging, `.${basename(dest)}.tmp-`));
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
