/**
 * npm run build (and prepack): compiles the published entry points with tsconfig.build.json, then
 * adds what the compiler does not emit: the emulator's operation schemas (read at run time
 * relative to the emulator's own module) and the CLI's executable bit. Everything is built into a
 * fresh temporary folder and swapped in for dist/ at the end, so a renamed or deleted module never
 * ships from an earlier build and a failed build leaves the previous dist/ as it was.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
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
// stderr: `npm pack --json` prints its JSON on stdout, where lifecycle output would corrupt it.
console.error("build: dist/ ready");
