/**
 * npm run regen [-- --no-cache] [--force]
 * fetch (a verified copy is reused) -> repair -> lint (concurrently) -> generate -> format ->
 * atomic write of generated/, only if the lint is clean. `--no-cache` skips the format cache and
 * the reused lint verdict (see generator/regen.ts); `--force` replaces generated/ even when it
 * holds files the generator did not write (otherwise refused, naming them).
 */
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { startHelperThread } from "../generator/helper-thread.js";
import { runMain } from "./lib/run-main.js";

// Started before the heavy modules are imported, so the helper's own start-up (openapi-typescript,
// TypeScript, prettier) overlaps this thread's instead of following it.
const helper = startHelperThread();

runMain(async () => {
  const { values } = parseArgs({
    options: {
      "no-cache": { type: "boolean", default: false },
      force: { type: "boolean", default: false },
    },
  });
  const { regen } = await import("../generator/regen.js");
  try {
    const result = await regen({ useCache: !values["no-cache"], force: values.force, helper });
    const applied = result.spec.repairs.filter((r) => r.status === "applied").length;
    console.log(
      `regen: spec ${result.fetched.status} (sha256 ${result.fetched.sha256.slice(0, 12)}…), ` +
        `${applied} repairs applied, lint clean${result.lintCached ? " (verdict reused: same bytes)" : ""}; ` +
        `${result.files.length} files into ${relative(process.cwd(), result.outDir)}: ` +
        `${result.model.operations.length} operations, ${result.model.schemas.length} models`,
    );
  } finally {
    await helper.dispose();
  }
});
