import type { JSDocStructure, OptionalKind } from "ts-morph";
import { docText } from "./ts-syntax.js";
import type { OperationModel } from "../model/types.js";

/**
 * A JSDoc from paragraphs (empty ones dropped) and tags, always multi-line so prettier leaves it
 * alone; undefined when there is nothing to say.
 */
export function jsDoc(
  paragraphs: readonly (string | undefined)[],
  tags: readonly { tagName: string; text?: string }[] = [],
): OptionalKind<JSDocStructure> | undefined {
  const text = paragraphs.filter((p): p is string => !!p && p.trim() !== "").map(docText);
  if (text.length === 0 && tags.length === 0) return undefined;
  return {
    description: `\n${text.join("\n\n")}`,
    tags: tags.map((t) => ({ tagName: t.tagName, ...(t.text ? { text: docText(t.text) } : {}) })),
  };
}

/**
 * The documentation of an operation, shared by its function and its namespace method: summary,
 * description, then `METHOD path` and the upstream operationId, and `@deprecated` when the spec
 * says so.
 */
export function operationDoc(op: OperationModel): OptionalKind<JSDocStructure> {
  const summary =
    op.summary && op.description?.trim() === op.summary.trim() ? undefined : op.summary;
  return jsDoc(
    [summary, op.description, `\`${op.method} ${op.path}\` (operationId \`${op.operationId}\`)`],
    op.deprecated ? [{ tagName: "deprecated", text: "Deprecated in the API spec." }] : [],
  )!;
}
