/**
 * Every request of the official CLI (10gen/realm-cli@f1b1983 `internal/cloud/realm/*.go`) as a
 * typed SDK call: the method's path, its query and its body as Go marshals it, literally; and the
 * fields the CLI decodes from the answer read from the SDK's result type. `npm run typecheck` checks
 * it under TypeScript 5.9 and 7, without a cast; at run time vitest only confirms the file loads.
 * The emulator's side of the same requests is `test/emulator/realm-cli/`.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { AdminNamespaces } from "../../generated/client.js";

const app = { groupId: "g", appId: "a" };

/** Never called: its body is only type-checked. One block per Go file. */
async function calls(admin: AdminNamespaces) {
  // auth.go: Authenticate with an API key ({username, apiKey}, 200), AuthProfile (200; the CLI
  // reads roles[].group_id), the refresh (POST /auth/session with no body, 201, access_token).
  const session = await admin.admin.login({ body: { username: "pub", apiKey: "priv" } });
  const tokens: (string | undefined)[] = [session.access_token, session.refresh_token];
  const profile = await admin.admin.getAdminProfile();
  for (const role of profile.roles ?? [])
    expectTypeOf(role.group_id).toEqualTypeOf<string | undefined>();
  const refreshed = await admin.admin.createSession();
  tokens.push(refreshed.access_token);

  // app.go: CreateApp (createAppRequest: name and AppMeta with omitempty; data_source is the
  // dataSourceCluster of commands/app/create_inputs.go), 201, App; DeleteApp 204; FindApp 200;
  // getAppsForProduct: no query for "standard", ?product= for the others.
  const created = await admin.apps.createApplication({
    groupId: "g",
    body: {
      name: "todo",
      location: "US-VA",
      deployment_model: "GLOBAL",
      environment: "development",
      template_id: "web.mql.todo",
      data_source: {
        name: "mongodb-atlas",
        type: "mongodb-atlas",
        config: { clusterName: "Cluster0", readPreference: "primary", wireProtocolEnabled: false },
        version: 1,
      },
    },
  });
  await admin.apps.createApplication({ groupId: "g", body: { name: "plain" } });
  readApp(created);
  await admin.apps.deleteApplication(app);
  // pull: an app made from a template answers its template_id (commands/pull/command.go).
  const found = await admin.apps.getApplication(app);
  readApp(found);
  expectTypeOf(found.template_id).toEqualTypeOf<string | undefined>();
  for (const product of ["atlas", "data-api", "device-sync"] as const) {
    for (const listed of await admin.apps.listApplications({ groupId: "g", product })) {
      readApp(listed);
    }
  }
  await admin.apps.listApplications({ groupId: "g" });

  // app_description.go: 200, AppDescription.
  const description = await admin.apps.getAppDescription(app);
  expectTypeOf(description.client_app_id).toEqualTypeOf<string | undefined>();

  // draft.go: CreateDraft (no body, 201), DeployDraft (no body, 201, AppDeployment), DiffDraft
  // (200), DiscardDraft (204), Draft (GET /drafts, 200, a list).
  const draft = await admin.deploy.createDeploymentDraft(app);
  expectTypeOf(draft._id).toEqualTypeOf<string>();
  const deployed = await admin.deploy.deployDraft({ ...app, draftId: draft._id });
  readDeployment(deployed);
  const diff = await admin.deploy.deployDraftDiff({ ...app, draftId: draft._id });
  expectTypeOf(diff.diffs).toEqualTypeOf<string[] | undefined>();
  // diffs.go AppDraftDiff: the CLI counts the changes of all five parts.
  const parts = [
    diff.hosting_files_diff?.added,
    diff.dependencies_diff?.added?.map((d) => d.name),
    diff.dependencies_diff?.modified?.map((d) => d.previous_version),
    diff.graphql_config_diff?.field_diffs?.map((d) => d.field_name),
    diff.schema_options_diff?.graphql_validation_diff?.map((d) => d.updated),
    diff.schema_options_diff?.rest_validation_diff?.map((d) => d.previous),
  ];
  expectTypeOf(parts).toBeArray();
  await admin.deploy.discardDraft({ ...app, draftId: draft._id });
  for (const open of await admin.deploy.listDeploymentDrafts(app)) readId(open);

  // deployment.go: Deployments (200, list), Deployment (200).
  for (const d of await admin.deploy.listDeployments(app)) readDeployment(d);
  readDeployment(await admin.deploy.getDeployment({ ...app, deploymentId: "d" }));

  // secrets.go: list (200), create ({name, value}, 201, {_id, name}), update (PUT {name, value},
  // 204), delete (204).
  for (const s of await admin.secrets.getAllSecrets(app)) readNamed(s);
  readNamed(await admin.secrets.createSecret({ ...app, body: { name: "s", value: "v" } }));
  await admin.secrets.modifySecret({ ...app, secretId: "s", body: { name: "s", value: "w" } });
  await admin.secrets.deleteSecret({ ...app, secretId: "s" });

  // user.go: CreateAPIKey ({name}, 201, {_id, name, disabled, key}), CreateUser ({email,
  // password}, 201), get/delete/enable/disable/logout, the pending users, and the list filtered
  // by status and provider_types (comma-separated).
  const key = await admin.apikeys.createApiKey({ ...app, body: { name: "k" } });
  readNamed(key);
  expectTypeOf(key.disabled).toEqualTypeOf<boolean | undefined>();
  expectTypeOf(key.key).toEqualTypeOf<string | undefined>();
  readUser(await admin.users.createUser({ ...app, body: { email: "a@b.c", password: "secret" } }));
  readUser(await admin.users.getUser({ ...app, userId: "u" }));
  await admin.users.deleteUser({ ...app, userId: "u" });
  await admin.users.disableUser({ ...app, userId: "u" });
  await admin.users.enableUser({ ...app, userId: "u" });
  await admin.users.userLogout({ ...app, userId: "u" });
  for (const u of await admin.users.listUsers({
    ...app,
    status: "disabled",
    provider_types: "local-userpass,api-key",
  })) {
    readUser(u);
  }
  await admin.users.listPendingUsers(app);

  // hosting.go: list (?recursive=true, 200), upload (multipart/mixed: meta {appId, path, hash,
  // size, attrs} and file, 204), remove (?path=, 204), attributes (PATCH ?path= {attributes},
  // 204), cache (PUT {invalidate, path}, 204).
  for (const asset of await admin.hosting.getAllHostedAssets({ ...app, recursive: true })) {
    expectTypeOf(asset.path).toEqualTypeOf<string | undefined>();
  }
  await admin.hosting.uploadHostedAsset({
    ...app,
    body: {
      meta: {
        appId: "a",
        path: "/index.html",
        hash: "7785338f982ac81219ff0f3f5d1e8c5d",
        size: 12,
        attrs: [{ name: "Content-Type", value: "text/html" }],
      },
      file: new Uint8Array(12),
    },
  });
  await admin.hosting.deleteHostedAsset({ ...app, path: "/index.html" });
  await admin.hosting.updateHostedAsset({
    ...app,
    path: "/index.html",
    body: { attributes: [{ name: "Content-Language", value: "en" }] },
  });
  await admin.hosting.invalidateHostingCache({ ...app, body: { invalidate: true, path: "/*" } });

  // function.go: list (200, {_id, name}); AppDebugExecuteFunction (?run_as_system=true or
  // ?user_id=, {name, arguments}; a nil slice marshals as null), 200.
  for (const f of await admin.functions.listFunctions(app)) readNamed(f);
  await admin.functions.executeFunction({
    ...app,
    run_as_system: true,
    body: { name: "sum", arguments: [1, { a: [true] }] },
  });
  const run = await admin.functions.executeFunction({
    ...app,
    run_as_system: true,
    body: { name: "sum", arguments: [] },
  });
  // function run prints Logs and Error Logs (commands/function/run.go).
  expectTypeOf(run.logs).toEqualTypeOf<string[] | undefined>();
  expectTypeOf(run.error_logs).toEqualTypeOf<string[] | undefined>();
  await admin.functions.executeFunction({
    ...app,
    user_id: "u",
    body: { name: "sum", arguments: null },
  });

  // logs.go: ?type= (comma-joined), errors_only=true, start_date, end_date; 200 {logs}.
  const logs = await admin.logs.getLogs({
    ...app,
    type: "FUNCTION",
    errors_only: true,
    start_date: "2021-01-01T00:00:00Z",
    end_date: "2021-01-02T00:00:00.5Z",
  });
  for (const entry of logs.logs ?? []) expectTypeOf(entry).toBeObject();

  // schema.go: GET …/sync/client_schemas/{language}, 200.
  await admin.sync.getClientSchemas({ ...app, language: "TYPE_SCRIPT" });

  // access_list.go: list (200 {allowed_ips}), create ({address, comment?, use_current?}, 201),
  // update (PATCH {address, comment?}, 200), delete (204).
  const list = await admin.security.allowedIPAccessListGet(app);
  for (const ip of list.allowed_ips ?? [])
    expectTypeOf(ip.address).toEqualTypeOf<string | undefined>();
  await admin.security.allowedIPAccessListCreate({
    ...app,
    body: { address: "0.0.0.0", comment: "everyone" },
  });
  await admin.security.allowedIPAccessListCreate({
    ...app,
    body: { address: "", use_current: true },
  });
  await admin.security.allowedIPAccessListUpdate({
    ...app,
    ipId: "i",
    body: { address: "1.1.1.1" },
  });
  await admin.security.allowedIPAccessListDelete({ ...app, ipId: "i" });

  // import.go and export.go: POST …/import?strategy=replace-by-name[&diff=true] (204, or 200 with
  // []string); GET …/export?version=20210101&source_control=true (or &template=true), 200 zip.
  await admin.apps.importApplication({ ...app, strategy: "replace-by-name", body: { name: "a" } });
  const diffs = await admin.apps.importApplication({
    ...app,
    strategy: "replace-by-name",
    diff: true,
    body: {},
  });
  expectTypeOf(diffs).toEqualTypeOf<string[] | undefined>();
  await admin.apps.exportApplication({ ...app, version: "20210101", source_control: true });
  await admin.apps.exportApplication({ ...app, version: "20210101", template: true });

  // dependencies.go: PUT (multipart/form-data file, 204), status (200), archive/export (200, a
  // file), diff (multipart, 200).
  const zip = new Blob([new Uint8Array(4)]);
  await admin.dependencies.importDependencies({ ...app, body: { file: zip } });
  const status = await admin.dependencies.getDependenciesStatus(app);
  expectTypeOf(status.status).not.toBeNever();
  expectTypeOf(status.status_message).not.toBeNever();
  await admin.dependencies.exportDependenciesArchive(app);
  await admin.dependencies.exportDependencies(app);
  await admin.dependencies.diffDependencies({ ...app, body: { file: zip } });
}

function readId(v: { _id: string }): void {
  expectTypeOf(v._id).toEqualTypeOf<string>();
}
function readNamed(v: { _id: string; name?: string }): void {
  readId(v);
}
function readApp(v: {
  _id: string;
  client_app_id?: string;
  name?: string;
  domain_id?: string;
  group_id?: string;
  last_used?: number;
  last_modified?: number;
  product?: string;
}): void {
  readId(v);
}
function readDeployment(v: { _id: string; status?: string; status_error_message?: string }): void {
  readId(v);
}
function readUser(v: {
  _id: string;
  type?: string;
  disabled?: boolean;
  creation_date?: number;
  last_authentication_date?: number;
}): void {
  readId(v);
}

describe("the official CLI's requests as SDK calls", () => {
  it("type-checks (npm run typecheck)", () => {
    expectTypeOf(calls).toBeFunction();
  });
});
