/**
 * What the SDK's build does to esbuild's output (scripts/lib/bundle-sdk.ts): operation and
 * runtime placeholders linked, bare chunk imports and source-path comments dropped, bundled
 * libraries checked and headed by their licences, the names each entry and the runtime export
 * checked against what their sources export and what other files import.
 */
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { build, type BuildOptions, type Metafile } from "esbuild";
import { projectRoot } from "../../spec/source.js";
import { OPERATION_PLACEHOLDER, RUNTIME_PLACEHOLDER } from "./bundle-plugins.js";
import { licenceBanner } from "./licence-banner.js";

/**
 * Replaces each operation placeholder by the path of its entry file relative to the importer,
 * and each runtime placeholder by the path of `runtime` (a path under `dir`).
 */
export function linkPlaceholders(dir: string, runtime: string): void {
  const pattern = new RegExp(`"(${OPERATION_PLACEHOLDER}([^"]+)|${RUNTIME_PLACEHOLDER})"`, "g");
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, "utf8");
    const linked = text.replaceAll(pattern, (_, _whole, name: string | undefined) => {
      const path = relative(entry.parentPath, name ? join(dir, `${name}.js`) : join(dir, runtime));
      return JSON.stringify(path.startsWith(".") ? path : `./${path}`);
    });
    if (linked !== text) writeFileSync(file, linked);
  }
}

/**
 * Fails unless every name that a file under `dir` imports from `runtime` (a path under `dir`) is
 * among `exported`: the runtime re-exports its modules with `export *`, which drops a name two of
 * them export, and Node would refuse the importing file only when a user loads it.
 */
export function checkRuntimeImports(dir: string, runtime: string, exported: Set<string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
    const file = join(entry.parentPath, entry.name);
    const from = relative(entry.parentPath, join(dir, runtime));
    const text = readFileSync(file, "utf8");
    for (const [, names, path] of text.matchAll(
      /^(?:import|export) \{([^}]*)\} from "([^"]+)";/gm,
    )) {
      if (path !== from && path !== `./${from}`) continue;
      for (const item of names!.split(",")) {
        const name = item.trim().split(/\s+as\s+/)[0]!;
        if (name && !exported.has(name)) {
          throw new Error(
            `${relative(dir, file)} imports ${name}, which ${runtime} does not export`,
          );
        }
      }
    }
  }
}

/**
 * Removes `import "./chunk-X.js";` lines (and source-path comments), which esbuild writes into entries to keep the order in
 * which chunks run: every module here is free of side effects (the package says so, and the
 * modules whose load does run code are in chunks of their own, imported by name where used), so
 * the order of bindings is enough, and consumers' bundlers would warn about each such line under
 * `sideEffects: false`.
 */
export function dropBareImports(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, "utf8");
    // esbuild also heads each module's code with its source path, a file the package does not
    // ship (as a source map would point at one), or a virtual module's absolute one
    // (./bundle-lazy-helpers.ts), which would show the build machine's folders.
    const kept = text
      .replace(/^import "\.{1,2}\/[^"]+\.js";\n/gm, "")
      .replace(/^\/\/ (?:(?:packages|generated)\/[\w/.-]+\.ts|sdk-[\w-]+:\S+)\n/gm, "");
    // A chunk that only ordered others is left empty; nothing imports it any more.
    if (kept.trim() === "") rmSync(file);
    else if (kept !== text) writeFileSync(file, kept);
  }
}

/** The names each entry exports, from a bundle of each (without splitting). */
export async function entryExports(
  entries: Map<string, string>,
  common: BuildOptions,
): Promise<Map<string, string[]>> {
  const result = await build({
    ...common,
    entryPoints: [...entries].map(([name, source]) => ({ in: source, out: name })),
    outdir: "out",
    write: false,
    metafile: true,
  });
  const names = new Map<string, string[]>();
  for (const [output, { entryPoint, exports }] of Object.entries(result.metafile.outputs)) {
    if (!entryPoint) continue;
    names.set(output.replace(/^out\//, "").replace(/\.js$/, ""), [...exports].sort());
  }
  return names;
}

/**
 * Fails unless each entry esbuild wrote (under `base`, relative to the project) exports what its
 * source does (`names`, from a bundle of each), no more: an `export *` of a module now in the
 * runtime would export all of the runtime's names.
 */
export function checkEntryExports(
  metafile: Metafile,
  base: string,
  names: Map<string, string[]>,
): void {
  for (const [name, exported] of names) {
    const written = metafile.outputs[`${base}/${name}.js`];
    if (written && [...written.exports].sort().join() !== exported.join()) {
      throw new Error(
        `dist/${name}.js exports ${written.exports.join(", ")}, not ${exported.join(", ")}`,
      );
    }
  }
}

const IN_NODE_MODULES = /(^|\/)node_modules\//;

/** A library may be bundled only through packages/vendor, whose modules say why and what. */
export function checkLibraries(metafile: Metafile): void {
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (IN_NODE_MODULES.test(input) || input.startsWith("packages/vendor/")) continue;
    const library = imports.find((i) => !i.external && IN_NODE_MODULES.test(i.path));
    if (library) {
      throw new Error(
        `${input} imports ${library.original ?? library.path}, which is neither a dependency of ` +
          `the SDK nor wrapped in packages/vendor/: the build would bundle it silently`,
      );
    }
  }
}

/** Heads each output that holds a bundled library with that library's name, version and licence. */
export function headLibraries(metafile: Metafile): void {
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    const libraries = new Set(Object.keys(inputs).flatMap((input) => packageName(input) ?? []));
    if (libraries.size === 0) continue;
    const file = join(projectRoot, output);
    const banner = [...libraries].sort().map(licenceBanner).join("\n");
    writeFileSync(file, `${banner}\n${readFileSync(file, "utf8")}`);
  }
}

/** `ignore` for `node_modules/ignore/index.js`, `@scope/name` for a scoped package's file. */
function packageName(input: string): string | undefined {
  const after = input.split("node_modules/").at(-1);
  if (after === undefined || after === input) return undefined;
  const parts = after.split("/");
  return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}
