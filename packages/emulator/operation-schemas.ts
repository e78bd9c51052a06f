import { existsSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A JSON Schema (2020-12) as stored in `generated/operation-schemas.json`. */
export type JsonSchema = { [key: string]: unknown };

/** One parameter of an operation. */
export interface ParameterSchema {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
  style?: string;
  explode?: boolean;
}

/** One response of an operation; an empty object means "no content". */
export interface ResponseSchema {
  mediaType?: string;
  schema?: JsonSchema;
  example?: unknown;
}

/** One operation, keyed by its upstream operationId in the document. */
export interface OperationSchema {
  method: string;
  path: string;
  namespace?: string;
  name?: string;
  parameters?: ParameterSchema[];
  requestBody?: { required?: boolean; mediaType?: string; schema?: JsonSchema };
  responses?: Record<string, ResponseSchema>;
  /** Groups of parameter names of which exactly one must be given (`x-exactly-one-of`). */
  exactlyOneOf?: string[][];
}

/** The whole of `generated/operation-schemas.json` (format in docs/ARCHITECTURE.md). */
export interface OperationSchemasDocument {
  specSha256?: string;
  components?: { schemas?: Record<string, JsonSchema> };
  operations: Record<string, OperationSchema>;
}

/** Where the generator writes the per-operation schemas, relative to this package. */
export const defaultOperationSchemasPath = fileURLToPath(
  new URL("../../generated/operation-schemas.json", import.meta.url),
);

/**
 * Loads the per-operation schemas. A missing default file yields undefined (the hand-written routes
 * still work; there is just no generic layer); a named file that is missing or malformed throws
 * with its path, since then someone asked for it.
 */
export function loadOperationSchemas(
  source?: string | OperationSchemasDocument,
): OperationSchemasDocument | undefined {
  if (typeof source === "object") return checkDocument(source, "<given document>");
  const file = source ?? defaultOperationSchemasPath;
  if (source === undefined && !existsSync(file)) return undefined;
  let parsed: unknown;
  let stamp: string;
  try {
    const stat = statSync(file);
    stamp = `${stat.mtimeMs}:${stat.size}`;
    // The same unchanged file yields the same document, so compiled schemas can be reused.
    const cached = loaded.get(file);
    if (cached?.stamp === stamp) return cached.doc;
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`emulator: cannot read operation schemas ${file}: ${(error as Error).message}`);
  }
  const doc = checkDocument(parsed, file);
  loaded.set(file, { stamp, doc });
  return doc;
}

const loaded = new Map<string, { stamp: string; doc: OperationSchemasDocument }>();

function checkDocument(doc: unknown, where: string): OperationSchemasDocument {
  const d = doc as Partial<OperationSchemasDocument> | null;
  if (
    typeof d !== "object" ||
    d === null ||
    typeof d.operations !== "object" ||
    d.operations === null
  ) {
    throw new Error(
      `emulator: ${where} is not an operation-schemas document (no "operations" object)`,
    );
  }
  for (const [id, op] of Object.entries(d.operations)) {
    if (typeof op?.method !== "string" || typeof op.path !== "string" || !op.path.startsWith("/")) {
      throw new Error(
        `emulator: ${where}: operation ${id} needs a "method" and a "path" starting with "/"`,
      );
    }
  }
  return d as OperationSchemasDocument;
}
