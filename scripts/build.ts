/**
 * npm run build: compiles each published workspace package with its packages/<name>/tsconfig.build.json
 * into packages/<name>/dist, in dependency order (the SDK first: the tools import it by name and
 * compile against its built declarations, so no build copies another package's code). Then adds what
 * the compiler does not emit: the operation schemas the SDK's config and the emulator read relative
 * to their own module, the bins' executable bit, and the SDK's vendored libraries (below). Each
 * package is built into a fresh temporary folder and swapped in for its dist/ at the end, so a
 * renamed or deleted module never ships from an earlier build and a failed build leaves the
 * previous dist/ as it was.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { replaceDirAtomic } from "../generator/write.js";
import { projectRoot } from "../spec/source.js";

// TypeScript 7 (the native compiler) builds in a few seconds where 5.9 takes half a minute; the
// consumer test type-checks the declarations with both.
const tsc = join(createRequire(import.meta.url).resolve("tsc7/package.json"), "..", "bin", "tsc");

/** The published packages (folders of packages/), in build order, and what each adds to its dist/. */
const PUBLISHED: readonly { dir: string; finish: (dist: string) => void }[] = [
  {
    dir: "sdk",
    finish: (dist) => {
      copySchemas(dist);
      vendor(dist);
    },
  },
  { dir: "emulator", finish: copySchemas },
  { dir: "drift", finish: (dist) => chmodSync(join(dist, "packages", "drift", "bin.js"), 0o755) },
  { dir: "cli", finish: (dist) => chmodSync(join(dist, "packages", "cli", "main.js"), 0o755) },
];

class TscFailed extends Error {}

{
  for (const { dir, finish } of PUBLISHED) {
    const root = join(projectRoot, "packages", dir);
    try {
      replaceDirAtomic(
        join(root, "dist"),
        (temp) => {
          // Declarations keep every doc comment (editors show them); the JavaScript keeps none,
          // since nobody reads the docs there and they were a third of the SDK's install.
          for (const pass of [
            ["--emitDeclarationOnly"],
            ["--declaration", "false", "--removeComments"],
          ]) {
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
          finish(temp);
        },
        // In .cache/ (same filesystem, so the swap is still a rename), where git, prettier and
        // the type check do not look: a half-built sibling would otherwise show up in a
        // concurrent `prettier --check .` (the format test runs beside the consumer test).
        { stagingDir: join(projectRoot, ".cache") },
      );
    } catch (error) {
      console.error(
        error instanceof TscFailed
          ? `build: tsc failed for packages/${dir} (errors above); its dist/ left as it was`
          : `build: packages/${dir}: ${error instanceof Error ? error.message : String(error)}; its dist/ left as it was`,
      );
      process.exit(1);
    }
  }
  // stderr: `npm pack --json` prints its JSON on stdout, where lifecycle output would corrupt it.
  console.error(`build: ${PUBLISHED.map(({ dir }) => `packages/${dir}/dist`).join(", ")} ready`);
}

/** Compact JSON: the generated file is pretty-printed for review; a package needs no whitespace. */
function copySchemas(dist: string): void {
  const schemas = readFileSync(join(projectRoot, "generated", "operation-schemas.json"), "utf8");
  mkdirSync(join(dist, "generated"), { recursive: true });
  writeFileSync(
    join(dist, "generated", "operation-schemas.json"),
    JSON.stringify(JSON.parse(schemas)),
  );
}

/**
 * Each module of packages/vendor/ wraps one library the SDK uses off the request path (gitignore
 * patterns for hosting, JSON Schema validation for config). Its compiled file is replaced by a
 * bundle of the module with the library inside, headed by the library's name, version and licence:
 * the SDK then installs openapi-fetch alone, while the code stays the maintained library's (no
 * hand-written gitignore or JSON Schema engine), pinned by our lockfile.
 */
function vendor(dist: string): void {
  const dir = join(projectRoot, "packages", "vendor");
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".ts"))) {
    const source = join(dir, file);
    const libraries = [
      ...readFileSync(source, "utf8").matchAll(/^import .* from "([^".][^"]*)";$/gm),
    ];
    buildSync({
      entryPoints: [source],
      outfile: join(dist, "packages", "vendor", file.replace(/\.ts$/, ".js")),
      bundle: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      target: "es2022",
      banner: { js: libraries.map(([, name]) => licenceBanner(name!)).join("\n") },
      logLevel: "warning",
    });
  }
}

/** A comment naming a bundled library, its version and its licence (with the licence text). */
function licenceBanner(name: string): string {
  const root = join(projectRoot, "node_modules", name);
  const meta = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    version: string;
    license: string;
    author?: string | { name: string };
  };
  const author = typeof meta.author === "object" ? meta.author.name : meta.author;
  const licenceFile = readdirSync(root).find((entry) => /^licen[cs]e/i.test(entry));
  const text =
    licenceFile && existsSync(join(root, licenceFile))
      ? readFileSync(join(root, licenceFile), "utf8").trim()
      : `${meta.license} licence${author ? `, copyright ${author}` : ""}`;
  return `/*! Bundled: ${name}@${meta.version} (${meta.license})\n${text.replaceAll("*/", "* /")}\n*/`;
}
