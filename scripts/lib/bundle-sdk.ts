/**
 * The SDK's JavaScript, built by esbuild (ESM, code splitting) from the entry points its
 * package.json `exports` name, so that importing the root loads a few files instead of one per
 * source module (73 before, 14 with esbuild's own chunks, 3 now). The root and the areas it
 * re-exports (`auth`, `logs`, `hosting`, `deploy`) are one module, `packages/runtime.js`; their entry files re-export their own names from
 * it (classes stay one class whichever subpath they come from). `config`, `types` and the other
 * `operations/<tag>` are entries of their own that import what they share with the root from the
 * runtime by name (`./bundle-runtime.ts`), so esbuild splits no chunk out of it; what they share
 * among themselves goes to chunks in `packages/chunks/` (the depth of an area's entry, so
 * `new URL("../../generated/...", import.meta.url)` finds the same file from whichever output
 * holds it). The root's hosting, deploy and logs helpers load on first call from chunks of their
 * own (`./bundle-lazy-helpers.ts`), outside the runtime. The layout is the source's, where
 * `exports` and tsc's declarations point. Libraries
 * that packages/vendor wraps are bundled in without their comments, each headed by its licence; the package's
 * dependencies and Node's built-ins stay imports.
 *
 * Consumers' bundlers still drop what they do not use: every module is declared free of side
 * effects (as the package says), so no chunk is imported for its effects alone, and a module
 * whose top-level code does run (the error classes' names), that `import()`s an entry (the
 * client's namespaces) or that imports a Node built-in (those together) gets a chunk of its own (see `./side-effects.ts`), so merging it with
 * others never keeps code nobody called.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { build, type BuildOptions } from "esbuild";
import { projectRoot } from "../../spec/source.js";
import {
  checkEntryExports,
  entryExports,
  checkLibraries,
  checkRuntimeImports,
  dropBareImports,
  headLibraries,
  linkPlaceholders,
} from "./bundle-output.js";
import {
  libraryWithoutComments,
  operationModules,
  ownModules,
  virtualEntries,
} from "./bundle-plugins.js";
import { moduleGraph, runtimeModules } from "./bundle-runtime.js";
import { helperChunks, helperEntry, LAZY_HELPERS, lazyHelpers } from "./bundle-lazy-helpers.js";
import { isolatedModules } from "./side-effects.js";

/** Where chunks shared by several entry points go, relative to dist/. */
export const CHUNK_DIR = "packages/chunks";
/** The one module behind the root and the areas it re-exports, relative to dist/ (no `.js`). */
const RUNTIME = "packages/runtime";
/** Entries (paths of `exports` without `./dist/` and `.js`) that re-export from the runtime. */
const IN_RUNTIME = ["packages/index", "packages/auth/index"];
const ALSO_IN_RUNTIME = ["packages/logs/index", "packages/hosting/index", "packages/deploy/index"];

interface SdkManifest {
  exports: Record<string, string | { default?: string }>;
  dependencies?: Record<string, string>;
}

/**
 * Builds the SDK's JavaScript into a new folder under .cache/ and returns it; the caller copies
 * it beside tsc's declarations.
 */
