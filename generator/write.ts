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

/**
 * Replaces the directory `outDir` with exactly `files` (relative path -> text). Everything is
 * written into a temporary directory beside it first and swapped in by rename, so a failure at any
 * point leaves the previous `outDir` byte-for-byte as it was, and readers never see a mix.
 */
export function writeTreeAtomic(outDir: string, files: ReadonlyMap<string, string>): void {
  const target = resolve(outDir);
  mkdirSync(dirname(target), { recursive: true });
  const temp = mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-`));
  try {
    // mkdtemp makes the directory private (0700); the output is an ordinary source folder.
    chmodSync(temp, 0o755);
    for (const [relative, text] of files) {
      const file = join(temp, relative);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    if (!existsSync(target)) {
      renameSync(temp, target);
      return;
    }
    const previous = `${temp}.previous`;
    renameSync(target, previous);
    try {
      renameSync(temp, target);
    } catch (error) {
      renameSync(previous, target);
      throw error;
    }
    rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
