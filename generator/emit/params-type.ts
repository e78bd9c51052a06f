import type { OperationModel, ParameterModel } from "../model/types.js";
import { jsDoc, member } from "./text.js";
import { stringLiteral } from "./ts-syntax.js";

/**
 * `export type XParams = ...;`: path and query parameters flat by spec name, the body as `body`,
 * each typed from `operations[...]` in schema.ts. An `x-exactly-one-of` group becomes a union
 * joined to the rest, one member per name, in which that name is required and the others
 * `?: never`, so giving two of them, or none, fails to type-check.
 */
export function paramsStatement(op: OperationModel, ref: string): string {
  const name = `${op.typeStem}Params`;
  const grouped = new Set(op.exactlyOneOf?.flat());
  const byName = new Map(op.parameters.map((p) => [p.name, p]));
  const base = (indent: string) =>
    op.parameters
      .filter((p) => !grouped.has(p.name))
      .map((p) => parameterMember(indent, p, ref))
      .join("") + (op.body ? bodyMember(indent, op, ref) : "");
  const groups = op.exactlyOneOf ?? [];
  if (groups.length === 0) {
    const members = base("  ");
    return members
      ? `export type ${name} = {\n${members}};\n`
      : `export type ${name} = Record<string, never>;\n`;
  }
  const members = base("  ");
  const unions = groups.map((group) => {
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
  return `export type ${name} = ${members ? `{\n${members}} & ` : ""}${unions.join(" & ")};\n`;
}

function parameterMember(indent: string, p: ParameterModel, ref: string): string {
  const location =
    p.in === "path" ? `${ref}["parameters"]["path"]` : `NonNullable<${ref}["parameters"]["query"]>`;
  const doc = jsDoc(indent, [p.description], p.deprecated ? [{ tag: "deprecated" }] : []);
  return doc + member(indent, p.name, `${location}[${stringLiteral(p.name)}]`, !p.required);
}

function bodyMember(indent: string, op: OperationModel, ref: string): string {
  const body = op.body!;
  const holder = body.required ? `${ref}["requestBody"]` : `NonNullable<${ref}["requestBody"]>`;
  const type = `${holder}["content"][${stringLiteral(body.mediaType)}]`;
  const doc = jsDoc(indent, [body.description, `Sent as \`${body.mediaType}\`.`]);
  // readOnly properties are left out of what is sent (openapi-typescript's $Read markers).
  return doc + member(indent, "body", body.marked ? `Writable<${type}>` : type, !body.required);
}
