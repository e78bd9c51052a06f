/**
 * The root's workflow helpers, loaded on their first call (scripts/lib/bundle-sdk.ts). What
 * importing the package root costs is mostly what Node reads, compiles and evaluates of
 * `runtime.js`, and the hosting, deploy and logs helpers were half of it, although a program that
 * only sends requests never calls them. Each is an async function or an async generator function,
 * so the runtime can hold in its place one of the same kind that imports the module's chunk
 * (`packages/chunks/<area>-<module>.js`) and calls the real one: same name, same promise or the
 * same values yielded, and the sources, declarations and docs stay as they are. The helper
 * modules' other exports (constants such as `DEFAULT_SYNC_CONCURRENCY`) stay in the runtime,
 * from a second copy of each module that esbuild trims to what the runtime uses of it. A helper
 * that returns an async iterator at once (`iterateLogs`, a class of its own for its cost per
 * entry) gets a function returning a `lazyIterator` (packages/core/lazy-iterator.ts): a generator
 * wrapper would put a generator's promise turns back on every entry.
 */
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Plugin } from "esbuild";
import { projectRoot } from "../../spec/source.js";
import { OPERATION_PLACEHOLDER } from "./bundle-plugins.js";

/** Each module (relative to the project) whose named helpers load on first call. */
export const LAZY_HELPERS: Readonly<Record<string, readonly string[]>> = {
  "packages/hosting/sync-hosting.ts": ["syncHosting"],
  "packages/hosting/hash-tree.ts": ["hashTree"],
  "packages/hosting/upload-asset.ts": ["uploadAsset"],
  "packages/hosting/file-read.ts": ["hashFile"],
  "packages/deploy/deploy-with-draft.ts": ["deployWithDraft"],
  "packages/deploy/wait-for-deployment.ts": ["waitForDeployment"],
  "packages/deploy/find-app.ts": ["findApp"],
  "packages/logs/iterate.ts": ["iterateLogs"],
  "packages/logs/pages.ts": ["logPages"],
  "packages/logs/tail.ts": ["tailLogs"],
};

/** One module's chunk: its output (under dist/, no `.js`), the module and its helpers. */
export interface HelperChunk {
  out: string;
  /** The module's absolute path. */
  module: string;
  /** Each helper's name and kind. */
  helpers: { name: string; kind: HelperKind }[];
}

/**
 * An async function, an async generator function, or a function declared to return an
 * `AsyncGenerator` (its iterator made at once): each gets a wrapper of its own kind.
 */
export type HelperKind = "async" | "generator" | "iterator";

const KIND_OF: Record<string, HelperKind> = {
  "async function": "async",
  "async function*": "generator",
  function: "iterator",
};

/**
 * The chunks of `modules` (relative path -> helper names), one per module (so a consumer's
 * bundler that keeps one helper keeps only that module's code), after checking
 * that each helper is an exported async function, async generator function or function
 * declared to return an `AsyncGenerator` (a wrapper of its kind returns what the real one does
 * only then) and that the module keeps no state in a top-level `let` (the runtime's trimmed copy
 * and the chunk would each have their own).
 */
export function helperChunks(
  modules: Readonly<Record<string, readonly string[]>>,
  chunkDir: string,
): HelperChunk[] {
  return Object.entries(modules).map(([module, names]) => {
    const source = join(projectRoot, module);
    const text = readFileSync(source, "utf8");
    if (/^let /m.test(text)) throw new Error(`${module}: keeps state in a top-level let`);
    const helpers = names.map((name) => {
      const found = new RegExp(`^export ((?:async )?function\\*?) ${name}\\b`, "m").exec(text);
      const kind = found && KIND_OF[found[1]!];
      // A plain function qualifies by its declared result: the signature up to the body's brace.
      const signature = found ? text.slice(found.index, text.indexOf("{\n", found.index)) : "";
      if (!kind || (kind === "iterator" && !/\): AsyncGenerator<[^]*>\s*$/.test(signature))) {
        throw new Error(
          `${module}: ${name} is not an exported async (generator) function or a function returning an AsyncGenerator`,
        );
      }
      return { name, kind };
    });
    const out = `${chunkDir}/${basename(dirname(source))}-${basename(source, ".ts")}`;
    return { out, module: source, helpers };
  });
}

const ENTRY = /^sdk-helpers:(.+)$/;
const LAZY_ITERATOR = join(projectRoot, "packages/core/lazy-iterator.ts");
const PROXY = "sdk-helpers-proxy";
const COPY = "sdk-helpers-copy";

