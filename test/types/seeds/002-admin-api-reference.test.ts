/**
 * Seed 002 (docs): the Atlas App Services Admin API reference, as rendered (Redoc). Every curl
 * example and every "Request samples" block as a typed SDK call, type-checked by
 * `npm run typecheck` (TypeScript 5.9 and 7), without a cast. How the samples are read:
 * - path and query parameters the sample's operation requires are given as placeholders;
 * - a nested object or array the page shows folded (`{ }`, `[ ]`) is written empty where the
 *   schema allows it, else with the smallest content it requires (the spec's example when the
 *   sample says "Example");
 * - a binary field the page shows as `"string"` (the hosted file) is bytes.
 * The samples the SDK rejects are in `rejected`, each with `@ts-expect-error` and why.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { AppInstance } from "../../../generated/models.js";
import type * as admins from "../../../generated/operations/admin.js";
import type * as dataApis from "../../../generated/operations/data-api.js";
import type * as endpoints from "../../../generated/operations/endpoints.js";
import type * as graphqls from "../../../generated/operations/graphql.js";
import type * as triggers from "../../../generated/operations/triggers.js";
import { app, common, commonJson, coversSeed, type Example } from "./seed-examples.js";

const SEED = "002_770757291c930f1b.txt";
const service = { ...app, serviceId: "<serviceId>" };
const dataApi: dataApis.CreateDataApiConfigParams["body"] = {
  disabled: true,
  versions: [],
  return_type: "JSON",
  create_user_on_auth: true,
  run_as_user_id: "string",
  run_as_user_id_script_source: "string",
  validation_method: "NO_VALIDATION",
  secret_name: "string",
  can_evaluate: {},
};
const endpoint: endpoints.CreateEndpointParams["body"] = {
  route: "string",
  http_method: "GET",
  function_id: "string",
  validation_method: "NO_VALIDATION",
  secret_id: "string",
  return_type: "JSON",
  respond_result: true,
  fetch_custom_user_data: true,
  create_user_on_auth: true,
  disabled: true,
  _id: "string",
};
const environmentValue = { _id: "string", name: "string", last_modified: 0, values: {} };
const logForwarder = {
  name: "string",
  disabled: true,
  log_types: [],
  log_statuses: [],
  policy: {},
  action: {},
};
const rule = { _id: "string", roles: [], filters: [], database: "string", collection: "string" };
const schema = { metadata: {}, schema: {}, relationships: {} };
/** The sample's trigger, its folded `config` being the spec's DatabaseTrigger example. */
const trigger: triggers.CreateTriggerParams["body"] = {
  name: "onNewEmployee",
  type: "DATABASE",
  function_id: "5eea9ca4ca0e356e2c2a148a",
  config: {
    operation_types: ["INSERT"],
    database: "HR",
    collection: "employees",
    service_id: "5adeb649b8b998486770ae7c",
    match: {},
    project: {},
    full_document: true,
  },
};
const webhook = { name: "string", function_source: "string", respond_result: true, options: {} };

export const curls = {
  "41 GET /groups/{groupId}/apps: your Application ID is the _id": common.listApps,
  "71 POST /auth/providers/mongodb-cloud/login": common.login,
  "98 POST /auth/session: refresh the access token": (admin) => admin.admin.createSession(),
  "1340 POST …/drafts": common.createDraft,
  "1349 DELETE …/drafts/{draftId}": common.discardDraft,
  "1361 POST …/drafts/{draftId}/deployment": common.deployDraft,
  "1866 GET …/apps/{appId}: the app's region, cloud and client App ID": async (admin) => {
    const { client_app_id, deployment_model, provider_region } =
      await admin.apps.getApplication(app);
    return { client_app_id, deployment_model, provider_region };
  },
  "1871 GET …/data_api/config: the Data API versions": async (admin) =>
    (await admin.dataApi.getDataApiConfig(app)).versions,
  "2191 GET …/apps/{appId} (again, for endpoints)": (admin) => admin.apps.getApplication(app),
  "4211 GET …/logs: the first page": common.firstLogsPage,
  "4217 GET …/logs?end_date&skip: the next page": common.nextLogsPage,
} satisfies Record<string, Example>;

