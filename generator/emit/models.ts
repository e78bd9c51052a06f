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
      namedImports: model.schemas.some((s) => s.marked)
        ? ["components", "Readable"]
        : ["components"],
    });
  }
  for (const schema of model.schemas) {
    const type = `components["schemas"][${stringLiteral(schema.name)}]`;
    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: schema.typeName,
      // A model is what the API returns: readOnly properties as read, no $Read marker visible.
      type: schema.marked ? `Readable<${type}>` : type,
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
