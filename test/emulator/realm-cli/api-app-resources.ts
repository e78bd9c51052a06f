/**
 * Drafts, deployments, secrets, the access list, functions, logs and schema models, as realm-cli's
 * `draft.go`, `deployment.go`, `secrets.go`, `access_list.go`, `function.go`, `logs.go` and
 * `schema.go` request them.
 */
import type { RealmClient } from "./client.js";
import { appPath } from "./api-apps.js";
import * as shapes from "./shapes.js";

/** `realm.ErrDraftNotFound`. */
export class DraftNotFoundError extends Error {
  override name = "DraftNotFoundError";
  constructor() {
    super("failed to find draft");
  }
}

/** The app a call is about, and the client that makes it. */
export interface AppRef {
  client: RealmClient;
  groupId: string;
  appId: string;
}

const path = ({ groupId, appId }: AppRef, suffix: string) => appPath(groupId, appId) + suffix;

/** `CreateDraft`: `POST .../drafts` without a body, 201. */
export const createDraft = (app: AppRef) =>
  app.client.json("create draft", 201, shapes.AppDraft, "POST", path(app, "/drafts"));

/** `Draft`: `GET .../drafts`, 200, an array that must hold exactly one draft. */
export async function draft(app: AppRef) {
  const drafts = await app.client.json(
    "get drafts",
    200,
    { array: shapes.AppDraft },
    "GET",
    path(app, "/drafts"),
  );
  if (drafts?.length !== 1) throw new DraftNotFoundError();
  return drafts[0];
}

/** `DeployDraft`: `POST .../drafts/{id}/deployment` without a body, 201. */
export const deployDraft = (app: AppRef, draftId: string) =>
  app.client.json(
    "deploy draft",
    201,
    shapes.AppDeployment,
    "POST",
    path(app, `/drafts/${draftId}/deployment`),
  );

/** `DiffDraft`: `GET .../drafts/{id}/diff`, 200. */
export const diffDraft = (app: AppRef, draftId: string) =>
  app.client.json(
    "diff draft",
    200,
    shapes.AppDraftDiff,
    "GET",
    path(app, `/drafts/${draftId}/diff`),
  );

/** `AppDraftDiff.Len`: every listed change, hosting, dependency, GraphQL and schema ones included. */
export function diffLength(diff: any): number {
  const n = (list: unknown[] | undefined) => list?.length ?? 0;
  const { hosting_files_diff: h, dependencies_diff: d } = diff;
  const { graphql_config_diff: g, schema_options_diff: s } = diff;
  return (
    n(diff.diffs) +
    n(h.added) +
    n(h.deleted) +
    n(h.modified) +
    n(d.added) +
    n(d.deleted) +
    n(d.modified) +
    n(g.field_diffs) +
    n(s.graphql_validation_diff) +
    n(s.rest_validation_diff)
  );
}

/** `DiscardDraft`: `DELETE .../drafts/{id}`, 204. */
export const discardDraft = (app: AppRef, draftId: string) =>
  app.client.send("discard draft", 204, "DELETE", path(app, `/drafts/${draftId}`));

/** `Deployments`: `GET .../deployments`, 200. */
export const deployments = (app: AppRef) =>
  app.client.json(
    "get deployments",
    200,
    { array: shapes.AppDeployment },
    "GET",
    path(app, "/deployments"),
  );

/** `Deployment`: `GET .../deployments/{id}`, 200. */
export const deployment = (app: AppRef, deploymentId: string) =>
  app.client.json(
    "get deployment",
    200,
    shapes.AppDeployment,
    "GET",
    path(app, `/deployments/${deploymentId}`),
  );

/** `Secrets`: `GET .../secrets`, 200. */
export const secrets = (app: AppRef) =>
  app.client.json("secrets", 200, { array: shapes.Secret }, "GET", path(app, "/secrets"));

/** `CreateSecret`: `POST .../secrets` with `{name, value}`, 201. */
export const createSecret = (app: AppRef, name: string, value: string) =>
  app.client.json("create secret", 201, shapes.Secret, "POST", path(app, "/secrets"), {
    json: { name, value },
  });

/** `UpdateSecret`: `PUT .../secrets/{id}` with `{name, value}`, 204. */
export const updateSecret = (app: AppRef, secretId: string, name: string, value: string) =>
  app.client.send("update secret", 204, "PUT", path(app, `/secrets/${secretId}`), {
    json: { name, value },
  });

/** `DeleteSecret`: `DELETE .../secrets/{id}`, 204. */
export const deleteSecret = (app: AppRef, secretId: string) =>
  app.client.send("delete secret", 204, "DELETE", path(app, `/secrets/${secretId}`));

const accessList = "/security/access_list";

/** `AllowedIPs`: `GET .../security/access_list`, 200, `{allowed_ips: [...]}`. */
export const allowedIps = async (app: AppRef) =>
  (await app.client.json("get allowed ips", 200, shapes.AccessList, "GET", path(app, accessList)))
    .allowed_ips;

/** `AllowedIPCreate`: `POST .../security/access_list` with `{address, comment?, use_current?}`, 201. */
export const allowedIpCreate = (
  app: AppRef,
  address: string,
  comment: string,
  useCurrent: boolean,
) =>
  app.client.json("create allowed ip", 201, shapes.AllowedIP, "POST", path(app, accessList), {
    json: { address, ...(comment && { comment }), ...(useCurrent && { use_current: true }) },
  });

/** `AllowedIPUpdate`: `PATCH .../security/access_list/{id}` with `{address, comment?}`, 200. */
export const allowedIpUpdate = (app: AppRef, id: string, address: string, comment: string) =>
  app.client.send("update allowed ip", 200, "PATCH", path(app, `${accessList}/${id}`), {
    json: { address, ...(comment && { comment }) },
  });

/** `AllowedIPDelete`: `DELETE .../security/access_list/{id}`, 204. */
export const allowedIpDelete = (app: AppRef, id: string) =>
  app.client.send("delete allowed ip", 204, "DELETE", path(app, `${accessList}/${id}`));

/** `Functions`: `GET .../functions`, 200. */
export const functions = (app: AppRef) =>
  app.client.json(
    "list functions",
    200,
    { array: shapes.Function },
    "GET",
    path(app, "/functions"),
  );

/**
 * `AppDebugExecuteFunction`: `POST .../debug/execute_function?run_as_system=true` (or
 * `?user_id=`) with `{name, arguments}`, 200. Go marshals a nil argument list as `null`.
 */
export const executeFunction = (
  app: AppRef,
  userId: string,
  name: string,
  args: unknown[] | null,
) =>
  app.client.json(
    "debug execute function",
    200,
    shapes.ExecutionResults,
    "POST",
    path(app, "/debug/execute_function"),
    {
      query: userId === "" ? { run_as_system: "true" } : { user_id: userId },
      json: { name, arguments: args },
    },
  );

/** `Logs` with empty options: `GET .../logs` without a query, 200, `{logs: [...]}`. */
export const logs = async (app: AppRef) =>
  (await app.client.json("get logs", 200, shapes.Logs, "GET", path(app, "/logs"))).logs;

/** `SchemaModels`: `GET .../sync/client_schemas/{language}`, 200. */
export const schemaModels = (app: AppRef, language: string) =>
  app.client.json(
    "get schema models",
    200,
    shapes.SchemaModels,
    "GET",
    path(app, `/sync/client_schemas/${language}`),
  );
