import type { OperationModel } from "../model/types.js";
import { operationStatements } from "./operation.js";
import { importLine } from "./text.js";

/** The file name of a namespace's operations, kebab-case (`logForwarders` -> `log-forwarders`). */
export function tagFileName(namespace: string): string {
  return `operations/${namespace.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()}.ts`;
}

/**
 * `operations/<tag>.ts`: every operation of one namespace, in operationId order (types, function
 * and descriptor each). Imports only sibling generated files.
 */
export function tagFile(ops: readonly OperationModel[]): string {
  const schemaNames = [
    "operations",
    ...(ops.some((op) => op.success.some((r) => r.media.some((m) => m.marked && m.kind === "json")))
      ? ["Readable"]
      : []),
    ...(ops.some((op) => op.body?.marked) ? ["Writable"] : []),
  ];
  const imports =
    importLine(
      [
        "sendOperation",
        "type FetchResult",
        "type Operation",
        "type OperationClient",
        "type OperationInit",
      ],
      "../contract.js",
    ) + importLine(schemaNames, "../schema.js", true);
  return [imports, ...ops.flatMap(operationStatements)].join("\n");
}
