/**
 * esbuild plugins of the SDK's build (scripts/lib/bundle-sdk.ts): the virtual runtime entry,
 * operation modules kept in their own entry files, every own module declared free of side effects.
 */
import { join } from "node:path";
import type { Plugin } from "esbuild";
import { projectRoot } from "../../spec/source.js";

/** The virtual `sdk-runtime` entry: every export of the root and of `auth`. */
export function runtimeEntry(parts: string[], entries: Map<string, string>): Plugin {
  return {
    name: "sdk-runtime",
    setup(context) {
      context.onResolve({ filter: /^sdk-runtime$/ }, () => ({
        path: join(projectRoot, "packages", "runtime.ts"),
        namespace: "sdk-runtime",
      }));
      context.onLoad({ filter: /.*/, namespace: "sdk-runtime" }, () => ({
        contents: parts.map((p) => `export * from ${JSON.stringify(entries.get(p))};`).join("\n"),
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
 * modules import it through a placeholder that `linkOperations` turns into a relative path. A
 * chunk behind the entry would make the client's `import()` of the tag (and so a consumer's
 * bundler) build the tag's namespace object, keeping every operation of it.
 */
export function operationModules(entries: Map<string, string>): Plugin {
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
        return name ? { path: `${OPERATION_PLACEHOLDER}${name}`, external: true } : undefined;
      });
    },
  };
}

/**
 * Declares every module of the repository free of side effects, as the package does: esbuild
 * then imports no chunk only for its effects (a bare `import "./chunk.js"`, which consumers'
 * bundlers warn about under `sideEffects: false`).
 */
export function ownModules(): Plugin {
  return {
    name: "own-modules-pure",
    setup(context) {
      context.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === "own-modules-pure" || args.importer.includes("/node_modules/")) {
          return undefined;
        }
        const resolved = await context.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: "own-modules-pure",
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { ...resolved, sideEffects: false };
      });
    },
  };
}
