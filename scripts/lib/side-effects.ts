import { join, relative } from "node:path";
import { build, type BuildOptions } from "esbuild";
import { projectRoot } from "../../spec/source.js";

/**
 * A module whose import alone keeps more than this much code in a bundle runs real work at load
 * (the error modules name their classes in a loop, which keeps every class): merged into a chunk
 * with other modules, it would stay in every consumer's bundle that uses any of them. A few
 * constants (`2 ** 31 - 1`, under 100 bytes each) cost nothing and stay where they are; the
 * smallest loop (hosting's two errors) keeps about 400.
 */
const KEPT_BYTES = 200;

/**
 * The repository's modules reachable from `entries` that must get a chunk of their own: those
 * whose top-level code a bundler keeps although nothing of theirs is used, as esbuild sees it
 * when bundling `import "<module>"` with every other module left outside, and those that
 * import an entry on demand (with the modules that import them).
 */
export async function isolatedModules(
  entries: readonly string[],
  common: BuildOptions,
): Promise<string[]> {
  const graph = await build({
    ...common,
    entryPoints: [...entries],
    outdir: "out",
    write: false,
    metafile: true,
    splitting: true,
  });
  const own = Object.keys(graph.metafile.inputs).filter(
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
  // kept apart, with every module that imports it: a bundler that finds `import()` of a module
  // in a file it includes wraps that module into one lazily initialised whole, every export kept
  // (a consumer importing one operation would get its whole tag).
  const inputs = graph.metafile.inputs;
  const entryInputs = new Set(entries.map((entry) => relative(projectRoot, entry)));
  const lazy = new Set(
    own.filter((input) =>
      inputs[input]!.imports.some((i) => i.kind === "dynamic-import" && entryInputs.has(i.path)),
    ),
  );
  for (let grown = true; grown;) {
    grown = false;
    for (const input of own) {
      if (lazy.has(input) || entryInputs.has(input)) continue;
      if (inputs[input]!.imports.some((i) => i.kind === "import-statement" && lazy.has(i.path))) {
        lazy.add(input);
        grown = true;
      }
    }
  }
  const isolated = kept.filter(({ bytes }) => bytes > KEPT_BYTES).map(({ input }) => input);
  return [...new Set([...isolated, ...lazy])].map((input) => join(projectRoot, input)).sort();
}
