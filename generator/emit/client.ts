import {
  StructureKind,
  VariableDeclarationKind,
  Writers,
  type SourceFileStructure,
} from "ts-morph";
import type { ApiModel, OperationModel } from "../model/types.js";
import { CLIENT_CONTRACT } from "./client-contract.js";
import { jsDoc } from "./jsdoc.js";
import { tagFileName } from "./tag-file.js";
import { memberAccess, propertyKey, stringLiteral } from "./ts-syntax.js";
import { sourceFile, type Statement } from "./source-file.js";

/**
 * `client.ts`: the runtime contract (OperationInfo, Operation, Invoke, ...), the sorted
 * `operations` table (the tag files' descriptors), the `AdminNamespaces` type and
 * `createNamespaces(client, invoke)`, which binds every operation of every namespace to a client
 * through the runtime's `invoke`. A corrected name keeps its upstream
 * name as a deprecated alias bound to the same operation.
 */
export function clientFile(model: ApiModel): SourceFileStructure {
  const byNamespace = (ns: string) => model.operations.filter((op) => op.namespace === ns);
  const statements: Statement[] = [
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "openapi-fetch",
      namedImports: ["Client", "HeadersOptions", "Middleware", "ParseAs", "QuerySerializerOptions"],
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "./schema.js",
      namedImports: ["paths"],
    },
    ...model.namespaces.map(({ namespace }) => ({
      kind: StructureKind.ImportDeclaration as const,
      namespaceImport: namespace,
      moduleSpecifier: `./${tagFileName(namespace).replace(/\.ts$/, ".js")}`,
    })),
    CLIENT_CONTRACT,
    `const info = {\n${model.operations.map((op) => `${propertyKey(op.operationId)}: ${op.namespace}.${op.typeStem},`).join("\n")}\n} satisfies Record<string, OperationInfo>;`,
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [jsDoc(["Every operation, sorted by namespace then operationId."])!],
      declarations: [
        {
          name: "operations",
          type: "readonly OperationInfo[]",
          initializer: "Object.values(info)",
        },
      ],
    },
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: "AdminNamespaces",
      docs: [
        jsDoc([
          "One namespace per spec tag, one method per operation (see `generator/naming.ts`).",
        ])!,
      ],
      properties: model.namespaces.map(({ namespace, tag, description }) => ({
        name: namespace,
        docs: [jsDoc([description, `Operations tagged \`${tag}\`.`])!],
        type: Writers.objectType({ methods: byNamespace(namespace).flatMap(methodSignatures) }),
      })),
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: "createNamespaces",
      docs: [
        jsDoc([
          "Binds every generated operation to `client`; each call goes through the runtime's `invoke`.",
        ])!,
      ],
      parameters: [
        { name: "client", type: "Client<paths>" },
        { name: "invoke", type: "Invoke" },
      ],
      returnType: "AdminNamespaces",
      statements: [
        BIND,
        ...(model.operations.some((op) => op.accepts) ? [BIND_ACCEPT] : []),
        `return {\n${model.namespaces
          .map(
            ({ namespace }) =>
              `${namespace}: {\n${byNamespace(namespace).flatMap(methodBindings).join("\n")}\n},`,
          )
          .join("\n")}\n};`,
      ],
    },
  ];
  return sourceFile(statements);
}

/**
 * One closure per operation instead of one per call site keeps client.ts small. A missing params
 * object becomes `{}`: only operations whose parameters are all optional allow leaving it out.
 */
const BIND = `function bind<P extends Readonly<Record<string, unknown>>, R>(operation: Operation<P, R>) {
  return (params?: P, options?: CallOptions): Promise<R> => {
    const given = params ?? ({} as P);
    return invoke<R>(operation, given, (init) => operation.send(client, given, init), options);
  };
}`;

/**
 * The same for an operation whose caller picks the response media type: the runtime sends
 * \`options.accept\` and parses by it, which the generic signature states for the types.
 */
const BIND_ACCEPT = `function bindAccept<P extends Readonly<Record<string, unknown>>, R, A>(operation: Operation<P, R, A>) {
  return bind(operation) as <K extends keyof A>(params: P, options?: CallOptions & AcceptOption<K>) => Promise<A[K]>;
}`;

/** The method and, for a corrected name, its deprecated alias, as AdminNamespaces members. */
function methodSignatures(op: OperationModel) {
  const where = `\`${op.method} ${op.path}\` (operationId \`${op.operationId}\`); see {@link ${op.namespace}.${op.name}}.`;
  const byAccept = `${op.namespace}.${op.typeStem}ResultByAccept`;
  const signature = (name: string, tags: { tagName: string; text?: string }[]) => ({
    name,
    docs: [jsDoc([op.summary, where], tags)!],
    // Several response media types: `options.accept` picks one, and the result type follows.
    ...(op.accepts
      ? {
          typeParameters: [
            {
              name: "K",
              constraint: `keyof ${byAccept}`,
              default: stringLiteral(op.accepts[0]!.mediaType),
            },
          ],
        }
      : {}),
    parameters: [
      {
        name: "params",
        type: `${op.namespace}.${op.typeStem}Params`,
        hasQuestionToken: op.paramsOptional,
      },
      {
        name: "options",
        type: op.accepts ? "CallOptions & AcceptOption<K>" : "CallOptions",
        hasQuestionToken: true,
      },
    ],
    returnType: op.accepts
      ? `Promise<${byAccept}[K]>`
      : `Promise<${op.namespace}.${op.typeStem}Result>`,
  });
  const deprecated = op.deprecated
    ? [{ tagName: "deprecated", text: "Deprecated in the API spec." }]
    : [];
  const methods = [signature(op.name, deprecated)];
  if (op.deprecatedAlias) {
    const text = `Use \`${op.namespace}.${op.name}\` (${op.aliasReason}).`;
    methods.push(signature(op.deprecatedAlias, [{ tagName: "deprecated", text }]));
  }
  return methods;
}

function methodBindings(op: OperationModel): string[] {
  const bound = `${op.accepts ? "bindAccept" : "bind"}(${memberAccess("info", op.operationId)}),`;
  return [op.name, op.deprecatedAlias]
    .filter((n): n is string => !!n)
    .map((name) => `${name}: ${bound}`);
}
