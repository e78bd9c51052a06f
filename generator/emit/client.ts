import type { ApiModel, OperationModel } from "../model/types.js";
import { operationDoc } from "./jsdoc.js";
import { PRINT_WIDTH } from "./prettier-layout.js";
import { tagFileName } from "./tag-file.js";
import { callText, importLine, jsDoc, signature } from "./text.js";
import { stringLiteral } from "./ts-syntax.js";

/**
 * `client.ts`: the `AdminNamespaces` type and `createNamespaces(invoke)`, which binds every
 * operation of every namespace to the runtime's `invoke`, importing a
 * namespace's module only when one of its methods is first called (so importing the package root
 * and creating a client load no operation module). A corrected name keeps its upstream name as a
 * deprecated alias bound to the same operation. The contract's types are re-exported.
 */
export function clientFile(model: ApiModel): string {
  const byNamespace = (ns: string) => model.operations.filter((op) => op.namespace === ns);
  const anyAccept = model.operations.some((op) => op.accepts);
  const contract = [
    ...(anyAccept ? ["type AcceptOption"] : []),
    "type CallOptions",
    "type Invoke",
    "type OperationInfo",
  ];
  const imports =
    importLine(contract, "./contract.js") +
    model.namespaces
      .map(({ namespace }) => `import type * as ${namespace} from "./${jsPath(namespace)}";\n`)
      .join("");
  const namespaces =
    jsDoc("", ["One namespace per spec tag, one method per operation (see `spec/naming.ts`)."]) +
    `export interface AdminNamespaces {\n${model.namespaces
      .map(
        ({ namespace, tag, description }) =>
          jsDoc("  ", [description, `Operations tagged \`${tag}\`.`]) +
          `  ${namespace}: {\n${byNamespace(namespace).flatMap(methodSignatures).join("")}  };\n`,
      )
      .join("")}}\n`;
  const table =
    jsDoc("", [
      "Each namespace: how to import its module, and its methods, space-separated, each with the\nname its operation's descriptor is exported under there: the method's own name with a capital\nfirst letter, else after an `=` (`deleteGwarder=DeleteLogForwarder`). A string rather than an\nobject literal: importing the root builds none of the namespaces' objects, and compiles less.",
    ]) +
    "const NAMESPACES: Readonly<Record<string, Namespace>> = {\n" +
    model.namespaces
      .map(({ namespace }) => {
        const load = `() => import("./${jsPath(namespace)}")`;
        const methods = stringLiteral(byNamespace(namespace).flatMap(methodEntries).join(" "));
        // Prettier's layout: on one line when it fits, else one element per line.
        const line = `  ${namespace}: [${load}, ${methods}],\n`;
        return line.length - 1 <= PRINT_WIDTH
          ? line
          : `  ${namespace}: [\n    ${load},\n    ${methods},\n  ],\n`;
      })
      .join("") +
    "};\n";
  const create =
    jsDoc("", [
      "Binds every generated operation to the runtime's `invoke`, which sends each call.\nA namespace's methods are bound when the namespace is first read, and its module is imported\non its first call, so creating a client builds no method and loads no operation module.",
    ]) +
    signature(
      "",
      "export function createNamespaces",
      ["invoke: Invoke"],
      ": AdminNamespaces",
      " {",
    ) +
    BIND +
    "  // Each method resolves to its operation's result, as AdminNamespaces states.\n" +
    "  return namespaces as unknown as AdminNamespaces;\n}\n";
  return [imports, REEXPORT, namespaces, TYPES + table, create].join("\n");
}

/**
 * `operation-table.ts`: every operation's descriptor in one sorted table, for tools that go
 * through all of them (the emulator, the conformance test). Importing it loads every operation
 * module, which the client itself never does.
 */
export function operationTableFile(model: ApiModel): string {
  const imports =
    importLine(["type OperationInfo"], "./contract.js") +
    model.namespaces
      .map(({ namespace }) => `import * as ${namespace} from "./${jsPath(namespace)}";\n`)
      .join("");
  // Array.of<OperationInfo>, not an array literal: a literal's type is the union of its
  // elements' types, and TypeScript reduces that union by comparing every descriptor type with
  // every other (each has its own parameter and result types), which cost more than all the
  // rest of generated/ together. Here each descriptor is only checked against OperationInfo.
  return (
    imports +
    "\n" +
    jsDoc("", ["Every operation, sorted by namespace then operationId."]) +
    callText(
      "",
      "export const operations: readonly OperationInfo[] = ",
      "Array.of<OperationInfo>",
      model.operations.map((op) => `${op.namespace}.${op.typeStem}`),
      ";",
    )
  );
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

const TYPES =
  "type Module = Record<string, unknown>;\n" +
  "type Namespace = readonly [load: () => Promise<Module>, methods: string];\n\n";

/**
 * The namespaces as accessors that bind their methods on first read and then stay as plain
 * properties (so a client that uses two tags builds two namespaces, not all of them, and a
 * namespace read twice is the same object). One closure per method, resolving its descriptor by
 * export name from the namespace's module, which is imported once, on the namespace's first call.
 * Once a method has its descriptor, calls go straight to `invoke`: no await of the loaded module,
 * no extra promise per call. A missing params object becomes `{}`: only operations whose
 * parameters are all optional allow leaving it out (see AdminNamespaces).
 */
const BIND = `  function call(
    info: OperationInfo,
    params?: Readonly<Record<string, unknown>>,
    options?: CallOptions,
  ) {
    return invoke<unknown>(info, params ?? {}, options);
  }
  function bind(module: () => Promise<Module>, name: string) {
    let operation: OperationInfo | undefined;
    return (params?: Readonly<Record<string, unknown>>, options?: CallOptions) =>
      operation
        ? call(operation, params, options)
        : module().then((loaded) =>
            call((operation = loaded[name] as OperationInfo), params, options),
          );
  }
  function build([load, methods]: Namespace): Module {
    let loaded: Promise<Module> | undefined;
    const once = () => (loaded ??= load());
    const namespace: Module = {};
    for (const entry of methods.split(" ")) {
      const [method, name = method[0]!.toUpperCase() + method.slice(1)] = entry.split("=") as [
        string,
        string?,
      ];
      namespace[method] = bind(once, name);
    }
    return namespace;
  }
  const namespaces: Module = {};
  for (const name in NAMESPACES) {
    const define = (value: unknown) =>
      Object.defineProperty(namespaces, name, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    Object.defineProperty(namespaces, name, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = build(NAMESPACES[name]!);
        define(value);
        return value;
      },
      set: define,
    });
  }
