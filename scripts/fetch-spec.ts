/**
 * npm run spec:fetch [-- --from <file|folder|url>] [--force]
 * Makes the verified pinned spec available offline for every later step.
 */
import { parseArgs } from "node:util";
import { relative } from "node:path";
import { fetchPinnedSpec } from "../spec/fetch.js";
import { runMain } from "../spec/run-main.js";

runMain(async () => {
  const { values } = parseArgs({
    options: { from: { type: "string" }, force: { type: "boolean", default: false } },
  });
  const result = await fetchPinnedSpec({ from: values.from, force: values.force });
  const where = relative(process.cwd(), result.file);
  console.log(
    result.status === "present"
      ? `spec: verified copy present at ${where} (sha256 ${result.sha256.slice(0, 12)}…)`
      : `spec: fetched ${result.bytes} bytes from ${result.source} to ${where}, sha256 verified`,
  );
});