export const samples = {
  "139 POST /auth/providers/mongodb-cloud/login": (admin) =>
    admin.admin.login({ body: { username: "string", apiKey: "string" } }),
  "276 POST …/api_keys": (admin) =>
    admin.apikeys.createApiKey({ ...app, body: { name: "string" } }),
  "516 POST /groups/{groupId}/apps": (admin) =>
    admin.apps.createApplication({
      groupId: app.groupId,
      body: {
        name: "MyApp",
        provider_region: "aws-us-east-1",
        location: "US-VA",
        deployment_model: "GLOBAL",
        environment: "production",
        template_id: "string",
        data_source: {
          name: "mongodb-atlas",
          type: "mongodb-atlas",
          config: { clusterName: "Cluster0" },
        },
      },
    }),
  "810 PATCH …/push": (admin) =>
    admin.apps.pushAppConfiguration({
      ...app,
      body: {
        name: "string",
        provider_region: "aws-us-east-1",
        deployment_model: "GLOBAL",
        environment: "production",
        auth_providers: [],
        custom_user_data: { mongo_service_name: "mongodb-atlas" },
        data_api_config: dataApi,
        data_sources: [],
        endpoints: [],
        environments: {},
        functions: [],
        graphql: { config: {}, validation_settings: {}, custom_resolvers: [] },
        hosting: { enabled: true },
        https_endpoints: [],
        log_forwarders: [],
        schemas: [],
        services: [],
        sync: { state: "disabled" },
        triggers: [],
        values: [],
      },
    }),
  "928 POST …/auth_providers (Example)": (admin) =>
    admin.authproviders.createAuthProvider({
      ...app,
      body: { name: "anon-user", type: "anon-user", disabled: true },
    }),
  "1062 PATCH …/auth_providers/{providerId} (Example)": (admin) =>
    admin.authproviders.updateAuthProvider({
      ...app,
      providerId: "<providerId>",
      body: { name: "anon-user", type: "anon-user", disabled: true },
    }),
  "1317 PATCH …/custom_user_data": (admin) =>
    admin.customUserData.setCustomUserDataConfig({
      ...app,
      body: {
        database_name: "myapp",
        collection_name: "users",
        user_id_field: "user_account_id",
        enabled: true,
        mongo_service_id: "63c060ed32043ef4c93c2a9c",
        on_user_creation_function_id: "63c055d8019a6ab879f661d6",
      },
    }),
  "1458 PATCH …/deploy/config": (admin) =>
    admin.deploy.configureDeployment({
      ...app,
      body: { ui_drafts_disabled: true, automatic_deployment: {}, last_modified: 0 },
    }),
  "1706 POST …/drafts/{draftId}/deployment": (admin) =>
    admin.deploy.deployDraft({ ...app, draftId: "<draftId>", body: { name: "string" } }),
  "1839 PUT …/deployment_migration": (admin) =>
    admin.deploy.createDeploymentMigration({
      ...app,
      body: { deployment_model: "LOCAL", provider_region: "aws-us-east-1" },
    }),
  "1990 POST …/data_api/config": (admin) =>
    admin.dataApi.createDataApiConfig({ ...app, body: dataApi }),
  "2089 PATCH …/data_api/config": (admin) =>
    admin.dataApi.modifyDataApiConfig({ ...app, body: dataApi }),
  "2306 POST …/endpoints": (admin) => admin.endpoints.createEndpoint({ ...app, body: endpoint }),
  "2464 PUT …/endpoints/{endpointId}": (admin) =>
    admin.endpoints.modifyEndpoint({ ...app, endpointId: "<endpointId>", body: endpoint }),
  "2689 PUT …/environment": (admin) =>
    admin.environments.setEnvironment({ ...app, body: { environment: "production" } }),
  "2789 POST …/environment_values": (admin) =>
    admin.environments.createEnvironmentValue({ ...app, body: environmentValue }),
  "2899 PUT …/environment_values/{environmentValueId}": (admin) =>
    admin.environments.modifyEnvironmentValue({
      ...app,
      environmentValueId: "<environmentValueId>",
      body: environmentValue,
    }),
  // "Either user_id or run_as_system is required. You cannot specify both."
  "3015 POST …/debug/execute_function (?run_as_system)": (admin) =>
    admin.functions.executeFunction({
      ...app,
      run_as_system: true,
      body: { service: "string", name: "string", arguments: [] },
    }),
  "3085 POST …/debug/execute_function_source (?user_id)": (admin) =>
    admin.functions.executeFunctionSource({
      ...app,
      user_id: "string",
      body: { eval_source: "string", source: "string" },
    }),
  "3199 POST …/functions": (admin) =>
    admin.functions.createFunction({
      ...app,
      body: {
        can_evaluate: {},
        name: "string",
        private: true,
        source: "string",
        run_as_system: true,
        run_as_user_id: "string",
        run_as_user_id_script_source: "string",
      },
    }),
  "3373 POST …/graphql": (admin) =>
    admin.graphql.runGraphQLOperation({
      ...app,
      body: {
        query: "query AllTasks { tasks(query: { status: $status }) { _id owner } }",
        variables: '{ "status": "complete" }',
        operationName: "AllTasks",
      },
    }),
  "3459 PUT …/graphql/config": (admin) =>
    admin.graphql.updateGraphQLConfig({
      ...app,
      body: { use_natural_pluralization: true, disable_schema_introspection: true },
    }),
  "3857 PUT …/validation_settings/graphql": (admin) =>
    admin.graphql.setGraphQLValidationSettings({
      ...app,
      body: {
        read_validation_action: "ERROR",
        read_validation_level: "STRICT",
        write_validation_action: "ERROR",
        write_validation_level: "STRICT",
      },
    }),
  "3949 PATCH …/hosting/config": (admin) =>
    admin.hosting.enableDisableHosting({ ...app, body: { enabled: true } }),
  "4030 POST …/hosting/assets": (admin) =>
    admin.hosting.moveCopyHostedAsset({
      ...app,
      body: { move_from: "string", move_to: "string", copy_from: "string", copy_to: "string" },
    }),
  "4128 PUT …/hosting/assets/asset?path": (admin) =>
    admin.hosting.uploadHostedAsset({
      ...app,
      path: "string",
      body: { meta: {}, file: new Uint8Array([1]) },
    }),
  "4181 PATCH …/hosting/assets/asset?path": (admin) =>
    admin.hosting.updateHostedAsset({ ...app, path: "string", body: { attributes: [] } }),
  "4371 POST …/log_forwarders": (admin) =>
    admin.logForwarders.createLogForwarder({ ...app, body: logForwarder }),
  "4497 PATCH …/log_forwarders/{forwarderId}": (admin) =>
    admin.logForwarders.updateLogForwarder({
      ...app,
      forwarderId: "<forwarderId>",
      body: logForwarder,
    }),
  "4767 POST …/services/{serviceId}/rules (Example)": (admin) =>
    admin.rules.createRule({ ...service, body: rule }),
  "4935 PUT …/services/{serviceId}/rules/{ruleId} (Example)": (admin) =>
    admin.rules.updateRule({ ...service, ruleId: "<ruleId>", body: rule }),
  "5027 POST …/services/{serviceId}/default_rule": (admin) =>
    admin.rules.createDefaultRule({ ...service, body: { roles: [], filters: [] } }),
  // The spec requires the default rule's `_id` here, in an `allOf` member that only says
  // `required`, which the generated type cannot carry: the sample type-checks without it.
  "5094 PUT …/services/{serviceId}/default_rule": (admin) =>
    admin.rules.updateDefaultRule({ ...service, body: { roles: [], filters: [] } }),
  "5216 POST …/services/{datasourceId}/commands/validate_documents": (admin) =>
    admin.schemas.validateDocuments({
      ...app,
      datasourceId: "<datasourceId>",
      body: {
        database_name: "string",
        collection_name: "string",
        from_schema: {},
        query: {},
        limit: 10000,
        sort: {},
      },
    }),
  "5305 POST …/schemas": (admin) => admin.schemas.createSchema({ ...app, body: schema }),
  "5408 PUT …/schemas/{schemaId}": (admin) =>
    admin.schemas.updateSchema({ ...app, schemaId: "<schemaId>", body: schema }),
  "5502 PUT …/validation_settings/null_type_schema_validation": (admin) =>
    admin.schemas.setNullTypeSchemaValidationSetting({ ...app, body: { enabled: true } }),
  "5576 POST …/secrets": (admin) =>
    admin.secrets.createSecret({ ...app, body: { name: "string", value: "string" } }),
  "5634 PUT …/secrets/{secretId}": (admin) =>
    admin.secrets.modifySecret({
      ...app,
      secretId: "<secretId>",
      body: { _id: "string", name: "string", value: "string" },
    }),
  "5734 POST …/security/allowed_request_origins": (admin) =>
    admin.security.setAllowedRequestOrigins({ ...app, body: ["string"] }),
  "5808 POST …/security/access_list": (admin) =>
    admin.security.allowedIPAccessListCreate({
      ...app,
      body: { address: "string", comment: "string" },
    }),
  "5871 PATCH …/security/access_list/{ipId}": (admin) =>
    admin.security.allowedIPAccessListUpdate({
      ...app,
      ipId: "<ipId>",
      body: { address: "string", comment: "string" },
    }),
  "6188 POST …/security/allow_non_vpc_client_requests": (admin) =>
    admin.security.allowNonVpcClientRequests({
      ...app,
      body: { allow_non_vpc_client_requests: true },
    }),
  "6255 PUT …/security/refresh_token_expiration": (admin) =>
    admin.security.setRefreshTokenExpiration({
      ...app,
      body: { expiration_time_seconds: 5184000 },
    }),
  "6290 POST …/multi_data_sources": (admin) =>
    admin.services.linkMultiDataSources({ ...app, body: [{}] }),
  "6370 POST …/services (Example)": (admin) =>
    admin.services.createService({
      ...app,
      body: { name: "string", type: "string", config: { clusterName: "Cluster0" } },
    }),
  "6657 PATCH …/services/{serviceId}/config (Example)": (admin) =>
    admin.services.updateServiceConfig({
      ...service,
      body: {
        clusterName: "Cluster0",
        readPreference: "primary",
        readPreferenceTagSets: [],
        wireProtocolEnabled: true,
        clusterId: "05e821b3975d271289f372e3a",
        groupName: "Project 0",
        orgName: "MongoDB_Org",
      },
    }),
  "6719 POST …/services/{serviceId}/commands/generate_schema": (admin) =>
    admin.services.generateSchema({
      ...service,
      body: { database_name: "string", collection_name: "string", limit: 0 },
    }),
  // The case: function_id and no event_processors.
  "6937 POST …/triggers (Example)": (admin) =>
    admin.triggers.createTrigger({ ...app, body: trigger }),
  "7090 PUT …/triggers/{triggerId} (Example)": (admin) =>
    admin.triggers.updateTrigger({ ...app, triggerId: "<triggerId>", body: trigger }),
  "7181 PUT …/triggers/{triggerId}/resume": (admin) =>
    admin.triggers.resumeTrigger({
      ...app,
      triggerId: "<triggerId>",
      body: { disable_token: true },
    }),
  "7281 POST …/users": (admin) =>
    admin.users.createUser({ ...app, body: { email: "string", password: "string" } }),
  "7334 POST …/users/verify_token": (admin) =>
    admin.users.verifyUserAccessToken({ ...app, body: { token: "string" } }),
  "7455 PATCH …/users/{userId}/reset_email": (admin) =>
    admin.users.resetUserEmail({
      ...app,
      userId: "<userId>",
      body: { email: "new_email@example.com" },
    }),
  "7796 POST …/values": (admin) =>
    admin.values.createValue({ ...app, body: { name: "string", private: true, value: null } }),
  "7993 POST …/push/notifications": (admin) =>
    admin.notifications.createNotification({
      ...app,
      body: { label: "string", message: "string", topic: "string", state: "sent" },
    }),
  "8252 POST …/services/{serviceId}/incoming_webhooks": (admin) =>
    admin.webhooks.createWebhook({ ...service, body: webhook }),
  "8378 PUT …/services/{serviceId}/incoming_webhooks/{incomingWebhookId}": (admin) =>
    admin.webhooks.updateWebhook({ ...service, incomingWebhookId: "<id>", body: webhook }),
} satisfies Record<string, Example>;

