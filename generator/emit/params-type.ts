import type { OperationModel, ParameterModel } from "../model/types.js";
import { jsDoc, member } from "./text.js";
import { stringLiteral } from "./ts-syntax.js";

/**
 * The params type of an operation: path and query parameters flat by spec name, the body as
 * `body`, each typed from `operations[...]` in schema.ts. A parameter declared once in
 * `parameters.ts` (`shared`) comes from its type there, which carries its doc, instead of being
 * repeated: `GroupIdParam & AppIdParam & { ... }` (type literals joined, not interfaces extended,
 * so that a params type stays assignable to `Record<string, unknown>` as a type literal is). An
 * `x-exactly-one-of` group becomes a union joined to the rest, one member per name, in which that
 * name is required and the others `?: never`, so giving two of them, or none, fails to type-check.
 */
export function paramsStatement(op: OperationModel, ref: string): string {
  const name = `${op.typeStem}Params`;
  const grouped = new Set(op.exactlyOneOf?.flat());
  const byName = new Map(op.parameters.map((p) => [p.name, p]));
  const members =
    op.parameters
      .filter((p) => !p.shared && !grouped.has(p.name))
      .map((p) => parameterMember("  ", p, ref))
      .join("") + (op.body ? bodyMember("  ", op, ref) : "");
  const unions = (op.exactlyOneOf ?? []).map((group) => {
    const branches = group.map((chosen) => {
      const inner = group
        .map((n) =>
          n === chosen
            ? parameterMember("      ", { ...byName.get(n)!, required: true }, ref)
            : member("      ", n, "never", true),
        )
        .join("");
      return `  | {\n${inner}    }\n`;
    });
    return `(\n${branches.join("")})`;
  });
  const parts = [
    ...op.parameters.flatMap((p) => (p.shared ? [p.shared] : [])),
    ...(members ? [`{\n${members}}`] : []),
    ...unions,
  ];
  return `export type ${name} = ${parts.length > 0 ? parts.join(" & ") : "Record<string, never>"};\n`;
}

/** A parameter's member: its doc (description, `@deprecated`), then `name: type;`. */
export function documentedMember(indent: string, p: ParameterModel, type: string): string {
  const doc = jsDoc(indent, [p.description], p.deprecated ? [{ tag: "deprecated" }] : []);
  return doc + member(indent, p.name, type, !p.required);
}

function parameterMember(indent: string, p: ParameterModel, ref: string): string {
  const location =
    p.in === "path" ? `${ref}["parameters"]["path"]` : `NonNullable<${ref}["parameters"]["query"]>`;
  return documentedMember(indent, p, `${location}[${stringLiteral(p.name)}]`);
}

function bodyMember(indent: string, op: OperationModel, ref: string): string {
  const body = op.body!;
  const holder = body.required ? `${ref}["requestBody"]` : `NonNullable<${ref}["requestBody"]>`;
  const type = `${holder}["content"][${stringLiteral(body.mediaType)}]`;
  const doc = jsDoc(indent, [body.description, `Sent as \`${body.mediaType}\`.`]);
  // readOnly properties are left out of what is sent (openapi-typescript's $Read markers).
  return doc + member(indent, "body", body.marked ? `Writable<${type}>` : type, !body.required);
}
