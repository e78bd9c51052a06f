import { StructureKind, type SourceFileStructure } from "ts-morph";
import type { OperationModel } from "../model/types.js";
import { bodyHelpers } from "./body-helpers.js";
import { operationStatements } from "./operation.js";
import { sourceFile, type Statement } from "./source-file.js";

/** The file name of a namespace's operations, kebab-case (`logForwarders` -> `log-forwarders`). */
export function tagFileName(namespace: string): string {
  return `operations/${namespace.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()}.ts`;
}

/**
 * `operations/<tag>.ts`: every operation of one namespace, in operationId order (types, function
 * and descriptor each), with the body encoders the namespace needs. Imports only openapi-fetch and
 * sibling generated files.
 */
export function tagFile(ops: readonly OperationModel[]): SourceFileStructure {
  const helpers = bodyHelpers(ops);
  const needsHeaders = ops.some(
    (op) => op.accepts || (op.body && op.body.kind !== "json" && op.body.kind !== "multipart-form"),
  );
  const statements: Statement[] = [
    needsHeaders
      ? {
          kind: StructureKind.ImportDeclaration,
          moduleSpecifier: "openapi-fetch",
          namedImports: ["mergeHeaders", { name: "Client", isTypeOnly: true }],
        }
      : {
          kind: StructureKind.ImportDeclaration,
          isTypeOnly: true,
          moduleSpecifier: "openapi-fetch",
          namedImports: ["Client"],
        },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "../client.js",
      namedImports: ["Operation", "OperationInit"],
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "../schema.js",
      namedImports: [
        "operations",
        "paths",
        ...(ops.some((op) =>
          op.success.some((r) => r.media.some((m) => m.marked && m.kind === "json")),
        )
          ? ["Readable"]
          : []),
        ...(ops.some((op) => op.body?.marked) ? ["Writable"] : []),
      ],
    },
    ...ops.flatMap(operationStatements),
    ...helpers,
  ];
  return sourceFile(statements);
}
