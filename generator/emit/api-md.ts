import type { ApiModel, OperationModel } from "../model/types.js";
import { headerFor } from "./header.js";

/**
 * `API.md`: every operation, sorted by path then method, with its summary, its parameters (path
 * and query by name, `body`; `?` where optional) and its result type, so a pull request's diff of
 * this file reads as the API changelog.
 */
export function apiMarkdown(model: ApiModel): string {
  const entries = [...model.operations]
    .sort((a, b) => compare(`${a.path} ${a.method}`, `${b.path} ${b.method}`))
    .map(entry);
  const title = [model.title, model.version].filter(Boolean).join(" ");
  return (
    headerFor("md") +
    `\n# API index\n\n${title ? `${title}: ` : ""}${model.operations.length} operations in ` +
    `${model.namespaces.length} namespaces.\n\n${entries.join("\n")}`
  );
}

function entry(op: OperationModel): string {
  const flags =
    (op.deprecatedAlias ? ` (alias \`${op.deprecatedAlias}\`, deprecated)` : "") +
    (op.deprecated ? " — deprecated" : "");
  const params = [
    ...op.parameters.map((p) => `\`${p.name}${p.required ? "" : "?"}\``),
    ...(op.body ? [`\`body${op.body.required ? "" : "?"}\``] : []),
  ];
  const groups = (op.exactlyOneOf ?? []).map(
    (g) => ` (exactly one of ${g.map((n) => `\`${n}\``).join(", ")})`,
  );
  const result = op.accepts
    ? `\`${op.typeStem}ResultByAccept[accept]\` (default \`${op.accepts[0]!.mediaType}\`)`
    : `\`${op.typeStem}Result\``;
  const summary = op.summary?.trim().replace(/\s+/g, " ");
  return (
    `## \`${op.method} ${op.path}\`\n\n` +
    `\`${op.namespace}.${op.name}\`${flags}${summary ? `: ${summary}` : ""}\n\n` +
    `- Parameters: ${params.length > 0 ? params.join(", ") : "none"}${groups.join("")}\n` +
    `- Result: ${result}\n`
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