const resolver: graphqls.CreateCustomResolverParams["body"] = {
  on_type: "string",
  field_name: "string",
  input_type: "string",
  input_type_format: "scalar",
  payload_type: "string",
  payload_type_format: "scalar",
  function_id: "string",
};
const privateEndpoint = {
  cloud_provider_region: "aws-us-east-1",
  cloud_provider_endpoint_id: "vpce-12345678",
  comment: "string",
};

/** Samples the SDK rejects, each for the reason given (spec/EVIDENCE.md lists them too). */
export const rejected = {
  // The page renders a spec version where the resolver's `_id` was a plain property; it is the ID
  // the server assigns (read-only), so a create may not send it.
  "3581 POST …/graphql/custom_resolvers": (admin) =>
    admin.graphql.createCustomResolver({
      ...app,
      // @ts-expect-error `_id` is assigned by the server
      body: { ...resolver, _id: "string" },
    }),
  // The server ignores an `_id` equal to the path's (the Stitch client's tests send one), but the
  // SDK's bodies leave read-only properties out.
  "3745 PUT …/graphql/custom_resolvers/{customResolverId}": (admin) =>
    admin.graphql.modifyCustomResolver({
      ...app,
      customResolverId: "<customResolverId>",
      // @ts-expect-error the read-only `_id` is not part of a body
      body: { ...resolver, _id: "string" },
    }),
  // The sample predates endpoint types (it still sends a client-chosen `_id`); the current docs
  // send `endpoint_type` in every example and the spec rejects the "legacy" default.
  "5988 POST …/security/private_endpoints": (admin) =>
    admin.security.createPrivateEndpoint({
      ...app,
      // @ts-expect-error no endpoint_type, and an `_id` the body has no place for
      body: { _id: "string", ...privateEndpoint },
    }),
  "6082 PUT …/security/private_endpoints/{privateEndpointId}": (admin) =>
    admin.security.updatePrivateEndpoint({
      ...app,
      privateEndpointId: "<privateEndpointId>",
      // @ts-expect-error no endpoint_type, and an `_id` the body has no place for
      body: { _id: "string", ...privateEndpoint },
    }),
} satisfies Record<string, Example>;