export async function bundleSdk(packageDir: string): Promise<string> {
  const manifest = JSON.parse(
    readFileSync(join(packageDir, "package.json"), "utf8"),
  ) as SdkManifest;
  const entries = entryModules(manifest);
  const facades = [...IN_RUNTIME, ...ALSO_IN_RUNTIME];
  for (const facade of facades) {
    if (!entries.has(facade)) throw new Error(`package.json exports no ./dist/${facade}.js`);
  }
  const common: BuildOptions = {
    bundle: true,
    format: "esm",
    platform: "neutral",
    // CommonJS libraries (ignore) resolve through `main`; neutral has no default main fields.
    mainFields: ["module", "main"],
    target: "es2023",
    tsconfig: join(packageDir, "tsconfig.build.json"),
    external: [...Object.keys(manifest.dependencies ?? {}), "node:*"],
    absWorkingDir: projectRoot,
    logLevel: "warning",
  };
  const sources = [...new Set(entries.values())];
  const graph = await moduleGraph(sources, common);
  const isolated = await isolatedModules(graph, sources, common);
  const apart = [...isolated.effects, ...isolated.lazy];
  const NODE = `${CHUNK_DIR}/node-builtins`;
  const helpers = helperChunks(LAZY_HELPERS, CHUNK_DIR);
  const runtime = runtimeModules(
    graph,
    facades.map((f) => entries.get(f)!),
    isolated,
    sources,
    helpers.map((chunk) => chunk.module),
  );
  // Operation modules the root's helpers import are part of the runtime; their entry files
  // re-export them from it, like the areas' facades.
  const inRuntime = [...entries].flatMap(([name, source]) =>
    name.startsWith(OPERATIONS) && runtime.inside.has(source) ? [name] : [],
  );
  const shells = [...facades, ...inRuntime];
  const names = await entryExports(entries, common);
  const out = mkdtempSync(join(projectRoot, ".cache", ".sdk-js-"));
  const result = await build({
    ...common,
    entryPoints: [
      { in: "sdk-runtime", out: RUNTIME },
      ...[...entries]
        .filter(([name]) => !shells.includes(name))
        .map(([name, source]) => ({ in: source, out: name })),
      ...apart.map((source) => ({ in: source, out: isolatedName(source) })),
      ...helpers.map(helperEntry),
      ...(isolated.node.length > 0 ? [{ in: "sdk-node", out: NODE }] : []),
    ],
    outdir: out,
    entryNames: "[dir]/[name]",
    chunkNames: `${CHUNK_DIR}/[name]-[hash]`,
    splitting: true,
    metafile: true,
    plugins: [
      lazyHelpers(helpers, runtime.inside),
      virtualEntries({
        "sdk-runtime": [
          ...[...IN_RUNTIME, ...inRuntime].map((name) => entries.get(name)!),
          ...runtime.exposed,
        ],
        "sdk-node": isolated.node,
      }),
      operationModules(entries, new Set(inRuntime)),
      ownModules(runtime),
      libraryWithoutComments(),
    ],
  });
  checkLibraries(result.metafile);
  headLibraries(result.metafile);
  // An isolated module's entry file only re-exports its chunk, and nothing imports it.
  for (const source of apart) rmSync(join(out, `${isolatedName(source)}.js`));
  rmSync(join(out, `${NODE}.js`), { force: true });
  linkPlaceholders(out, `${RUNTIME}.js`);
  dropBareImports(out);
  writeFacades(out, shells, names);
  const base = relative(projectRoot, out);
  const runtimeNames = result.metafile.outputs[`${base}/${RUNTIME}.js`]?.exports;
  checkRuntimeImports(out, `${RUNTIME}.js`, new Set(runtimeNames));
  checkEntryExports(result.metafile, base, names);
  return out;
}

/** `packages/chunks/core-errors` for packages/core/errors.ts. */
function isolatedName(source: string): string {
  const path = relative(projectRoot, source).replace(/\.ts$/, "");
  return `${CHUNK_DIR}/${path.replace(/^packages\//, "").replaceAll("/", "-")}`;
}

/**
 * Each JavaScript target of `exports` (path under dist/ without `.js`, e.g. `packages/index`)
 * with its source file (`packages/index.ts`); `./operations/*` becomes one per module of
 * `generated/operations/`.
 */
export function entryModules(manifest: Pick<SdkManifest, "exports">): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const file = typeof target === "string" ? target : target.default;
    if (!file?.endsWith(".js")) continue; // ./package.json
    const match = /^\.\/dist\/(.+)\.js$/.exec(file);
    if (!match) throw new Error(`package.json exports["${subpath}"]: ${file} is not under dist/`);
    const name = match[1]!;
    if (!name.includes("*")) {
      entries.set(name, join(projectRoot, `${name}.ts`));
      continue;
    }
    const dir = dirname(name);
    const [prefix, suffix] = name.slice(dir.length + 1).split("*") as [string, string];
    for (const file of readdirSync(join(projectRoot, dir)).sort()) {
      const stem = file.replace(/\.ts$/, "");
      if (file.endsWith(".ts") && stem.startsWith(prefix) && stem.endsWith(suffix)) {
        entries.set(`${dir}/${stem}`, join(projectRoot, dir, file));
      }
    }
  }
  return entries;
}

const OPERATIONS = "generated/operations/";

/** Writes each facade: its own names, re-exported from the runtime. */
function writeFacades(out: string, facades: string[], names: Map<string, string[]>): void {
  for (const facade of facades) {
    const exported = names.get(facade);
    if (!exported) throw new Error(`no exports found for ${facade}`);
    let from = relative(dirname(join(out, facade)), join(out, `${RUNTIME}.js`));
    if (!from.startsWith(".")) from = `./${from}`;
    const body = exported.length > 0 ? `export { ${exported.join(", ")} } from "${from}";` : "";
    mkdirSync(dirname(join(out, facade)), { recursive: true });
    writeFileSync(join(out, `${facade}.js`), `${body}\n`);
  }
}
