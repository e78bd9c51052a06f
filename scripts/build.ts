/**
 * npm run build (and prepack): compiles the published entry points with tsconfig.build.json, then
 * adds what the compiler does not emit: the emulator's operation schemas (read at run time
 * relative to the emulator's own module), the CLI's executable bit, and the vendored libraries
 * (below). Everything is built into a
 * fresh temporary folder and swapped in for dist/ at the end, so a renamed or deleted module never
 * ships from an earlier build and a failed build leaves the previous dist/ as it was.
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

const dist = join(projectRoot, "dist");
// TypeScript 7 (the native compiler) builds in a few seconds where 5.9 takes half a minute; the
// consumer test type-checks its declarations with both.
const tsc = join(createRequire(import.meta.url).resolve("tsc7/package.json"), "..", "bin", "tsc");

class TscFailed extends Error {}

try {
  replaceDirAtomic(
    dist,
    (temp) => {
      try {
        execFileSync(
          process.execPath,
          [tsc, "-p", join(projectRoot, "tsconfig.build.json"), "--outDir", temp],
          { cwd: projectRoot, stdio: "inherit" },
        );
      } catch {
        throw new TscFailed();
      }
      // Compact JSON: the generated file is pretty-printed for review; the package needs no whitespace.
      const schemas = readFileSync(
        join(projectRoot, "generated", "operation-schemas.json"),
        "utf8",
      );
      mkdirSync(join(temp, "generated"), { recursive: true });
      writeFileSync(
        join(temp, "generated", "operation-schemas.json"),
        JSON.stringify(JSON.parse(schemas)),
      );
      chmodSync(join(temp, "packages", "cli", "main.js"), 0o755);
      vendor(temp);
    },
    // In .cache/ (same filesystem, so the swap is still a rename), where git, prettier and the
    // type check do not look: a half-built sibling would otherwise show up in a concurrent
    // `prettier --check .` (the format test runs beside the consumer test, whose pack builds).
    { stagingDir: join(projectRoot, ".cache") },
  );
} catch (error) {
  console.error(
    error instanceof TscFailed
      ? "build: tsc failed (errors above); dist/ left as it was"
      : `build: ${error instanceof Error ? error.message : String(error)}; dist/ left as it was`,
  );
  process.exit(1);
}
/**
 * Each module of packages/vendor/ wraps one library the SDK uses off the request path (gitignore
 * patterns for hosting, JSON Schema validation for config). Its compiled file is replaced by a
 * bundle of the module with the library inside, headed by the library's name, version and licence:
 * the SDK then installs openapi-fetch alone, while the code stays the maintained library's (no
 * hand-written gitignore or JSON Schema engine), pinned by our lockfile.
 */
function vendor(temp: string): void {
  const dir = join(projectRoot, "packages", "vendor");
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".ts"))) {
    const source = join(dir, file);
    const libraries = [
      ...readFileSync(source, "utf8").matchAll(/^import .* from "([^".][^"]*)";$/gm),
    ];
    buildSync({
      entryPoints: [source],
      outfile: join(temp, "packages", "vendor", file.replace(/\.ts$/, ".js")),
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

// stderr: `npm pack --json` prints its JSON on stdout, where lifecycle output would corrupt it.
console.error("build: dist/ ready");
