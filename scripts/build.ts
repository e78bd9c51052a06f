/**
 * npm run build (and prepack): compiles the published entry points into dist/ with
 * tsconfig.build.json, then adds what the compiler does not emit: the emulator's operation
 * schemas (read at run time relative to the emulator's own module) and the CLI's executable bit.
 * dist/ is emptied first so that a renamed or deleted module never ships from an earlier build.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { projectRoot } from "../spec/source.js";

const dist = join(projectRoot, "dist");
rmSync(dist, { recursive: true, force: true });

// TypeScript 7 (the native compiler) builds in a few seconds where 5.9 takes half a minute; the
// consumer test type-checks its declarations with both.
const tsc = join(createRequire(import.meta.url).resolve("tsc7/package.json"), "..", "bin", "tsc");
try {
  execFileSync(process.execPath, [tsc, "-p", join(projectRoot, "tsconfig.build.json")], {
    cwd: projectRoot,
    stdio: "inherit",
  });
} catch {
  console.error("build: tsc failed (errors above); dist/ is incomplete");
  process.exit(1);
}

// Compact JSON: the generated file is pretty-printed for review; the package needs no whitespace.
const schemas = readFileSync(join(projectRoot, "generated", "operation-schemas.json"), "utf8");
mkdirSync(join(dist, "generated"), { recursive: true });
writeFileSync(
  join(dist, "generated", "operation-schemas.json"),
  JSON.stringify(JSON.parse(schemas)),
);

chmodSync(join(dist, "packages", "cli", "main.js"), 0o755);
// stderr: `npm pack --json` prints its JSON on stdout, where lifecycle output would corrupt it.
console.error("build: dist/ ready");
