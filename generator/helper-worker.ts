/**
 * Worker thread body for `startHelperThread` (helper-thread.ts): imports openapi-typescript and prettier at once
 * (their start-up is the slow part), then answers requests in order: render and format
 * `schema.ts` for a document, or format a batch of files.
 */
import { parentPort } from "node:worker_threads";
import type { OpenApiDocument } from "../spec/json.js";
import { headerFor } from "./emit/header.js";
import { schemaTypes } from "./emit/schema-types.js";
import { formatGenerated } from "./format.js";

export type HelperRequest =
  | {
      id: number;
      kind: "schema";
      doc: OpenApiDocument;
      file?: string;
      sha256: string;
      cacheDir?: string;
    }
  | { id: number; kind: "format"; files: [string, string][]; cacheDir?: string };

export type HelperReply = { id: number; files: [string, string][] } | { id: number; error: string };

async function handle(request: HelperRequest): Promise<[string, string][]> {
  if (request.kind === "format") {
    const out: [string, string][] = [];
    for (const [name, text] of request.files) {
      out.push([name, await formatGenerated(name, text, request.cacheDir)]);
    }
    return out;
  }
  const text = headerFor("ts", request.sha256) + (await schemaTypes(request.doc, request.file));
  return [["schema.ts", await formatGenerated("schema.ts", text, request.cacheDir)]];
}

// One request at a time, in arrival order: the thread is the unit of parallelism.
let queue = Promise.resolve();
parentPort!.on("message", (request: HelperRequest) => {
  queue = queue.then(() =>
    handle(request).then(
      (files) => parentPort!.postMessage({ id: request.id, files } satisfies HelperReply),
      (error: unknown) =>
        parentPort!.postMessage({
          id: request.id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies HelperReply),
    ),
  );
});
