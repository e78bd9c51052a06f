/**
 * npm run regen [-- --lint] [--force]
 * fetch (a verified copy is reused) -> repair -> generate -> atomic write of generated/. `--lint`
 * also lints the repaired spec (redocly, its own process, while generating) and writes nothing if
 * it has errors (otherwise `npm run spec:lint` and CI lint it). `--force` replaces generated/ even
 * when it holds files the generator did not write (otherwise refused, naming them).
 */
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { regen } from "../generator/regen.js";
import { runMain } from "../spec/run-main.js";

runMain(async () => {
  const { values } = parseArgs({
    options: {
      force: { type: "boolean", default: false },
      lint: { type: "boolean", default: false },
    },
  });
  const result = await regen({ force: values.force, lint: values.lint });
  const applied = result.spec.repairs.filter((r) => r.status === "applied").length;
  console.log(
    `regen: spec ${result.fetched.status} (sha256 ${result.fetched.sha256.slice(0, 12)}…), ` +
      `${applied} repairs applied${values.lint ? ", lint clean" : ""}; ` +
      `${result.files.length} files into ${relative(process.cwd(), result.outDir)}: ` +
      `${result.model.operations.length} operations, ${result.model.schemas.length} models`,
  );
});
