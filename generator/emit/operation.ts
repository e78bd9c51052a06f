import {
  StructureKind,
  VariableDeclarationKind,
  Writers,
  type StatementStructures,
} from "ts-morph";
import { GeneratorError } from "../errors.js";
import type { MediaKind, OperationModel, ResponseModel } from "../model/types.js";
import { jsDoc, operationDoc } from "./jsdoc.js";
import { memberAccess, propertyKey, stringLiteral } from "./ts-syntax.js";

/** What openapi-fetch's `parseAs` must be for a result kind (JSON is its default). */
const PARSE_AS: Partial<Record<MediaKind, string>> = {
  text: "text",
  binary: "blob",
  "multipart-form": "blob",
  "multipart-mixed": "blob",
};

/**
 * The statements of one operation in its tag file: `XParams` (path and query parameters flat by
 * spec name, the body as `body`), `XResult` (the 2xx body, `undefined` where there is none) and
 * the thin function that calls the openapi-fetch client it is given and returns its result, and
 * `X`, the operation as a value (its facts and that function) for the runtime's `call`.
 */
export function operationStatements(op: OperationModel): StatementStructures[] {
  const ref = `operations[${stringLiteral(op.operationId)}]`;
  const properties = op.parameters.map((p) => {
    const location =
      p.in === "path"
        ? `${ref}["parameters"]["path"]`
        : `NonNullable<${ref}["parameters"]["query"]>`;
    const doc = jsDoc([p.description], p.deprecated ? [{ tagName: "deprecated" }] : []);
    return {
      name: propertyKey(p.name),
      type: `${location}[${stringLiteral(p.name)}]`,
      hasQuestionToken: !p.required,
      ...(doc ? { docs: [doc] } : {}),
    };
  });
  if (op.body) {
    const doc = jsDoc([op.body.description, `Sent as \`${op.body.mediaType}\`.`]);
    const holder = op.body.required
      ? `${ref}["requestBody"]`
      : `NonNullable<${ref}["requestBody"]>`;
    properties.push({
      name: "body",
      type: `${holder}["content"][${stringLiteral(op.body.mediaType)}]`,
      hasQuestionToken: !op.body.required,
      ...(doc ? { docs: [doc] } : {}),
    });
  }
  return [
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: `${op.typeStem}Params`,
      type: properties.length > 0 ? Writers.objectType({ properties }) : "Record<string, never>",
      docs: [
        jsDoc([
          `Parameters of {@link ${op.name}}: path and query parameters by their spec names${op.body ? ", the request body as `body`" : ""}.`,
        ])!,
      ],
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: `${op.typeStem}Result`,
      type: resultType(op, ref),
      docs: [
        jsDoc([`What {@link ${op.name}} resolves to on success (${successLabel(op.success)}).`])!,
      ],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: op.name,
      docs: [operationDoc(op)],
      parameters: [
        { name: "client", type: "Client<paths>" },
        {
          name: "params",
          type: `${op.typeStem}Params`,
          ...(op.paramsOptional ? { initializer: "{}" } : {}),
        },
        { name: "init", type: "OperationInit", hasQuestionToken: true },
      ],
      statements: callStatements(op),
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        jsDoc([
          `{@link ${op.name}} as a value: \`${op.method} ${op.path}\` with what the runtime needs to call it.`,
          // Why it exists: importing one descriptor from its tag module bundles only that
          // operation, where the client's namespaces bind every operation.
          "Pass it to `admin.call(...)` to call this one operation without binding them all (smaller bundles).",
        ])!,
      ],
      declarations: [
        {
          name: op.typeStem,
          type: `Operation<${op.typeStem}Params, ${op.typeStem}Result>`,
          initializer: operationLiteral(op),
        },
      ],
    },
  ];
}

