/**
 * node scripts/lib/run-built.mjs <script.ts> [args...]
 * Runs a TypeScript script compiled rather than through tsx: esbuild bundles it with the
 * project's own modules (node_modules stay external) into one file under .cache/bin/, in a few
 * tens of milliseconds, and node runs that. Each module keeps its own `import.meta.url`, so paths
 * it resolves relative to itself are unchanged. Plain JavaScript, since it runs before anything is
 * compiled.
 */
import { readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/lib/run-built.mjs <script.ts> [args...]");
  process.exit(2);
}
const root = resolve(import.meta.dirname, "../..");
const outfile = join(root, ".cache", "bin", `${basename(entry, ".ts")}.mjs`);

/** Replaces `import.meta.url` in each bundled module by the URL of its source file. */
const ownUrls = {
  name: "own-import-meta-url",
  setup(context) {
    context.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, "utf8");
      return {
        contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(path).href)),
        loader: "ts",
      };
    });
  },
};

await build({
  entryPoints: [resolve(root, entry)],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outfile,
  plugins: [ownUrls],
  logLevel: "warning",
});
process.argv = [process.argv[0], resolve(root, entry), ...args];
await import(pathToFileURL(outfile).href);
