/**
 * The structs of realm-cli's `internal/cloud/realm` package that the tests decode responses into,
 * field for field (JSON names and Go types), so a decoded value compares as the Go test compares it.
 */
import { omit, type Shape } from "./go-json.js";

const strings: Shape = { array: "string" };
const object: Shape = { map: "any" };

/** `realm.Session`. */
export const Session: Shape = { struct: { access_token: "string", refresh_token: "string" } };

/** `realm.AuthProfile`. */
export const AuthProfile: Shape = {
  struct: { roles: { array: { struct: { group_id: "string" } } } },
};

/** `realm.App` (its embedded `AppMeta` flattened; `App.TemplateID` shadows `AppMeta.Template`). */
export const App: Shape = {
  struct: {
    location: "string",
    deployment_model: "string",
    environment: "string",
    data_source: "any",
    _id: "string",
    client_app_id: "string",
    name: "string",
    domain_id: "string",
    group_id: "string",
    last_used: "int",
    last_modified: "int",
    product: "string",
    template_id: "string",
  },
};

const named = (...fields: string[]): Shape => ({
  array: { struct: Object.fromEntries(fields.map((f) => [f, "string"])) },
});

/** `realm.AppDescription`; `http_endpoints` is decoded by `HTTPEndpoints.UnmarshalJSON`. */
export const AppDescription: Shape = {
  struct: {
    client_app_id: "string",
    name: "string",
    realm_url: "string",
    data_sources: named("name", "type", "data_source"),
    http_endpoints: { array: "any" },
    services: {
      array: { struct: { name: "string", type: "string", webhooks: named("name", "url") } },
    },
    auth_providers: { array: { struct: { name: "string", type: "string", enabled: "bool" } } },
    custom_user_data: {
      struct: {
        enabled: "bool",
        data_source: "string",
        database: "string",
        collection: "string",
        user_id_field: "string",
      },
    },
    values: strings,
    hosting: { struct: { enabled: "bool", status: "string", url: "string" } },
    functions: named("name", "path"),
    sync: {
      struct: {
        state: "string",
        data_source: "string",
        database: "string",
        development_mode_enabled: "bool",
      },
    },
    graphql: { struct: { url: "string", custom_resolvers: strings } },
    environment: "string",
    event_subscription: { array: { struct: { name: "string", type: "string", enabled: "bool" } } },
    log_forwarders: { array: { struct: { name: "string", enabled: "bool" } } },
  },
};

/** `realm.AppDraft`. */
export const AppDraft: Shape = { struct: { _id: "string" } };

/** `realm.AppDeployment`. */
export const AppDeployment: Shape = {
  struct: { _id: "string", status: "string", status_error_message: "string" },
};

const dependency = { name: "string", version: "string" } as const;
const fieldDiffs: Shape = {
  array: { struct: { field_name: "string", previous: "any", updated: "any" } },
};

/** `realm.DependenciesDiff`. */
export const DependenciesDiff: Shape = {
  struct: {
    added: { array: { struct: dependency } },
    deleted: { array: { struct: dependency } },
    modified: { array: { struct: { ...dependency, previous_version: "string" } } },
  },
};

/** `realm.AppDraftDiff`. */
export const AppDraftDiff: Shape = {
  struct: {
    diffs: strings,
    hosting_files_diff: { struct: { added: strings, deleted: strings, modified: strings } },
    dependencies_diff: DependenciesDiff,
    graphql_config_diff: { struct: { field_diffs: fieldDiffs } },
    schema_options_diff: {
      struct: { graphql_validation_diff: fieldDiffs, rest_validation_diff: fieldDiffs },
    },
  },
};

/** `realm.DependenciesStatus`. */
export const DependenciesStatus: Shape = {
  struct: { status: "string", status_message: "string" },
};

/** `realm.Secret`. */
export const Secret: Shape = { struct: { _id: "string", name: "string" } };

/** `realm.AllowedIP`. */
export const AllowedIP: Shape = {
  struct: { _id: "string", address: "string", comment: "string", includes_current: "bool" },
};

/** `realm.AccessList`. */
export const AccessList: Shape = { struct: { allowed_ips: { array: AllowedIP } } };

/** `realm.Function`. */
export const Function: Shape = { struct: { _id: "string", name: "string" } };

/** `realm.ExecutionResults`. */
export const ExecutionResults: Shape = {
  struct: {
    result: "any",
    logs: strings,
    error_logs: strings,
    stats: { struct: { execution_time: "string" } },
  },
};

/** `realm.APIKey`. */
export const APIKey: Shape = {
  struct: { _id: "string", name: "string", disabled: "bool", key: "string" },
};

/** `realm.User` with its `UserIdentity` list (`provider_id` is an ObjectID, kept as decoded). */
export const User: Shape = {
  struct: {
    _id: "string",
    identities: {
      array: {
        struct: {
          id: "string",
          provider_type: "string",
          provider_id: "any",
          provider_data: object,
        },
      },
    },
    type: "string",
    disabled: "bool",
    data: object,
    creation_date: "int",
    last_authentication_date: "int",
  },
};

/** `realm.HostingAssetAttribute`. */
export const HostingAssetAttribute: Shape = { struct: { name: "string", value: "string" } };

/** `realm.HostingAsset` (its embedded `HostingAssetData` flattened). */
export const HostingAsset: Shape = {
  struct: {
    path: "string",
    hash: omit("string"),
    size: omit("int"),
    last_modified: omit("int"),
    appId: omit("string"),
    attrs: { array: HostingAssetAttribute },
    url: omit("string"),
  },
};

/** `realm.Log`, as far as the tests look (they count entries). */
export const Logs: Shape = { struct: { logs: { array: "any" } } };

/** `realm.SchemaModel` list, as far as the tests look (they count entries). */
export const SchemaModels: Shape = { array: "any" };
