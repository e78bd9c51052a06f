/**
 * Which of the SDK's modules make up its runtime (`dist/packages/runtime.js`, the one file behind
 * the root and the areas it re-exports), and which other modules import from it by name. Each
 * file Node loads costs about a millisecond and a half of CPU at import, so the runtime holds all
 * that the root needs in one file, except the modules that must stay apart for consumers'
 * bundlers (`./side-effects.ts`); the other entries (`config`, `types`, each operation module)
 * import what they share with the root from the runtime instead of from chunks that esbuild
 * would split out of it.
 */
import { join, relative } from "node:path";
import { build, type BuildOptions, type Metafile } from "esbuild";
import { projectRoot } from "../../spec/source.js";
import type { IsolatedModules } from "./side-effects.js";

/** esbuild's metafile of a bundle of every entry in `sources`: which module imports which. */
export async function moduleGraph(sources: string[], common: BuildOptions): Promise<Metafile> {
  const graph = await build({
    ...common,
    entryPoints: sources,
    outdir: "out",
    write: false,
    metafile: true,
    splitting: true,
  });
  return graph.metafile;
}

/** The runtime's modules and its importers (absolute source paths). */
export interface RuntimeModules {
  /** Every module the root and its areas import statically, isolated modules aside. */
  inside: Set<string>;
  /** The other modules that import runtime modules: their imports of those go to runtime.js. */
  importers: Set<string>;
  /** The runtime modules those import, whose names runtime.js exports (sorted). */
  exposed: string[];
}

/**
 * Splits the repository's modules in `graph` (esbuild's metafile of a bundle of every entry) into
 * the runtime, reached from `roots` (the root's and its areas' sources) by static imports without
 * passing an isolated module, and the rest (`entries`: every entry's source). A module with
 * load-time effects that the runtime imports, and what it bundles (all but entries), imports
 * nothing from the runtime (its chunk comes first, so its top-level code never meets a runtime binding not yet
 * initialised); a lazy one, or one that imports a Node built-in, does, since it runs nothing at load.
 * `lazy`: the modules of helpers that load on first call, left out of the runtime with what only
 * they import.
 */
export function runtimeModules(
  graph: Metafile,
  roots: readonly string[],
  isolated: IsolatedModules,
  entries: readonly string[],
  lazy: readonly string[] = [],
): RuntimeModules {
  const key = (path: string) => relative(projectRoot, path);
  const apart = new Set([...isolated.effects, ...isolated.lazy, ...isolated.node].map(key));
  const own = Object.keys(graph.inputs).filter(
    (input) => !input.includes("node_modules/") && input.endsWith(".ts"),
  );
  // The helpers that load on first call (./bundle-lazy-helpers.ts), and what only they import,
  // are not the runtime's.
  const inside = reached(graph, roots.map(key), new Set([...apart, ...lazy.map(key)]));
  // What the modules with effects import, they bundle (sharing chunks with the runtime).
  const needed = reached(graph, roots.map(key), new Set());
  const effects = reached(
    graph,
    isolated.effects.map(key).filter((input) => needed.has(input)),
    new Set(entries.map(key)),
  );
  const importers = own.filter((input) => !inside.has(input) && !effects.has(input));
  const exposed = new Set(
    importers.flatMap((input) =>
      graph.inputs[input]!.imports.flatMap((i) =>
        i.kind === "import-statement" && inside.has(i.path) ? [i.path] : [],
      ),
    ),
  );
  const absolute = (inputs: Iterable<string>) => [...inputs].map((i) => join(projectRoot, i));
  return {
    inside: new Set(absolute(inside)),
    importers: new Set(absolute(importers)),
    exposed: absolute(exposed).sort(),
  };
}

/** The inputs reached from `from` by static imports, not entering those in `stop`. */
function reached(graph: Metafile, from: string[], stop: Set<string>): Set<string> {
  const seen = new Set<string>();
  const queue = [...from];
  for (let input = queue.pop(); input !== undefined; input = queue.pop()) {
    if (seen.has(input) || stop.has(input) || !graph.inputs[input]) continue;
    seen.add(input);
    for (const i of graph.inputs[input]!.imports) {
      if (i.kind === "import-statement" && !i.external) queue.push(i.path);
    }
  }
  return seen;
}
