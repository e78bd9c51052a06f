/**
 * Type tests of the semantic repairs (spec/EVIDENCE.md), one block per item of issue 13, over the
 * generated client. `npm run typecheck` checks them under TypeScript 5.9 and 7: each
 * `@ts-expect-error` fails the check if the line below it ever compiles. At run time vitest only
 * confirms the file loads.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { AdminNamespaces } from "../../generated/client.js";
import type {
  ApiKey,
  AppInstance,
  CustomJwtAuthProvider,
  CustomResolver,
  Deployment,
  DeploymentDraft,
  GoogleAuthProvider,
  LogsPartsClientLog,
  LogsTriggerFailure,
  Message,
  ReadPreferencesTagSet,
} from "../../generated/models.js";
import type * as apikeys from "../../generated/operations/apikeys.js";
import type * as dependencies from "../../generated/operations/dependencies.js";
import type * as functions from "../../generated/operations/functions.js";
import type * as triggers from "../../generated/operations/triggers.js";
import type * as values from "../../generated/operations/values.js";

const app = { groupId: "g", appId: "a" };

/** Never called: its body is only type-checked. */
async function calls(admin: AdminNamespaces) {
  // request-body-missing: the updates send the resource.
  await admin.functions.updateFunction({
    ...app,
    functionId: "f",
    body: { name: "sum", source: "exports = (a, b) => a + b;" },
  });
  await admin.values.updateValue({ ...app, valueId: "v", body: { name: "x", value: 2 } });
  await admin.notifications.updateMessage({
    ...app,
    messageId: "m",
    body: { label: "l", message: "hi", topic: "t", state: "draft" },
  });
  await admin.services.updateService({ ...app, serviceId: "s", body: { name: "svc" } });
  await admin.services.runCommand({ ...app, serviceId: "s", commandName: "list_databases" });
  await admin.services.runCommand({
    ...app,
    serviceId: "s",
    commandName: "list_collections",
    body: { database_name: "db" },
  });
  // @ts-expect-error an update still needs its body
  await admin.functions.updateFunction({ ...app, functionId: "f" });

  // exactly-one-of-parameters: user_id or run_as_system, never both, never neither.
  const run = { name: "sum", arguments: [1, { a: [true, null] }, "x"] };
  await admin.functions.executeFunction({ ...app, user_id: "u", body: run });
  await admin.functions.executeFunction({ ...app, run_as_system: true, body: run });
  // @ts-expect-error both user_id and run_as_system
  await admin.functions.executeFunction({ ...app, user_id: "u", run_as_system: true, body: run });
  // @ts-expect-error neither user_id nor run_as_system
  await admin.functions.executeFunction({ ...app, body: run });
  // @ts-expect-error the same for the source variant
  await admin.functions.executeFunctionSource({ ...app, body: { source: "exports = 1" } });

  // over-required-properties: what the API does without is optional.
  await admin.triggers.createTrigger({
    ...app,
    body: {
      name: "onInsert",
      type: "DATABASE",
      function_id: "f",
      config: { service_id: "s", operation_types: ["INSERT"], database: "db", collection: "c" },
    },
  });
  await admin.services.createService({
    ...app,
    body: { name: "mongodb-atlas", type: "mongodb-atlas", config: { clusterName: "Cluster0" } },
  });
  await admin.logForwarders.createLogForwarder({
    ...app,
    body: {
      name: "f",
      log_types: ["function"],
      log_statuses: ["error"],
      policy: { type: "single" },
      action: { type: "function", name: "forward" },
    },
  });
  await admin.values.createValue({ ...app, body: { name: "only-a-name" } });

  // placeholder-enum: tag sets are documents of tags.
  const tags: ReadPreferencesTagSet = { region: "east", nodeType: "ANALYTICS" };
  // @ts-expect-error a tag set is not one of the old placeholder strings
  const placeholder: ReadPreferencesTagSet = "server1";
  void [tags, placeholder];

  // undeclared-query-parameters: the users list filters.
  await admin.users.listUsers({
    ...app,
    status: "disabled",
    provider_types: "local-userpass,api-key",
  });
  // @ts-expect-error status is enabled or disabled
  await admin.users.listUsers({ ...app, status: "pending" });

  // server-assigned-ids: a create body never needs the `_id` the server assigns.
  await admin.graphql.createCustomResolver({
    ...app,
    body: { on_type: "Query", field_name: "total", function_id: "f" },
  });
  await admin.graphql.createCustomResolver({
    ...app,
    // @ts-expect-error nor may it set it
    body: { _id: "r", on_type: "Query", field_name: "total", function_id: "f" },
  });
  // A fetched resolver goes back without its read-only _id (the body types it `?: never`).
  const { _id, ...resolver } = await admin.graphql.getCustomResolver({
    ...app,
    customResolverId: "r",
  });
  await admin.graphql.modifyCustomResolver({
    ...app,
    customResolverId: _id,
    body: { ...resolver, on_type: "Mutation" },
  });

  // Create -> update without a cast, the docs' workflow.
  const value = await admin.values.createValue({ ...app, body: { name: "n", value: 1 } });
  await admin.values.updateValue({ ...app, valueId: value._id, body: { name: "n", value: 2 } });
  const [draft] = await admin.deploy.listDeploymentDrafts(app);
  if (draft) await admin.deploy.deployDraft({ ...app, draftId: draft._id });

  // cli-undeclared-operations.
  const diff = await admin.apps.importApplication({
    ...app,
    strategy: "replace-by-name",
    diff: true,
    body: { name: "myapp" },
  });
  const description = await admin.apps.getAppDescription(app);
  const models = await admin.sync.getClientSchemas({ ...app, language: "TYPE_SCRIPT" });
  const status = await admin.dependencies.getDependenciesStatus(app);
  const archive = await admin.dependencies.exportDependenciesArchive(app);
  const exported = await admin.dependencies.exportDependencies(app);
  const file = new Blob(["{}"]);
  await admin.dependencies.importDependencies({ ...app, body: { file } });
  const depsDiff = await admin.dependencies.diffDependencies({ ...app, body: { file } });
  // @ts-expect-error not a client language
  await admin.sync.getClientSchemas({ ...app, language: "RUST" });
  return { diff, description, models, status, archive, exported, depsDiff };
}

