/**
 * Global setup of every project (vitest.config.ts): the run's own temporary folder. TMPDIR points
 * at a fresh folder before the workers start, so `os.tmpdir()` in every worker and in every child
 * process that inherits the environment lands there (test/setup/temp-per-file.ts narrows it to
 * one folder per test file). At the end of the run anything still in it is a leak: the run fails
 * (exit code 1) with the leftovers listed by the test file that made them, and the folder goes.
 *
 * Why: tests and the code they drive made folders in the machine's temp dir and never removed
 * them (thousands a day); a guard that fails the run keeps it that way.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The run's folder, for the workers (test/setup/temp-per-file.ts). */
export const RUN_TMPDIR = "APPSERVICES_TEST_RUN_TMPDIR";
/**
 * Set in this process while its run's folder is in use: the projects of one run share it, while a
 * vitest run that a test starts (a process of its own) makes its own.
 */
const ACTIVE = Symbol.for("appservices-admin.test-run-tmpdir");

/**
 * Tools' own caches that land in the temp dir by design and are meant to outlive a process (tsx
 * compiles each source once into `tsx-<uid>`): not a leak, and removed with the run's folder.
 */
export const CACHES = /^tsx-\d+$/;

export default function setup(): (() => void) | undefined {
  // Each project runs this; the first one makes the folder and removes it after the last test.
  const state = globalThis as { [ACTIVE]?: true };
  if (state[ACTIVE]) return undefined;
  state[ACTIVE] = true;
  const callers = { tmp: process.env["TMPDIR"], run: process.env[RUN_TMPDIR] };
  const root = mkdtempSync(join(tmpdir(), "appservices-admin-tests-"));
  process.env["TMPDIR"] = root;
  process.env[RUN_TMPDIR] = root;
  return () => {
    restore("TMPDIR", callers.tmp);
    restore(RUN_TMPDIR, callers.run);
    delete state[ACTIVE];
    let left: string[];
    try {
      left = leftovers(root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    if (left.length === 0) return;
    // A teardown's error alone is only logged ("error during close"): the exit code is set here.
    process.exitCode = 1;
    throw new Error(
      `the run left ${left.length} path(s) in its temporary folder (now removed); ` +
        `remove them where they are made, also when a test fails:\n  ${left.join("\n  ")}`,
    );
  };
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/**
 * What is left in the run's folder, relative to it: in a test file's folder (see
 * temp-per-file.ts), each entry with the file's path; elsewhere, each top-level entry.
 */
export function leftovers(root: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const file = entry.isDirectory() ? testFileOf(entry.name) : undefined;
    if (file === undefined) {
      if (!CACHES.test(entry.name)) found.push(`${entry.name} (made outside any test file)`);
      continue;
    }
    for (const name of readdirSync(join(root, entry.name))) {
      if (!CACHES.test(name)) found.push(`${name} (made by ${file})`);
    }
  }
  return found.sort();
}

/** A test file's folder is named after the file's path, its `/` as `+`. */
export function fileFolderName(testPath: string): string {
  return `file+${testPath.replaceAll("/", "+")}`;
}

function testFileOf(folderName: string): string | undefined {
  return folderName.startsWith("file+")
    ? folderName.slice("file+".length).replaceAll("+", "/")
    : undefined;
}
