/**
 * cli-undeclared-operations (semantic)
 *
 * What is wrong: the official CLI calls operations that no spec version declares, so a generated
 * client cannot reach them: app import (and its dry-run diff), the app description, the generated
 * client data models, and the dependency upload, status, archive, export and diff.
 *
 * Evidence: the CLI's request and response code in `internal/cloud/realm/` (paths, methods, query
 * parameters, bodies, expected statuses, response structs) and its tests against a real server
 * (statuses `created`/`successful`, `node_modules.zip`, `package.json`).
 *
 * Repair: each operation is added in the spec's style (operationId `admin…`, tag, the shared
 * `GroupId`/`AppId` parameters) with its response schemas as components (cli-schemas.ts); each is
 * skipped when already declared.
 * Touches: `#/paths/<path>/<method>` of each operation in cli-operations.ts, and the components
 * `AppDescription`, `ClientSchemaModel`, `DependenciesStatus`, `DependenciesDiff`.
 */
import { fact } from "../evidence.js";
import { isObject, type JsonObject } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { CLI_OPERATIONS } from "./cli-operations.js";
import { CLI_SCHEMAS } from "./cli-schemas.js";
import { APP_PATH, hasParameter, pathItemAt } from "./shared.js";

const targetOf = (o: (typeof CLI_OPERATIONS)[number]) =>
  childPointer("#/paths", `${APP_PATH}${o.path}`, o.method);

export const cliUndeclaredOperations: Repair = {
  id: "cli-undeclared-operations",
  defects: ["operation-undeclared"],
  title:
    "Declare the app import, description, client data models and dependency operations the official CLI calls",
  inPinned: true,
  facts: CLI_OPERATIONS.map((o) =>
    fact(
      targetOf(o),
      `${o.method.toUpperCase()} ${o.path} added (${String(o.operation.operationId)})`,
      o.evidence,
    ),
  ),
  apply(doc, ctx) {
    if (!pathItemAt(doc, `${APP_PATH}/export`) && !pathItemAt(doc, APP_PATH)) return;
    const paths = doc.paths as JsonObject;
    for (const o of CLI_OPERATIONS) {
      const path = `${APP_PATH}${o.path}`;
      if (isObject(pathItemAt(doc, path)?.[o.method])) continue;
      addSchemas(doc, o.operation);
      const item = pathItemAt(doc, path) ?? (paths[path] = { parameters: appParameters(doc) });
      item[o.method] = structuredClone(o.operation);
      ctx.fixed(targetOf(o), `added ${o.operation.operationId as string}`);
    }
  },
};

/** `GroupId` and `AppId` as the spec's shared component parameters, or inline where it has none. */
function appParameters(doc: JsonObject): unknown[] {
  return ["groupId", "appId"].map((name) => {
    const component = name[0]!.toUpperCase() + name.slice(1);
    return hasParameter(doc as never, component)
      ? { $ref: `#/components/parameters/${component}` }
      : { name, in: "path", required: true, schema: { type: "string" } };
  });
}

/** Adds the component schemas an operation refers to, unless a schema of that name exists. */
function addSchemas(doc: JsonObject, operation: JsonObject): void {
  const refs = JSON.stringify(operation).match(/#\/components\/schemas\/\w+/g) ?? [];
  if (refs.length === 0) return;
  const components = isObject(doc.components) ? doc.components : (doc.components = {});
  const schemas = isObject(components.schemas) ? components.schemas : (components.schemas = {});
  for (const name of new Set(refs.map((r) => r.split("/").pop()!))) {
    if (!isObject(schemas[name]) && CLI_SCHEMAS[name])
      schemas[name] = structuredClone(CLI_SCHEMAS[name]);
  }
}