describe("semantic repairs, as types", () => {
  it("type-checks the calls above (see npm run typecheck)", () => {
    expectTypeOf(calls).toBeFunction();
  });

  it("types the server-assigned _id of results as a string, always present", () => {
    expectTypeOf<values.CreateValueResult["_id"]>().toEqualTypeOf<string>();
    expectTypeOf<DeploymentDraft["_id"]>().toEqualTypeOf<string>();
    expectTypeOf<Deployment["_id"]>().toEqualTypeOf<string>();
    expectTypeOf<AppInstance["_id"]>().toEqualTypeOf<string>();
    expectTypeOf<CustomResolver["_id"]>().toEqualTypeOf<string>();
    expectTypeOf<Message["_id"]>().toEqualTypeOf<string>();
    expectTypeOf<functions.CreateFunctionResult["_id"]>().toEqualTypeOf<string>();
  });

  it("lets an app have no environment, as the docs' list example shows", () => {
    expectTypeOf<"">().toMatchTypeOf<NonNullable<AppInstance["environment"]>>();
    expectTypeOf<"production">().toMatchTypeOf<NonNullable<AppInstance["environment"]>>();
  });

  it("types function arguments and results as any JSON value", () => {
    expectTypeOf<
      NonNullable<functions.ExecuteFunctionParams["body"]["arguments"]>[number]
    >().toBeUnknown();
    expectTypeOf<functions.ExecuteFunctionResult["result"]>().toBeUnknown();
  });

  it("types fields by their evidence, not their upstream declaration", () => {
    expectTypeOf<ApiKey["disabled"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<apikeys.CreateApiKeyResult["disabled"]>().toEqualTypeOf<boolean | undefined>();
    type JwtConfig = NonNullable<CustomJwtAuthProvider["config"]>;
    expectTypeOf<JwtConfig["requireAnyAudience"]>().toEqualTypeOf<boolean | undefined>();
    type GoogleField = NonNullable<GoogleAuthProvider["metadata_fields"]>[number];
    expectTypeOf<GoogleField>().toMatchTypeOf<{ required?: boolean; name?: string }>();
    expectTypeOf<LogsTriggerFailure["event_subscription_id"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<LogsPartsClientLog["sdk_version"]>().toEqualTypeOf<string | undefined>();
  });

  it("types a deleted trigger's answer as an object, not unknown", () => {
    expectTypeOf<triggers.DeleteTriggerResult>().toEqualTypeOf<Record<string, unknown>>();
  });

  it("types the CLI's operations from its response structs", () => {
    expectTypeOf<dependencies.ExportDependenciesArchiveResult>().toEqualTypeOf<Blob>();
    expectTypeOf<dependencies.GetDependenciesStatusResult["status"]>().toEqualTypeOf<
      "created" | "successful" | "failed" | undefined
    >();
  });
});
