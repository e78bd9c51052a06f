import type { ApiModel } from "../model/types.js";
import { documentedMember } from "./params-type.js";
import { importLine } from "./text.js";
import { stringLiteral } from "./ts-syntax.js";

/**
 * `parameters.ts`: one type per shared parameter (model/shared-parameters.ts), holding it as the
 * operations' params types hold theirs (its doc once, here, for every operation whose params type
 * joins it), typed as openapi-typescript types the component. An optional one is typed as
 * indexing its operation's type gives it (`| undefined`), so the params types stay exactly what
 * they were.
 */
export function parametersFile(model: ApiModel): string {
  // Always a module, so the layout of generated/ does not depend on the spec.
  if (model.sharedParameters.length === 0) return "export {};\n";
  const statements = model.sharedParameters.map(({ typeName, component, parameter }) => {
    const type = `components["parameters"][${stringLiteral(component)}]`;
    const member = documentedMember(
      "  ",
      parameter,
      parameter.required ? type : `${type} | undefined`,
    );
    return `export type ${typeName} = {\n${member}};\n`;
  });
  return [importLine(["components"], "./schema.js", true), ...statements].join("\n");
}
