/**
 * Node's built-in modules that hosting's file helpers use, fetched on first use instead of
 * imported: the package root re-exports hosting, and importing `node:crypto`, `node:fs`,
 * `node:fs/promises` and `node:os` at load cost ~11 ms of CPU (most of the root's startup over
 * openapi-fetch's, `npm run bench:startup`) in every program, including the many that never hash
 * or read a file. `process.getBuiltinModule` (Node >= 20.16, Bun, Deno) is synchronous, so the
 * helpers keep their shapes; a runtime without it hears what is missing.
 */
export function nodeCrypto(): typeof import("node:crypto") {
  return (crypto ??= builtin<typeof import("node:crypto")>("node:crypto"));
}

/** `node:fs` (callback API), on first use. */
export function nodeFs(): typeof import("node:fs") {
  return (fs ??= builtin<typeof import("node:fs")>("node:fs"));
}

/** `node:fs/promises`, on first use. */
export function nodeFsPromises(): typeof import("node:fs/promises") {
  return (fsPromises ??= builtin<typeof import("node:fs/promises")>("node:fs/promises"));
}

/** `node:path`, on first use (imported, it was a file of its own in the root's import). */
export function nodePath(): typeof import("node:path") {
  return (path ??= builtin<typeof import("node:path")>("node:path"));
}

/** `node:os`, on first use. */
export function nodeOs(): typeof import("node:os") {
  return (os ??= builtin<typeof import("node:os")>("node:os"));
}

// Each module once fetched: a sync asks for `node:fs` several times per file it reads.
let crypto: typeof import("node:crypto") | undefined;
let fs: typeof import("node:fs") | undefined;
let fsPromises: typeof import("node:fs/promises") | undefined;
let path: typeof import("node:path") | undefined;
let os: typeof import("node:os") | undefined;

function builtin<M>(id: string): M {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  if (typeof get !== "function") {
    throw new Error(
      `appservices-admin: hosting's file helpers need Node's ${id} (process.getBuiltinModule: Node >= 20.16, Bun or Deno)`,
    );
  }
  return get(id) as M;
}
