/**
 * Setup of every suite (vitest.config.ts `setupFiles`), after test/setup/temp-dir.ts made the run's
 * folder: each test file gets a temporary folder of its own (TMPDIR, so `os.tmpdir()` here and in
 * the children it starts), made when the file starts and removed when it ends, passed or failed.
 * Anything the file left there fails the file's last hook, named, except its scratch folders
 * (test/setup/scratch.ts), which exist to be removed with it.
 *
 * Files in one worker run one after another (the fast tier does not isolate them), so TMPDIR
 * belongs to one file at a time; files in other workers have their own folders, so a test that
 * looks at what is in the temp dir sees only what its own file made.
 */
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, expect } from "vitest";
import { projectRoot } from "../../spec/source.js";
import { SCRATCH } from "./scratch.js";
import { CACHES, fileFolderName, RUN_TMPDIR } from "./temp-dir.js";

const runRoot = process.env[RUN_TMPDIR];
if (runRoot === undefined) {
  throw new Error(
    `${RUN_TMPDIR} is not set: vitest.config.ts's globalSetup makes the run's folder`,
  );
}
const file = relative(projectRoot, expect.getState().testPath ?? "");
const folder = join(runRoot, fileFolderName(file));
mkdirSync(folder, { recursive: true });
process.env["TMPDIR"] = folder;

afterAll(() => {
  process.env["TMPDIR"] = runRoot;
  const left = readdirSync(folder).filter((name) => name !== SCRATCH && !CACHES.test(name));
  rmSync(folder, { recursive: true, force: true });
  if (left.length > 0) {
    throw new Error(
      `${file} left ${left.length} path(s) in its temporary folder (now removed); remove them ` +
        `where they are made, also when a test fails: ${left.sort().join(", ")}`,
    );
  }
});
