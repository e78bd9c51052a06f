/**
 * npm run regen [-- --force]
 * fetch (a verified copy is reused) -> repair -> lint (concurrently, redocly's own process) ->
 * generate -> atomic write of generated/, only if the lint is clean. `--force` replaces
 * generated/ even when it holds files the generator did not write (otherwise refused, naming
 * them).
 */
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { regen } from "../generator/regen.js";
import { runMain } from "./lib/run-main.js";

runMain(async () => {
  const { values } = parseArgs({ options: { force: { type: "boolean", default: false } } });
  const result = await regen({ force: values.force });
  const applied = result.spec.repairs.filter((r) => r.status === "applied").length;
  console.log(
    `regen: spec ${result.fetched.status} (sha256 ${result.fetched.sha256.slice(0, 12)}…), ` +
      `${applied} repairs applied, lint clean; ` +
      `${result.files.length} files into ${relative(process.cwd(), result.outDir)}: ` +
      `${result.model.operations.length} operations, ${result.model.schemas.length} models`,
  );
});
