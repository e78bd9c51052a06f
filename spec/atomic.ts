import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Writes a file by renaming a sibling temporary file over it, so readers never see half of it.
 * Missing parent folders are created unless `createDirs` is false (then the write fails).
 */
export function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  { createDirs = true }: { createDirs?: boolean } = {},
): void {
  if (createDirs) mkdirSync(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
