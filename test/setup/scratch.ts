import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The part of a test file's temporary folder (test/setup/temp-per-file.ts) that is removed when
 * the file ends without counting as left behind: for what a helper makes and has no hook to
 * remove (the fast tier loads helpers once per worker, not once per file).
 */
export const SCRATCH = "scratch";

/** A fresh folder that lasts until the running test file ends, passed or failed. */
export function scratchDir(prefix: string): string {
  // TMPDIR is the running file's own folder; read now, not when this module was loaded.
  const parent = join(tmpdir(), SCRATCH);
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, prefix));
}