/** The descriptor's object literal: the `OperationInfo` facts and `send`, the function above. */
function operationLiteral(op: OperationModel): string {
  const names = (where: "path" | "query") =>
    `[${op.parameters
      .filter((p) => p.in === where)
      .map((p) => stringLiteral(p.name))
      .join(", ")}]`;
  const fields = [
    `operationId: ${stringLiteral(op.operationId)}`,
    `namespace: ${stringLiteral(op.namespace)}`,
    `name: ${stringLiteral(op.name)}`,
    `method: ${stringLiteral(op.method)}`,
    `path: ${stringLiteral(op.path)}`,
    `pathParams: ${names("path")}`,
    `queryParams: ${names("query")}`,
    ...(op.body ? [`requestMediaType: ${stringLiteral(op.body.mediaType)}`] : []),
    `send: ${op.name}`,
  ];
  return `{ ${fields.join(", ")} }`;
}

/** The union of the 2xx bodies; `undefined` for a response without content; `unknown` for none. */
function resultType(op: OperationModel, ref: string): string {
  if (op.success.length === 0) return "unknown";
  const types = op.success.map((r) => {
    if (!r.mediaType) return "undefined";
    if (r.kind === "json")
      return `${ref}["responses"][${statusKey(r.status)}]["content"][${stringLiteral(r.mediaType)}]`;
    return r.kind === "text" ? "string" : "Blob";
  });
  return [...new Set(types)].join(" | ");
}

function successLabel(success: readonly ResponseModel[]): string {
  if (success.length === 0) return "the spec declares no 2xx response";
  return success
    .map((r) => `${r.status}${r.mediaType ? ` ${r.mediaType}` : " no content"}`)
    .join(", ");
}

/** openapi-typescript keys responses by number where the status is numeric. */
function statusKey(status: string): string {
  return /^\d+$/.test(status) ? status : stringLiteral(status);
}

/** The `return client.METHOD(path, {...})` call, with what the media types need. */
function callStatements(op: OperationModel): string[] {
  const group = (location: "path" | "query") => {
    const list = op.parameters.filter((p) => p.in === location);
    return list.length === 0
      ? []
      : [
          `${location}: { ${list.map((p) => `${propertyKey(p.name)}: ${memberAccess("params", p.name)}`).join(", ")} }`,
        ];
  };
  const params = [...group("path"), ...group("query")];
  const before: string[] = [];
  const defaults: string[] = [];
  const after: string[] = [];
  const kinds = new Set(op.success.filter((r) => r.kind).map((r) => PARSE_AS[r.kind!] ?? "json"));
  if (kinds.size > 1) {
    throw new GeneratorError(
      `${op.operationId}: its 2xx responses need different parsing (${[...kinds].join(", ")})`,
      {
        pointer: op.pointer,
      },
    );
  }
  const parseAs = [...kinds][0];
  if (parseAs && parseAs !== "json") defaults.push(`parseAs: ${stringLiteral(parseAs)}`);
  if (params.length > 0) after.push(`params: { ${params.join(", ")} }`);
  if (op.body) {
    after.push("body: params.body");
    const { kind, mediaType } = op.body;
    if (kind === "multipart-mixed") {
      before.push("const boundary = multipartBoundary();");
      defaults.push("bodySerializer: (body: unknown) => multipartBody(body, boundary)");
      after.push(
        `headers: mergeHeaders({ "Content-Type": \`${mediaType.split(";")[0]}; boundary=\${boundary}\` }, init?.headers)`,
      );
    } else if (kind === "multipart-form") {
      defaults.push("bodySerializer: (body: unknown) => formDataBody(body)");
    } else if (kind !== "json") {
      if (kind === "text" || kind === "binary")
        defaults.push("bodySerializer: (body: unknown) => body");
      after.push(
        `headers: mergeHeaders({ "Content-Type": ${stringLiteral(mediaType)} }, init?.headers)`,
      );
    }
  }
  const fields = [...defaults, "...init", ...after];
  return [
    ...before,
    `return client.${op.method}(${stringLiteral(op.path)}, { ${fields.join(", ")} });`,
  ];
}
