import type { ApiModel, OperationModel } from "../model/types.js";
import { operationDoc } from "./jsdoc.js";
import { tagFileName } from "./tag-file.js";
import { importLine, jsDoc, signature } from "./text.js";
import { stringLiteral } from "./ts-syntax.js";

/**
 * `client.ts`: the sorted `operations` table (the tag files' descriptors), the `AdminNamespaces`
 * type and `createNamespaces(client, invoke)`, which binds every operation of every namespace to
 * a client through the runtime's `invoke`. A corrected name keeps its upstream name as a
 * deprecated alias bound to the same operation. The contract types are re-exported from
 * contract.ts.
 */
export function clientFile(model: ApiModel): string {
  const byNamespace = (ns: string) => model.operations.filter((op) => op.namespace === ns);
  const anyAccept = model.operations.some((op) => op.accepts);
  const contract = [
    "sendOperation",
    ...(anyAccept ? ["type AcceptOption"] : []),
    "type CallOptions",
    "type Invoke",
    "type Operation",
    "type OperationClient",
    "type OperationInfo",
    "type OperationInit",
  ];
  const imports =
    importLine(contract, "./contract.js") +
    model.namespaces
      .map(({ namespace }) => `import * as ${namespace} from "./${jsPath(namespace)}";\n`)
      .join("");
  const table =
    jsDoc("", ["Every operation, sorted by namespace then operationId."]) +
    `export const operations: readonly OperationInfo[] = [\n${model.operations
      .map((op) => `  ${op.namespace}.${op.typeStem},\n`)
      .join("")}];\n`;
  const namespaces =
    jsDoc("", [
      "One namespace per spec tag, one method per operation (see `generator/naming.ts`).",
    ]) +
    `export interface AdminNamespaces {\n${model.namespaces
      .map(
        ({ namespace, tag, description }) =>
          jsDoc("  ", [description, `Operations tagged \`${tag}\`.`]) +
          `  ${namespace}: {\n${byNamespace(namespace).flatMap(methodSignatures).join("")}  };\n`,
      )
      .join("")}}\n`;
  const create =
    jsDoc("", [
      "Binds every generated operation to `client`; each call goes through the runtime's `invoke`.",
    ]) +
    signature(
      "",
      "export function createNamespaces",
      ["client: OperationClient", "invoke: Invoke"],
      ": AdminNamespaces",
      " {",
    ) +
    BIND +
    (anyAccept ? BIND_ACCEPT : "") +
    `  return {\n${model.namespaces
      .map(
        ({ namespace }) =>
          `    ${namespace}: {\n${byNamespace(namespace).flatMap(methodBindings).join("")}    },\n`,
      )
      .join("")}  };\n}\n`;
  return [imports, REEXPORT, table, namespaces, create].join("\n");
}

const REEXPORT =
  "export type {\n" +
  [
    "AcceptOption",
    "CallOptions",
    "FetchResult",
    "FetchResultLike",
    "Invoke",
    "Operation",
    "OperationClient",
    "OperationInfo",
    "OperationInit",
  ]
    .map((n) => `  ${n},\n`)
    .join("") +
  '} from "./contract.js";\n';

/**
 * One closure per operation instead of one per call site keeps client.ts small. A missing params
 * object becomes `{}`: only operations whose parameters are all optional allow leaving it out.
 */
const BIND = `  function bind<P, R>(operation: Operation<P, R>) {
    return (params?: P, options?: CallOptions): Promise<R> => {
      const given = (params ?? {}) as Readonly<Record<string, unknown>>;
      const send = (init?: OperationInit) => sendOperation(client, operation, given, init);
      return invoke<R>(operation, given, send, options);
    };
  }
`;

/**
 * The same for an operation whose caller picks the response media type: the runtime sends
 * \`options.accept\` and parses by it, which the generic signature states for the types.
 */
const BIND_ACCEPT = `  function bindAccept<P, R, A>(operation: Operation<P, R, A>) {
    return bind(operation) as <K extends keyof A>(
      params: P,
      options?: CallOptions & AcceptOption<K>,
    ) => Promise<A[K]>;
  }
`;

/** The method and, for a corrected name, its deprecated alias, as AdminNamespaces members. */
function methodSignatures(op: OperationModel): string[] {
  const see = `; see {@link ${op.namespace}.${op.name}}.`;
  const byAccept = `${op.namespace}.${op.typeStem}ResultByAccept`;
  const typeParams = op.accepts
    ? `<K extends keyof ${byAccept} = ${stringLiteral(op.accepts[0]!.mediaType)}>`
    : "";
  const params = [
    `params${op.paramsOptional ? "?" : ""}: ${op.namespace}.${op.typeStem}Params`,
    `options?: CallOptions${op.accepts ? " & AcceptOption<K>" : ""}`,
  ];
  const ret = op.accepts
    ? `: Promise<${byAccept}[K]>`
    : `: Promise<${op.namespace}.${op.typeStem}Result>`;
  const method = (name: string, doc: string) =>
    doc + signature("    ", `${name}${typeParams}`, params, ret, ";");
  const methods = [method(op.name, operationDoc(op, "    ", see))];
  if (op.deprecatedAlias) {
    const text = `Use \`${op.namespace}.${op.name}\` (${op.aliasReason}).`;
    const doc = jsDoc(
      "    ",
      [op.summary, `\`${op.method} ${op.path}\` (operationId \`${op.operationId}\`)${see}`],
      [{ tag: "deprecated", text }],
    );
    methods.push(method(op.deprecatedAlias, doc));
  }
  return methods;
}

function methodBindings(op: OperationModel): string[] {
  const bound = `${op.accepts ? "bindAccept" : "bind"}(${op.namespace}.${op.typeStem}),`;
  return [op.name, op.deprecatedAlias]
    .filter((n): n is string => !!n)
    .map((name) => `      ${name}: ${bound}\n`);
}

function jsPath(namespace: string): string {
  return tagFileName(namespace).replace(/\.ts$/, ".js");
}
