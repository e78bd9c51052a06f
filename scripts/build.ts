/**
 * npm run build: compiles each published workspace package with its packages/<name>/tsconfig.build.json
 * into packages/<name>/dist, in dependency order (the SDK first: the tools import it by name and
 * compile against its built declarations, so no build copies another package's code). tsc emits
 * every package's declarations; the SDK's JavaScript is bundled per entry point by esbuild
 * (scripts/lib/bundle-sdk.ts: a few files per import instead of one per module, its vendored
 * libraries inside), the tools' is tsc's. Then adds what the compiler does not emit: the
 * operation schemas the SDK's config (its component schemas) and the emulator (all of it) read
 * relative to their own module, and the bins' executable bit; and drops from the SDK's
 * `schema.d.ts` the doc comments its other declarations already carry
 * (scripts/lib/declaration-docs.ts). Each package is built into a fresh temporary folder and swapped in for its
 * dist/ at the end, so a renamed or deleted module never ships from an earlier build and a failed
 * build leaves the previous dist/ as it was.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { replaceDirAtomic } from "../generator/write.js";
import { projectRoot } from "../spec/source.js";
import { bundleSdk } from "./lib/bundle-sdk.js";
import { dedupeDeclarationDocs } from "./lib/declaration-docs.js";
import { reindentDeclarations } from "./lib/declaration-indent.js";
import { removeUnreachableDeclarations } from "./lib/unreachable-declarations.js";
import { configSchemas, withoutAnnotations } from "./lib/validation-schemas.js";

// TypeScript 7 (the native compiler) builds in a few seconds where 5.9 takes half a minute; the
// consumer test type-checks the declarations with both.
const tsc = join(createRequire(import.meta.url).resolve("tsc7/package.json"), "..", "bin", "tsc");

/**
 * The published packages (folders of packages/), in build order: whether esbuild bundles the
 * JavaScript (else tsc emits it, one file per module) and what each adds to its dist/.
 */
const PUBLISHED: readonly { dir: string; bundled?: true; finish: (dist: string) => void }[] = [
  {
    dir: "sdk",
    bundled: true,
    finish: (dist) => {
      // config validates app files against the component schemas its file kinds reach, and reads
      // nothing else.
      copySchemas(dist, (doc) => ({
        $comment: doc.$comment,
        openapi: doc.openapi,
        components: { schemas: withoutAnnotations(configSchemas(doc.components.schemas)) },
      }));
      dedupeDeclarationDocs(dist);
      reindentDeclarations(dist);
      removeUnreachableDeclarations(dist, declarationEntries(join(projectRoot, "packages", "sdk")));
    },
  },
  { dir: "emulator", finish: (dist) => copySchemas(dist, (doc) => doc) },
  { dir: "drift", finish: (dist) => chmodSync(join(dist, "packages", "drift", "bin.js"), 0o755) },
  { dir: "cli", finish: (dist) => chmodSync(join(dist, "packages", "cli", "main.js"), 0o755) },
];

class TscFailed extends Error {}

{
  for (const { dir, bundled, finish } of PUBLISHED) {
    const root = join(projectRoot, "packages", dir);
    let javascript: string | undefined;
    try {
      if (bundled) javascript = await bundleSdk(root);
      replaceDirAtomic(
        join(root, "dist"),
        (temp) => {
          // Declarations keep every doc comment (editors show them); the JavaScript keeps none,
          // since nobody reads the docs there and they were a third of the SDK's install.
          const passes = [["--emitDeclarationOnly"]];
          if (!bundled) passes.push(["--declaration", "false", "--removeComments"]);
          for (const pass of passes) {
            try {
              execFileSync(
                process.execPath,
                [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", temp, ...pass],
                { cwd: root, stdio: "inherit" },
              );
            } catch {
              throw new TscFailed();
            }
          }
          if (javascript) cpSync(javascript, temp, { recursive: true });
          finish(temp);
        },
        // In .cache/ (same filesystem, so the swap is still a rename), where git, prettier and
        // the type check do not look: a half-built sibling would otherwise show up in a
        // concurrent `prettier --check .` (the format test can run while a build does).
        { stagingDir: join(projectRoot, ".cache") },
      );
    } catch (error) {
      console.error(
        error instanceof TscFailed
          ? `build: tsc failed for packages/${dir} (errors above); its dist/ left as it was`
          : `build: packages/${dir}: ${error instanceof Error ? error.message : String(error)}; its dist/ left as it was`,
      );
      process.exitCode = 1;
    } finally {
      if (javascript) rmSync(javascript, { recursive: true, force: true });
    }
    if (process.exitCode) process.exit();
  }
  // stderr: `npm pack --json` prints its JSON on stdout, where lifecycle output would corrupt it.
  console.error(`build: ${PUBLISHED.map(({ dir }) => `packages/${dir}/dist`).join(", ")} ready`);
}

interface OperationSchemas {
  $comment: string;
  openapi: string;
  components: { schemas: Record<string, unknown> };
}

/**
 * `generated/operation-schemas.json` as the package reads it (`pick`: the parts it needs), in
 * compact JSON: the generated file is pretty-printed for review; a package needs no whitespace.
 */
function copySchemas(dist: string, pick: (doc: OperationSchemas) => unknown): void {
  const schemas = readFileSync(join(projectRoot, "generated", "operation-schemas.json"), "utf8");
  mkdirSync(join(dist, "generated"), { recursive: true });
  writeFileSync(
    join(dist, "generated", "operation-schemas.json"),
    JSON.stringify(pick(JSON.parse(schemas) as OperationSchemas)),
  );
}

/** The `types` files of a package's `exports`, relative to its dist/. */
function declarationEntries(packageDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
    exports: Record<string, string | { types?: string }>;
  };
  return Object.values(manifest.exports).flatMap((target) =>
    typeof target === "object" && target.types ? [target.types.replace(/^\.\/dist\//, "")] : [],
  );
}
