import { StructureKind, type SourceFileStructure } from "ts-morph";
import type { ApiModel } from "../model/types.js";
import { tagFileName } from "./tag-file.js";
import { sourceFile, type Statement } from "./source-file.js";

/**
 * `index.ts`: the schema types (`paths`, `components`, and the whole module as `schema`, since its
 * `operations` interface would clash with the `operations` table), every model, the client
 * contract, and each namespace's operation module under the namespace's name.
 */
export function indexFile(model: ApiModel): SourceFileStructure {
  const statements: Statement[] = [
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "./schema.js",
      namedExports: ["components", "paths"],
    },
    'export type * as schema from "./schema.js";',
    'export type * from "./models.js";',
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./client.js" },
    ...model.namespaces.map(
      ({ namespace }) =>
        `export * as ${namespace} from "./${tagFileName(namespace).replace(/\.ts$/, ".js")}";`,
    ),
  ];
  return sourceFile(statements);
}
