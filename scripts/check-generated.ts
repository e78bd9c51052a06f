/**
 * npm run check:generated
 * Fails when generated/ is not exactly what the pinned spec generates (CI runs it), listing each
 * file that differs, is missing or should not be there. Writes nothing.
 */
import { join } from "node:path";
import { diffTree } from "../generator/diff-tree.js";
import { renderSpec } from "../generator/generate.js";
import { projectRoot } from "../spec/source.js";
import { runMain } from "../spec/run-main.js";

runMain(async () => {
  const { files, model } = await renderSpec();
  const differences = diffTree(files, join(projectRoot, "generated"));
  if (differences.length === 0) {
    console.log(
      `generated/ is up to date with spec sha256 ${model.specSha256.slice(0, 12)}… (${files.size} files)`,
    );
    return 0;
  }
  for (const d of differences) console.error(`  ${d.status.padEnd(7)} generated/${d.file}`);
  console.error(
    `check:generated failed: ${differences.length} of generated/ differ from the pinned spec's output; run \`npm run regen\``,
  );
  return 1;
});
