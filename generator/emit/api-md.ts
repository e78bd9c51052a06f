import type { ApiModel } from "../model/types.js";
import { headerFor } from "./header.js";

/**
 * `API.md`: one line per operation, `METHOD path → namespace.method`, sorted by path then method,
 * so a pull request's diff of this file reads as the API changelog.
 */
export function apiMarkdown(model: ApiModel): string {
  const lines = model.operations
    .map((op) => ({
      key: `${op.path} ${op.method}`,
      text:
        `- \`${op.method} ${op.path}\` → \`${op.namespace}.${op.name}\`` +
        (op.deprecatedAlias ? ` (alias \`${op.deprecatedAlias}\`, deprecated)` : "") +
        (op.deprecated ? " — deprecated" : ""),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((l) => l.text);
  const title = [model.title, model.version].filter(Boolean).join(" ");
  return (
    headerFor("md", model.specSha256) +
    `\n# API index\n\n${title ? `${title}: ` : ""}${model.operations.length} operations in ` +
    `${model.namespaces.length} namespaces.\n\n${lines.join("\n")}\n`
  );
}
