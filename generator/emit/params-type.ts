import {
  Writers,
  type OptionalKind,
  type PropertySignatureStructure,
  type WriterFunction,
} from "ts-morph";
import type { OperationModel } from "../model/types.js";
import { jsDoc } from "./jsdoc.js";
import { propertyKey, stringLiteral } from "./ts-syntax.js";

type Property = OptionalKind<PropertySignatureStructure>;

/**
 * The type of `XParams`: path and query parameters flat by spec name, the body as `body`, each
 * typed from `operations[...]` in schema.ts. An `x-exactly-one-of` group becomes a union joined
 * to the rest, one member per name, in which that name is required and the others `?: never`, so
 * giving two of them, or none, fails to type-check.
 */
export function paramsType(op: OperationModel, ref: string): string | WriterFunction {
  const grouped = new Set(op.exactlyOneOf?.flat());
  const properties = new Map(op.parameters.map((p) => [p.name, parameterProperty(p, ref)]));
  const base = op.parameters
    .filter((p) => !grouped.has(p.name))
    .map((p) => properties.get(p.name)!);
  if (op.body) base.push(bodyProperty(op, ref));
  const groups = (op.exactlyOneOf ?? []).map((group) =>
    group.map((chosen) =>
      Writers.objectType({
        properties: group.map((name) =>
          name === chosen
            ? { ...properties.get(name)!, hasQuestionToken: false }
            : { name: propertyKey(name), type: "never", hasQuestionToken: true },
        ),
      }),
    ),
  );
  if (groups.length === 0)
    return base.length > 0 ? Writers.objectType({ properties: base }) : "Record<string, never>";
  return (writer) => {
    const parts: WriterFunction[] = [
      ...(base.length > 0 ? [Writers.objectType({ properties: base })] : []),
      ...groups.map((members): WriterFunction => (w) => {
        w.write("(");
        members.forEach((member, i) => {
          if (i > 0) w.write(" | ");
          member(w);
        });
        w.write(")");
      }),
    ];
    parts.forEach((part, i) => {
      if (i > 0) writer.write(" & ");
      part(writer);
    });
  };
}

function parameterProperty(p: OperationModel["parameters"][number], ref: string): Property {
  const location =
    p.in === "path" ? `${ref}["parameters"]["path"]` : `NonNullable<${ref}["parameters"]["query"]>`;
  const doc = jsDoc([p.description], p.deprecated ? [{ tagName: "deprecated" }] : []);
  return {
    name: propertyKey(p.name),
    type: `${location}[${stringLiteral(p.name)}]`,
    hasQuestionToken: !p.required,
    ...(doc ? { docs: [doc] } : {}),
  };
}

function bodyProperty(op: OperationModel, ref: string): Property {
  const body = op.body!;
  const doc = jsDoc([body.description, `Sent as \`${body.mediaType}\`.`]);
  const holder = body.required ? `${ref}["requestBody"]` : `NonNullable<${ref}["requestBody"]>`;
  const type = `${holder}["content"][${stringLiteral(body.mediaType)}]`;
  return {
    name: "body",
    // readOnly properties are left out of what is sent (openapi-typescript's $Read markers).
    type: body.marked ? `Writable<${type}>` : type,
    hasQuestionToken: !body.required,
    ...(doc ? { docs: [doc] } : {}),
  };
}
