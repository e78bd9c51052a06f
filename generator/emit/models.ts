import type { ApiModel } from "../model/types.js";
import { importLine, jsDoc, typeAlias } from "./text.js";
import { stringLiteral } from "./ts-syntax.js";

/**
 * `models.ts`: one exported type per component schema, named by `spec/naming.ts`, documented
 * with the schema's description (none where the spec has none) and marked `@deprecated` where the
 * schema is.
 */
export function modelsFile(model: ApiModel): string {
  // A spec without component schemas still gets a module, so index.ts can re-export it.
  if (model.schemas.length === 0) return "export {};\n";
  const names = model.schemas.some((s) => s.marked) ? ["components", "Readable"] : ["components"];
  const statements = model.schemas.map((schema) => {
    const type = `components["schemas"][${stringLiteral(schema.name)}]`;
    const doc = jsDoc(
      "",
      [schema.description],
      schema.deprecated ? [{ tag: "deprecated", text: "Deprecated in the API spec." }] : [],
    );
    // A model is what the API returns: readOnly properties as read, no $Read marker visible.
    return doc + typeAlias(schema.typeName, schema.marked ? `Readable<${type}>` : type);
  });
  return [importLine(names, "./schema.js", true), ...statements].join("\n");
}
