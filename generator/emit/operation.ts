import type { MediaKind, OperationModel } from "../model/types.js";
import { paramsStatement } from "./params-type.js";
import { parseAsOf, resultByAcceptType, resultType, successLabel } from "./result-type.js";
import { arrayLiteral, jsDoc, signature, typeAlias } from "./text.js";
import { operationDoc } from "./jsdoc.js";
import { stringLiteral } from "./ts-syntax.js";
import { GeneratorError } from "../errors.js";

/**
 * The statements of one operation in its tag file: `XParams` (path and query parameters flat by
 * spec name, the body as `body`), `XResult` (the 2xx body, `undefined` where there is none),
 * `XResultByAccept` where the caller may pick the response media type, the function that sends
 * it through an openapi-fetch client (explicitly typed, so the compiler need not match it against
 * openapi-fetch's path types) and `X`, the operation as a value for the runtime's `call`.
 */
export function operationStatements(op: OperationModel): string[] {
  const ref = `operations[${stringLiteral(op.operationId)}]`;
  const stem = op.typeStem;
  const statements = [
    jsDoc("", [
      `Parameters of {@link ${op.name}}.`,
      ...(op.exactlyOneOf ?? []).map(
        (group) => `Give exactly one of ${group.map((n) => `\`${n}\``).join(", ")}.`,
      ),
    ]) + paramsStatement(op, ref),
    jsDoc("", [`What {@link ${op.name}} resolves to (${successLabel(op.success)}).`]) +
      typeAlias(`${stem}Result`, resultType(op, ref)),
  ];
  if (op.accepts) {
    statements.push(
      jsDoc("", [
        `What {@link ${op.name}} resolves to for each media type it may be asked for (call option \`accept\`, default \`${op.accepts[0]!.mediaType}\`).`,
      ]) + `export type ${stem}ResultByAccept = ${resultByAcceptType(op, ref)};\n`,
    );
  }
  statements.push(
    operationDoc(op) +
      signature(
        "",
        `export function ${op.name}`,
        [
          "client: OperationClient",
          `params: ${stem}Params${op.paramsOptional ? " = {}" : ""}`,
          "init?: OperationInit",
        ],
        `: Promise<FetchResult<${stem}Result>>`,
        " {",
      ) +
      `  return sendOperation(client, ${stem}, params, init);\n}\n`,
  );
  statements.push(
    jsDoc("", [
      `{@link ${op.name}} as a value, for \`admin.call(${stem}, ...)\`: calls this one operation without binding them all (smaller bundles).`,
    ]) +
      `export const ${stem}: Operation<${stem}Params, ${stem}Result${op.accepts ? `, ${stem}ResultByAccept` : ""}> = {\n` +
      descriptorFields(op) +
      "};\n",
  );
  return statements;
}

/** The contract's encoder for each media kind the runtime does not send as it is or as JSON. */
export const ENCODERS: Partial<Record<MediaKind, string>> = {
  "multipart-mixed": "multipartEncoder",
  "multipart-form": "formDataEncoder",
};

/** The descriptor's `OperationInfo` facts, one per line. */
function descriptorFields(op: OperationModel): string {
  const names = (where: "path" | "query") =>
    op.parameters.filter((p) => p.in === where).map((p) => stringLiteral(p.name));
  const parse = new Set(op.success.filter((r) => r.kind).map((r) => parseAsOf(r.kind!)));
  if (parse.size > 1) {
    throw new GeneratorError(
      `${op.operationId}: its 2xx responses need different parsing (${[...parse].join(", ")})`,
      { pointer: op.pointer },
    );
  }
  const parseAs = [...parse][0];
  const field = (name: string, value: string) => `  ${name}: ${value},\n`;
  return [
    field("operationId", stringLiteral(op.operationId)),
    field("namespace", stringLiteral(op.namespace)),
    field("name", stringLiteral(op.name)),
    field("method", stringLiteral(op.method)),
    field("path", stringLiteral(op.path)),
    arrayLiteral("  ", "pathParams: ", names("path"), ","),
    arrayLiteral("  ", "queryParams: ", names("query"), ","),
    op.body ? field("requestMediaType", stringLiteral(op.body.mediaType)) : "",
    op.body && ENCODERS[op.body.kind] ? field("encodeBody", ENCODERS[op.body.kind]!) : "",
    parseAs && parseAs !== "json" ? field("parseAs", stringLiteral(parseAs)) : "",
    op.accepts
      ? `  accepts: {\n${op.accepts.map((m) => `    ${stringLiteral(m.mediaType)}: ${stringLiteral(parseAsOf(m.kind))},\n`).join("")}  },\n`
      : "",
  ].join("");
}
