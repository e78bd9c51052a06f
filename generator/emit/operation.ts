import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { GeneratorError } from "../errors.js";
import type { OperationModel } from "../model/types.js";
import { jsDoc, operationDoc } from "./jsdoc.js";
import { paramsType } from "./params-type.js";
import { parseAsOf, resultByAcceptType, resultType, successLabel } from "./result-type.js";
import { memberAccess, propertyKey, stringLiteral } from "./ts-syntax.js";

/**
 * The statements of one operation in its tag file: `XParams` (path and query parameters flat by
 * spec name, the body as `body`), `XResult` (the 2xx body, `undefined` where there is none) and
 * the thin function that calls the openapi-fetch client it is given and returns its result, and
 * `X`, the operation as a value (its facts and that function) for the runtime's `call`.
 */
export function operationStatements(op: OperationModel): StatementStructures[] {
  const ref = `operations[${stringLiteral(op.operationId)}]`;
  return [
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: `${op.typeStem}Params`,
      type: paramsType(op, ref),
      docs: [
        jsDoc([
          `Parameters of {@link ${op.name}}: path and query parameters by their spec names${op.body ? ", the request body as `body`" : ""}.`,
          ...(op.exactlyOneOf ?? []).map(
            (group) => `Give exactly one of ${group.map((n) => `\`${n}\``).join(", ")}.`,
          ),
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
    ...(op.accepts ? [resultByAcceptAlias(op, ref)] : []),
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
          type: `Operation<${op.typeStem}Params, ${op.typeStem}Result${op.accepts ? `, ${op.typeStem}ResultByAccept` : ""}>`,
          initializer: operationLiteral(op),
        },
      ],
    },
  ];
}

/** `XResultByAccept`, for an operation whose caller picks the response media type. */
function resultByAcceptAlias(op: OperationModel, ref: string): StatementStructures {
  return {
    kind: StructureKind.TypeAlias,
    isExported: true,
    name: `${op.typeStem}ResultByAccept`,
    type: resultByAcceptType(op, ref),
    docs: [
      jsDoc([
        `What {@link ${op.name}} resolves to for each media type it may be asked for (call option \`accept\`, sent as \`Accept\`; default \`${op.accepts![0]!.mediaType}\`).`,
      ])!,
    ],
  };
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
    ...(op.accepts
      ? [
          `accepts: { ${op.accepts.map((m) => `${stringLiteral(m.mediaType)}: ${stringLiteral(parseAsOf(m.kind))}`).join(", ")} }`,
        ]
      : []),
    `send: ${op.name}`,
  ];
  return `{ ${fields.join(", ")} }`;
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
  // Header defaults the caller's `init.headers` may override.
  const headers: string[] = [];
  const kinds = new Set(op.success.filter((r) => r.kind).map((r) => parseAsOf(r.kind!)));
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
      headers.push(`"Content-Type": \`${mediaType.split(";")[0]}; boundary=\${boundary}\``);
    } else if (kind === "multipart-form") {
      defaults.push("bodySerializer: (body: unknown) => formDataBody(body)");
    } else if (kind !== "json") {
      if (kind === "text" || kind === "binary")
        defaults.push("bodySerializer: (body: unknown) => body");
      headers.push(`"Content-Type": ${stringLiteral(mediaType)}`);
    }
  }
  // Several response media types: ask for the default one unless the caller asks otherwise.
  if (op.accepts) headers.push(`Accept: ${stringLiteral(op.accepts[0]!.mediaType)}`);
  if (headers.length > 0)
    after.push(`headers: mergeHeaders({ ${headers.join(", ")} }, init?.headers)`);
  const fields = [...defaults, "...init", ...after];
  return [
    ...before,
    `return client.${op.method}(${stringLiteral(op.path)}, { ${fields.join(", ")} });`,
  ];
}
