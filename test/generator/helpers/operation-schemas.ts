import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../../spec/source.js";

/** One operation of generated/operation-schemas.json, as the request-synthesising tests read it. */
export interface OperationSchema {
  parameters: { name: string; in: "path" | "query"; schema: Record<string, unknown> }[];
  exactlyOneOf?: string[][];
  requestBody?: { mediaType: string; schema?: Record<string, unknown> };
  responses: Record<string, { mediaType?: string; schema?: Record<string, unknown> }>;
}

/** generated/operation-schemas.json, read once per test file that imports it. */
export const operationSchemas = JSON.parse(
  readFileSync(join(projectRoot, "generated", "operation-schemas.json"), "utf8"),
) as {
  components: { schemas: Record<string, Record<string, unknown>> } & Record<
    string,
    Record<string, Record<string, unknown>>
  >;
  operations: Record<string, OperationSchema>;
};