/** The page's JSON examples that describe a result, as values of the types the SDK gives it. */
export const json = {
  '47 the list of apps (environment "": no environment)': commonJson.listApps,
  "79 the login response": commonJson.loginResponse,
  "104 the refresh response": {
    access_token: "<access_token>",
  } satisfies admins.CreateSessionResult,
  // `...` on the page: the rest of the app is left out.
  "1876 an App's configuration (part of it)": {
    client_app_id: "myapp-abcde",
    deployment_model: "LOCAL",
    provider_region: "aws-us-east-1",
  } satisfies Partial<AppInstance>,
  "3876 Asset Metadata Document Example": commonJson.assetMetadata,
};

/** What the docs get wrong about results: reading them as the page says does not type-check. */
export async function docsReadWrongly(admin: Parameters<Example>[0]) {
  // "Get Current Deployment Draft" shows one draft object; the server returns a list ([] or
  // [draft], DESIGN §4), so `current._id` is not there: `current[0]?._id` is.
  const current = await admin.deploy.listDeploymentDrafts(app);
  // @ts-expect-error the current draft is the list's first item, not the list
  void current._id;
  return current[0]?._id;
}

describe("seed 002: the Admin API reference", () => {
  it("has its examples as typed calls and values (checked by npm run typecheck)", () => {
    expectTypeOf(curls).toBeObject();
    expectTypeOf(samples).toBeObject();
    expectTypeOf(rejected).toBeObject();
    expectTypeOf(json).toBeObject();
    expectTypeOf(docsReadWrongly).toBeFunction();
  });
  coversSeed(SEED, /^curl /, curls);
  coversSeed(SEED, /^Request samples/, samples, rejected);
});
