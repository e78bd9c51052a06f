/**
 * npm run generate [-- --spec <file>] [--out <dir>] [--force]
 * Generates the SDK sources: by default from the repaired pinned spec into generated/; with
 * --spec, from any spec file (repaired on the way). Exits non-zero, output untouched, on failure.
 * The output folder is replaced wholesale, so it must be absent, empty or an earlier output of
 * this generator; --force accepts any other folder except the project root, the current
 * directory, their ancestors, the home directory and git checkouts.
 */
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { runMain } from "../spec/run-main.js";
import { projectRoot } from "../spec/source.js";
import { generate } from "./generate.js";

runMain(async () => {
  const { values } = parseArgs({
    options: {
      spec: { type: "string" },
      out: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  const outDir = values.out ?? join(projectRoot, "generated");
  const result = await generate({
    outDir,
    force: values.force,
    ...(values.spec ? { specFile: values.spec } : {}),
  });
  const { model } = result;
  console.log(
    `generated ${result.files.length} files (${(result.bytes / 1024).toFixed(0)} KiB) into ` +
      `${relative(process.cwd(), outDir) || "."}: ${model.operations.length} operations in ` +
      `${model.namespaces.length} namespaces, ${model.schemas.length} models; spec sha256 ${model.specSha256.slice(0, 12)}…`,
  );
});
