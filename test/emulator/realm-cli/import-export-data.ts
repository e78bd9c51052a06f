/**
 * The app data realm-cli's import tests send (`import_export_test.go`: `appDataV1`, `appDataV2`
 * and the twilio service), as the Go literals' JSON-named fields; unset fields are left out.
 */
import type { RealmApp } from "./api-apps.js";

const environments = {
  "no-environment.json": { values: { a: "0" } },
  "development.json": { values: { a: "1" } },
  "testing.json": { values: { a: "2" } },
  "qa.json": { values: { a: "3" } },
  "production.json": { values: { a: "4" } },
};

const provider = (type: string) => ({ name: type, type, disabled: false });

const yell = {
  name: "yell",
  type: "SCHEDULED",
  config: { schedule: "0 0 * * 1", skip_catchup_events: false },
  event_processors: { FUNCTION: { config: { function_name: "test" } } },
  disabled: false,
};

const logForwarder = {
  name: "forwarder",
  log_types: ["auth"],
  log_statuses: ["error", "success"],
  policy: { type: "single" },
  action: { type: "function", name: "test" },
  disabled: false,
};

const dataApiConfig = {
  versions: ["v1"],
  run_as_user_id: "",
  run_as_user_id_script_source: "exports = function () { return 'goofygoof'; }",
  disabled: false,
  validation_method: "NO_VALIDATION",
  return_type: "EJSON",
  fetch_custom_user_data: true,
  create_user_on_auth: true,
  secret_name: "",
  log_function_arguments: false,
};

/** The app identity every imported structure starts with. */
export const identity = (app: RealmApp, configVersion: number) => ({
  config_version: configVersion,
  app_id: app.client_app_id,
  name: app.name,
  location: app.location,
  deployment_model: app.deployment_model,
});

/** `appDataV1`: config versions 20180301 and 20200603. */
export const appDataV1 = (configVersion: number, app: RealmApp) => ({
  ...identity(app, configVersion),
  sync: { development_mode_enabled: false },
  custom_user_data_config: { enabled: false },
  environments,
  auth_providers: [provider("anon-user"), provider("api-key")],
  functions: [
    {
      config: { name: "test", private: true },
      source: "exports = function(){\nconsole.log('got heem!');\n};",
    },
  ],
  triggers: [yell],
  graphql: { config: { use_natural_pluralization: true }, custom_resolvers: [] },
  security: { allowed_request_origins: ["http://localhost:8080"] },
  values: [],
  log_forwarders: [logForwarder],
  data_api_config: dataApiConfig,
});

const relationship = (source: string, foreign: string) => ({
  ref: "#/relationship/mongodb-atlas/db/coll",
  source_key: source,
  foreign_key: foreign,
  is_list: false,
});

const endpoint = (method: string, on: boolean) => ({
  create_user_on_auth: on,
  disabled: on,
  fetch_custom_user_data: on,
  function_name: "test",
  http_method: method,
  respond_result: on,
  route: "/hello/world",
  validation_method: "NO_VALIDATION",
});

/** `appDataV2`: config version 20210101. */
export const appDataV2 = (app: RealmApp) => ({
  ...identity(app, 20210101),
  allowed_request_origins: ["http://localhost:8080"],
  environments,
  auth: {
    custom_user_data: {
      enabled: true,
      mongo_service_name: "mdb",
      database_name: "db",
      collection_name: "coll",
      user_id_field: "uid",
    },
    providers: { "anon-user": provider("anon-user"), "api-key": provider("api-key") },
  },
  data_sources: [
    {
      config: {
        name: "mdb",
        type: "mongodb-atlas",
        config: { clusterName: "Cluster0", readPreference: "primary", wireProtocolEnabled: false },
      },
      rules: [
        {
          database: "db",
          collection: "coll",
          schema: {
            title: "schemaTitle",
            properties: { name: { bsonType: "string" }, country: { bsonType: "string" } },
          },
          relationships: {
            name: relationship("name", "country"),
            country: relationship("country", "name"),
          },
        },
      ],
    },
  ],
  http_endpoints: [
    {
      config: { name: "api", type: "http", config: {} },
      incoming_webhooks: [
        {
          config: {
            name: "api_webhook",
            options: { validationMethod: "VERIFY_PAYLOAD", secret: "the_secret" },
            run_as_user_id: "",
            run_as_user_id_script_source: "",
            run_as_authed_user: false,
            create_user_on_auth: false,
            fetch_custom_user_data: false,
            respond_result: false,
          },
          source: "exports = function() { return false }",
        },
      ],
      rules: [
        {
          name: "rule",
          actions: ["get"],
          when: { "%%args.url.host": { "%in": ["google.com"] } },
        },
      ],
    },
  ],
  sync: { config: { development_mode_enabled: true } },
  functions: {
    config: [{ name: "test", private: true }],
    sources: { "test.js": "exports = function(){\n\t\t  console.log('got heem!');\n\t\t};" },
  },
  triggers: [
    {
      name: "onInsert",
      type: "DATABASE",
      config: {
        service_name: "mdb",
        database: "db",
        collection: "coll",
        operation_types: ["INSERT"],
        skip_catchup_events: false,
        unordered: false,
        full_document: false,
        full_document_before_change: false,
        match: {},
        project: {},
      },
      event_processors: { FUNCTION: { config: { function_name: "test" } } },
      disabled: false,
    },
    yell,
  ],
  graphql: {
    config: { use_natural_pluralization: true },
    custom_resolvers: [
      {
        function_name: "test",
        on_type: "Query",
        field_name: "result",
        input_type_format: "scalar",
        input_type: "number",
        payload_type_format: "scalar",
        payload_type: "number",
      },
    ],
  },
  values: [],
  log_forwarders: [logForwarder],
  endpoints: { config: [endpoint("GET", true), endpoint("POST", false)] },
  data_api_config: dataApiConfig,
});

/** The twilio service with a webhook and a secret that `TestRealmImport*` import. */
export const twilioService = {
  services: [
    {
      config: { name: "twilio_svc", type: "twilio", config: { sid: "my_sid" } },
      incoming_webhooks: [
        {
          config: {
            name: "twilioWebhook",
            create_user_on_auth: false,
            fetch_custom_user_data: false,
            respond_result: false,
            run_as_authed_user: false,
            run_as_user_id_script_source: "",
          },
          source: "exports = function() { return false }",
        },
      ],
    },
  ],
  secrets: { services: { twilio_svc: { auth_token: "my-secret-auth-token" } } },
};
