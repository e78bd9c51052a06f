import { join, relative } from "node:path";
import { build, type BuildOptions, type Metafile } from "esbuild";
import { projectRoot } from "../../spec/source.js";

/**
 * A module whose import alone keeps more than this much code in a bundle runs real work at load
 * (a loop that sets a property on classes keeps every class): merged into a chunk with other
 * modules, it would stay in every consumer's bundle that uses any of them. A few constants
 * (`2 ** 31 - 1`, under 100 bytes each) cost nothing and stay where they are; the smallest such
 * loop the error modules once had (hosting's two errors) kept about 400.
 */
const KEPT_BYTES = 200;

/** The modules that get a chunk of their own (absolute paths, sorted). */
export interface IsolatedModules {
  /** Those whose top-level code a bundler keeps although nothing of theirs is used. */
  effects: string[];
  /** Those that import an entry on demand (and run nothing at load). */
  lazy: string[];
  /**
   * Those that import a Node built-in (and run nothing at load): a bundler keeps the import of
   * an external module whenever the file holding it is kept, so a browser bundle that uses no
   * hosting helper would still import the built-in.
   */
  node: string[];
}

/**
 * The repository's modules in `graph` (esbuild's metafile of a bundle of every entry in
 * `entries`) that must get a chunk of their own: those whose top-level code a bundler keeps
 * although nothing of theirs is used, as esbuild sees it when bundling `import "<module>"` with
 * every other module left outside, those that import an entry on demand, and those that import a
 * Node built-in.
 */
export async function isolatedModules(
  graph: Metafile,
  entries: readonly string[],
  common: BuildOptions,
): Promise<IsolatedModules> {
  const own = Object.keys(graph.inputs).filter(
    (input) => !input.includes("node_modules/") && /\.ts$/.test(input),
  );
  const kept = await Promise.all(
    own.map(async (input) => {
      const probe = await build({
        ...common,
        stdin: { contents: `import ${JSON.stringify(`./${input}`)};`, resolveDir: projectRoot },
        write: false,
        plugins: [
          {
            name: "only-this-module",
            setup(context) {
              context.onResolve({ filter: /.*/ }, (args) =>
                args.importer === "<stdin>" ? undefined : { path: args.path, external: true },
              );
            },
          },
        ],
      });
      const code = probe.outputFiles![0]!.text.replace(/^(import [^;]*;|\/\/.*)\n/gm, "");
      return { input, bytes: code.trim().length };
    }),
  );
  // A module that imports an entry on demand (the client's namespaces load their operations) is
  // kept apart: a bundler that finds `import()` of a module in a file it includes wraps that
  // module into one lazily initialised whole, every export kept (a consumer importing one
  // operation would get its whole tag). Its importers need no chunk of their own: a file that
  // only imports it is dropped by a consumer's bundler when none of its exports is used.
  const inputs = graph.inputs;
  const entryInputs = new Set(entries.map((entry) => relative(projectRoot, entry)));
  const lazy = own.filter((input) =>
    inputs[input]!.imports.some((i) => i.kind === "dynamic-import" && entryInputs.has(i.path)),
  );
  // An entry is a file of its own already.
  const effects = kept
    .filter(({ input, bytes }) => bytes > KEPT_BYTES && !entryInputs.has(input))
    .map(({ input }) => input);
  const absolute = (list: string[]) => list.map((input) => join(projectRoot, input)).sort();
  const node = own.filter((input) =>
    inputs[input]!.imports.some((i) => i.kind === "import-statement" && i.path.startsWith("node:")),
  );
  const rest = (list: string[]) =>
    absolute(list.filter((input) => !effects.includes(input) && !entryInputs.has(input)));
  return { effects: absolute(effects), lazy: rest(lazy), node: rest(node) };
}
