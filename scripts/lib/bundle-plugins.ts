/**
 * esbuild plugins of the SDK's build (scripts/lib/bundle-sdk.ts): the virtual entries,
 * operation modules kept in their own entry files, every own module declared free of side
 * effects, bundled libraries without their comments.
 */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { transform, type Plugin } from "esbuild";
import type { RuntimeModules } from "./bundle-runtime.js";
import { projectRoot } from "../../spec/source.js";

/**
 * Virtual entries: each `name` (an entry point's `in`) is a module that re-exports every export
 * of its `sources`. `sdk-runtime` is the runtime (the root, `auth`, and the operation modules the
 * root's helpers import), `sdk-node` the modules that import Node built-ins, kept together.
 */
export function virtualEntries(modules: Record<string, string[]>): Plugin {
  return {
    name: "virtual-entries",
    setup(context) {
      context.onResolve({ filter: /^sdk-(runtime|node)$/ }, (args) => ({
        path: join(projectRoot, "packages", `${args.path}.ts`),
        namespace: "sdk-virtual",
        pluginData: args.path,
      }));
      context.onLoad({ filter: /.*/, namespace: "sdk-virtual" }, (args) => ({
        contents: (modules[args.pluginData as string] ?? [])
          .map((source) => `export * from ${JSON.stringify(source)};`)
          .join("\n"),
        resolveDir: join(projectRoot, "packages"),
        loader: "ts",
      }));
    },
  };
}

const OPERATIONS = "generated/operations/";
export const OPERATION_PLACEHOLDER = "sdk-operation:";

/**
 * Keeps each `generated/operations/<tag>` module in its own entry file, never in a chunk: other
 * modules import it through a placeholder that `linkPlaceholders` turns into a relative path. A
 * chunk behind the entry would make the client's `import()` of the tag (and so a consumer's
 * bundler) build the tag's namespace object, keeping every operation of it. The tags in
 * `inRuntime` (those the root's helpers import) are the exception: they are part of the runtime,
 * so the hand-written modules bundle them (their entry file re-exports them from the runtime).
 */
export function operationModules(entries: Map<string, string>, inRuntime: Set<string>): Plugin {
  const sources = new Map(
    [...entries].filter(([name]) => name.startsWith(OPERATIONS)).map(([name, s]) => [s, name]),
  );
  return {
    name: "operation-modules",
    setup(context) {
      context.onResolve({ filter: /\/operations\/[^/]+\.js$/ }, (args) => {
        if (args.kind === "entry-point") return undefined;
        const source = join(args.resolveDir, args.path).replace(/\.js$/, ".ts");
        const name = sources.get(source);
        if (!name) return undefined;
        const bundled =
          inRuntime.has(name) &&
          args.kind === "import-statement" &&
          (args.namespace === "sdk-virtual" || args.importer.startsWith(HAND_WRITTEN));
        return bundled ? undefined : { path: `${OPERATION_PLACEHOLDER}${name}`, external: true };
      });
    },
  };
}

const HAND_WRITTEN = join(projectRoot, "packages") + "/";

/** Marks the plugin's own calls of `resolve`, which it leaves to esbuild. */
const NESTED = "sdk-nested-resolve";

/** The external path of an import from the runtime; `linkPlaceholders` makes it relative. */
export const RUNTIME_PLACEHOLDER = "sdk-runtime-module:";

/**
 * Resolves the repository's own imports. Every module is declared free of side effects, as the
 * package does: esbuild then imports no chunk only for its effects (a bare `import "./chunk.js"`,
 * which consumers' bundlers warn about under `sideEffects: false`). An import of a runtime module
 * (`runtime.inside`) by one of `runtime.importers` goes to the runtime's file, by name, instead
 * of being bundled: the code stays in runtime.js, once, and no chunk is split out of it.
 */
export function ownModules(runtime: Pick<RuntimeModules, "inside" | "importers">): Plugin {
  return {
    name: "own-modules",
    setup(context) {
      context.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === NESTED || args.importer.includes("/node_modules/")) {
          return undefined;
        }
        const resolved = await context.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: NESTED,
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (
          args.kind === "import-statement" &&
          runtime.importers.has(args.importer) &&
          runtime.inside.has(resolved.path)
        ) {
          return { path: RUNTIME_PLACEHOLDER, external: true };
        }
        return { ...resolved, sideEffects: false };
      });
    },
  };
}

/**
 * Bundled libraries (packages/vendor's) without their comments: `ignore` alone carries 7 KB of
 * them, a share of the SDK's install size (`npm run bench:bundle`) that no user reads there. Their
 * code is read with whitespace minified, which drops the comments (legal ones kept), and printed
 * again laid out like the rest of the bundle; each output holding one is headed by its licence
 * (`headLibraries`).
 */
export function libraryWithoutComments(): Plugin {
  return {
    name: "library-without-comments",
    setup(context) {
      context.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, async (args) => {
        const source = await readFile(args.path, "utf8");
        const { code } = await transform(source, {
          loader: "js",
          minifyWhitespace: true,
          minifyIdentifiers: true,
          minifySyntax: true,
          legalComments: "inline",
          sourcefile: args.path,
        });
        return { contents: code, loader: "js", resolveDir: dirname(args.path) };
      });
    },
  };
}
