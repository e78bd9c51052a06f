import { StructureKind, type SourceFileStructure } from "ts-morph";
import type { ApiModel } from "../model/types.js";
import { jsDoc } from "./jsdoc.js";
import { stringLiteral } from "./ts-syntax.js";
import { sourceFile, type Statement } from "./source-file.js";

/**
 * `models.ts`: one exported type per component schema, named by `generator/naming.ts`, documented
 * with the schema's description and marked `@deprecated` where the schema is.
 */
export function modelsFile(model: ApiModel): SourceFileStructure {
  const statements: Statement[] = [];
  if (model.schemas.length > 0) {
    statements.push({
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "./schema.js",
      namedImports: ["components"],
    });
  }
  for (const schema of model.schemas) {
    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: schema.typeName,
      type: `components["schemas"][${stringLiteral(schema.name)}]`,
      docs: [
        jsDoc(
          [schema.description ?? `The \`${schema.name}\` schema.`, `Spec: \`${schema.pointer}\`.`],
          schema.deprecated ? [{ tagName: "deprecated", text: "Deprecated in the API spec." }] : [],
        )!,
      ],
    });
  }
  // A spec without component schemas still gets a module, so index.ts can re-export it.
  if (statements.length === 0) statements.push("export {};");
  return sourceFile(statements);
}
