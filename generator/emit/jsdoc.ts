import type { OperationModel } from "../model/types.js";
import { jsDoc } from "./text.js";

/**
 * The documentation of an operation, shared by its function and its namespace method: summary,
 * description, then `METHOD path` and the upstream operationId, and `@deprecated` when the spec
 * says so.
 */
export function operationDoc(op: OperationModel, indent = "", extra?: string): string {
  const summary =
    op.summary && op.description?.trim() === op.summary.trim() ? undefined : op.summary;
  return jsDoc(
    indent,
    [
      summary,
      op.description,
      `\`${op.method} ${op.path}\` (operationId \`${op.operationId}\`)${extra ?? ""}`,
    ],
    op.deprecated ? [{ tag: "deprecated", text: "Deprecated in the API spec." }] : [],
  );
}
