import type { OperationModel } from "../model/types.js";
import { ENCODERS, operationStatements } from "./operation.js";
import { importLine } from "./text.js";

/** The file name of a namespace's operations, kebab-case (`logForwarders` -> `log-forwarders`). */
export function tagFileName(namespace: string): string {
  return `operations/${namespace.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()}.ts`;
}

/**
 * `operations/<tag>.ts`: every operation of one namespace, in operationId order (types, function
 * and descriptor each). Imports only sibling generated files: the contract, the shared parameters
 * its params types extend, the schema types.
 */
export function tagFile(ops: readonly OperationModel[]): string {
  const schemaNames = [
    "operations",
    ...(ops.some((op) => op.success.some((r) => r.media.some((m) => m.marked && m.kind === "json")))
      ? ["Readable"]
      : []),
    ...(ops.some((op) => op.body?.marked) ? ["Writable"] : []),
  ];
  const shared = [...new Set(ops.flatMap((op) => op.parameters.flatMap((p) => p.shared ?? [])))];
  const encoders = [
    ...new Set(ops.flatMap((op) => (op.body && ENCODERS[op.body.kind]) || [])),
  ].sort();
  const imports =
    importLine(
      [
        ...encoders,
        "sendOperation",
        "type FetchResult",
        "type Operation",
        "type OperationClient",
        "type OperationInit",
      ],
      "../contract.js",
    ) +
    (shared.length > 0 ? importLine(shared.sort(), "../parameters.js", true) : "") +
    importLine(schemaNames, "../schema.js", true);
  return [imports, ...ops.flatMap(operationStatements)].join("\n");
}