/** The entry point of `chunk` for esbuild's `entryPoints`. */
export function helperEntry(chunk: HelperChunk): { in: string; out: string } {
  return { in: `sdk-helpers:${chunk.out}`, out: chunk.out };
}

/**
 * The plugin: each chunk's entry re-exports its helpers from their modules; an import of a
 * helper module by a runtime module (`inside`) gets a proxy instead, whose helpers import the
 * chunk when called and whose other exports come from the trimmed copy.
 */
export function lazyHelpers(chunks: HelperChunk[], inside: Set<string>): Plugin {
  const chunkOf = new Map(chunks.map((c) => [c.module, c]));
  const byOut = new Map(chunks.map((c) => [c.out, c]));
  return {
    name: "lazy-helpers",
    setup(context) {
      context.onResolve({ filter: ENTRY }, (args) => ({
        path: args.path,
        namespace: "sdk-helpers",
      }));
      context.onLoad({ filter: /.*/, namespace: "sdk-helpers" }, (args) => {
        const { module, helpers } = byOut.get(ENTRY.exec(args.path)![1]!)!;
        const names = helpers.map((h) => h.name).join(", ");
        return {
          contents: `export { ${names} } from ${JSON.stringify(module)};`,
          resolveDir: projectRoot,
          loader: "ts",
        };
      });
      context.onResolve({ filter: /\.js$/ }, (args) => {
        if (args.kind !== "import-statement" || !inside.has(args.importer)) return undefined;
        const module = join(args.resolveDir, args.path).replace(/\.js$/, ".ts");
        return chunkOf.has(module)
          ? { path: module, namespace: PROXY, sideEffects: false }
          : undefined;
      });
      context.onLoad({ filter: /.*/, namespace: PROXY }, (args) => ({
        contents: proxySource(chunkOf.get(args.path)!),
        resolveDir: projectRoot,
        loader: "ts",
      }));
      // The chunk stays a file of its own, imported on demand: linkPlaceholders makes the path.
      context.onResolve({ filter: new RegExp(`^${OPERATION_PLACEHOLDER}`) }, (args) =>
        args.namespace === PROXY ? { path: args.path, external: true } : undefined,
      );
      context.onResolve({ filter: /\?copy$/ }, (args) =>
        args.namespace === PROXY
          ? { path: args.path, namespace: COPY, sideEffects: false }
          : undefined,
      );
      // The copy's imports resolve as the module's own would, free of side effects: the runtime
      // keeps nothing of what the copy does not use (a kept import of an operation module would
      // be one more file to load with the root).
      context.onResolve({ filter: /.*/ }, async (args) => {
        if (args.namespace !== COPY) return undefined;
        const { path, external, errors } = await context.resolve(args.path, {
          kind: args.kind,
          importer: args.importer.replace(/\?copy$/, ""),
          resolveDir: args.resolveDir,
        });
        return errors.length > 0 ? { errors } : { path, external, sideEffects: false };
      });
      context.onLoad({ filter: /.*/, namespace: COPY }, (args) => {
        const source = args.path.replace(/\?copy$/, "");
        return {
          contents: readFileSync(source, "utf8"),
          resolveDir: dirname(source),
          loader: "ts",
        };
      });
    },
  };
}

/** The module the runtime bundles in place of the chunk's: its copy, with the helpers' wrappers. */
function proxySource({ out, module, helpers }: HelperChunk): string {
  const from = JSON.stringify(`${OPERATION_PLACEHOLDER}${out}`);
  const wrappers = helpers.map(({ name, kind }) =>
    kind === "generator"
      ? `export async function* ${name}(...args: any[]) {\n` +
        `  return yield* (await import(${from})).${name}(...args);\n}`
      : kind === "iterator"
        ? `export function ${name}(...args: any[]) {\n` +
          `  return lazyIterator(() => import(${from}).then((m) => m.${name}(...args)));\n}`
        : `export async function ${name}(...args: any[]) {\n` +
          `  return (await import(${from})).${name}(...args);\n}`,
  );
  const lazy = helpers.some((h) => h.kind === "iterator")
    ? [`import { lazyIterator } from ${JSON.stringify(LAZY_ITERATOR)};`]
    : [];
  return [...lazy, `export * from ${JSON.stringify(`${module}?copy`)};`, ...wrappers].join("\n");
}
