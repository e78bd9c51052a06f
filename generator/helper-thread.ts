import { Worker } from "node:worker_threads";
import type { OpenApiDocument } from "../spec/json.js";
import { GeneratorError } from "./errors.js";
import type { HelperReply, HelperRequest } from "./helper-worker.js";

/** A second thread for the generator's heaviest, independent work. */
export interface HelperThread {
  /** openapi-typescript on the document, then prettier: the formatted `schema.ts`, header included. */
  schema(doc: OpenApiDocument, sha256: string, file?: string, cacheDir?: string): Promise<string>;
  /** Formats files (relative path -> raw text) with prettier; resolves to the formatted texts. */
  format(files: ReadonlyMap<string, string>, cacheDir?: string): Promise<Map<string, string>>;
  /** Stops the thread (idempotent). An idle thread does not keep the process alive either way. */
  dispose(): Promise<void>;
}

/** What the worker's modules import from node_modules. */
const PRELOAD = ["openapi-typescript", "typescript", "prettier"];

type Pending = { resolve: (files: [string, string][]) => void; reject: (error: Error) => void };
type Request = HelperRequest extends infer R
  ? R extends HelperRequest
    ? Omit<R, "id">
    : never
  : never;

/**
 * Starts the helper thread. Started before the spec is loaded, its start-up — loading
 * openapi-typescript, redocly's core, TypeScript and prettier, about as long as loading and
 * repairing the spec — runs in parallel with that; afterwards it renders `schema.ts` and formats
 * what it is given while this thread builds and formats the rest. The worker is TypeScript, so it
 * registers tsx for itself first (loader hooks are per thread).
 */
export function startHelperThread(): HelperThread {
  const tsx = import.meta.resolve("tsx/esm/api");
  const body = new URL("./helper-worker.ts", import.meta.url).href;
  // The heavy packages are imported before tsx is registered, natively: through tsx's hooks every
  // one of their hundreds of modules would take a round trip to its loader thread.
  const preload = PRELOAD.map(
    (name) => `import(${JSON.stringify(import.meta.resolve(name))})`,
  ).join(", ");
  const bootstrap =
    `Promise.all([${preload}])` +
    `.then(() => import(${JSON.stringify(tsx)}))` +
    `.then((api) => { api.register(); return import(${JSON.stringify(body)}); });`;
  const worker = new Worker(bootstrap, { eval: true });
  const pending = new Map<number, Pending>();
  let failure: Error | undefined;
  let nextId = 0;
  worker.on("error", (error) => {
    failure = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  });
  // Kept alive only while it owes an answer, so an idle helper never holds the process open.
  worker.unref();
  worker.on("message", (reply: HelperReply) => {
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if ("files" in reply) p?.resolve(reply.files);
    else p?.reject(new GeneratorError(reply.error));
  });
  const ask = (request: Request) =>
    new Promise<[string, string][]>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...request, id } as HelperRequest);
    });
  return {
    schema: async (doc, sha256, file, cacheDir) =>
      (
        await ask({
          kind: "schema",
          doc,
          sha256,
          ...(file ? { file } : {}),
          ...(cacheDir ? { cacheDir } : {}),
        })
      )[0]![1],
    format: async (files, cacheDir) =>
      new Map(await ask({ kind: "format", files: [...files], ...(cacheDir ? { cacheDir } : {}) })),
    dispose: async () => {
      await worker.terminate();
    },
  };
}