`;

/** The method and, for a corrected name, its deprecated alias, as AdminNamespaces members. */
function methodSignatures(op: OperationModel): string[] {
  const see = `; see {@link ${op.namespace}.${op.name}}.`;
  const byAccept = `${op.namespace}.${op.typeStem}ResultByAccept`;
  const typeParams = op.accepts
    ? [`K extends keyof ${byAccept} = ${stringLiteral(op.accepts[0]!.mediaType)}`]
    : [];
  const params = [
    `params${op.paramsOptional ? "?" : ""}: ${op.namespace}.${op.typeStem}Params`,
    `options?: CallOptions${op.accepts ? " & AcceptOption<K>" : ""}`,
  ];
  const ret = op.accepts
    ? `: Promise<${byAccept}[K]>`
    : `: Promise<${op.namespace}.${op.typeStem}Result>`;
  const method = (name: string, doc: string) =>
    doc + signature("    ", name, params, ret, ";", typeParams);
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

/**
 * The method's entry in its namespace's string (`listApps`, or `name=ExportName` for a deprecated
 * alias: an export is the method's name with a capital first letter, see `typeStem`). Names are
 * identifiers (checked by the model), so they hold no space or `=`.
 */
function methodEntries(op: OperationModel): string[] {
  const alias = op.deprecatedAlias ? [`${op.deprecatedAlias}=${op.typeStem}`] : [];
  return [op.name, ...alias];
}

function jsPath(namespace: string): string {
  return tagFileName(namespace).replace(/\.ts$/, ".js");
}
