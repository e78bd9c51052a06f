/**
 * realm-cli's local app structures (`internal/local/structure_v1.go`, `structure_v2.go`,
 * `structure.go`) as JSON shapes: `Import` marshals them as the request body (so `omitempty` decides
 * which empty fields the server sees) and the round-trip test compares loaded exports with them.
 */
import { omit, type Shape } from "./go-json.js";

const anyMap: Shape = { map: "any" };
const anyMaps: Shape = { array: anyMap };
const secretMaps: Shape = { map: { map: "string" } };

/** `local.GraphQLStructure`. */
const GraphQL: Shape = { struct: { config: omit(anyMap), custom_resolvers: omit(anyMaps) } };

/** `local.SecretsStructure`. */
const Secrets: Shape = {
  struct: { auth_providers: omit(secretMaps), services: omit(secretMaps) },
};

/** `local.ServiceStructure`: its webhooks and rules have no `omitempty`, so nil goes out as null. */
const Service: Shape = {
  struct: {
    config: omit(anyMap),
    default_rule: omit(anyMap),
    incoming_webhooks: anyMaps,
    rules: anyMaps,
  },
};

/** `local.AppStructureV1`: config versions 20180301 (`stitch.json`) and 20200603 (`config.json`). */
export const AppStructureV1: Shape = {
  struct: {
    config_version: "int",
    app_id: omit("string"),
    name: "string",
    location: "string",
    deployment_model: "string",
    environment: omit("string"),
    environments: omit({ map: anyMap }),
    security: anyMap,
    hosting: omit(anyMap),
    custom_user_data_config: anyMap,
    sync: anyMap,
    secrets: omit(Secrets),
    auth_providers: omit(anyMaps),
    functions: omit(anyMaps),
    triggers: omit(anyMaps),
    graphql: omit(GraphQL),
    services: omit({ array: Service }),
    values: omit(anyMaps),
    log_forwarders: omit(anyMaps),
    data_api_config: omit(anyMap),
  },
};

/** `local.AppStructureV2`: config version 20210101 (`realm_config.json`). */
export const AppStructureV2: Shape = {
  struct: {
    config_version: "int",
    app_id: omit("string"),
    name: omit("string"),
    location: omit("string"),
    deployment_model: omit("string"),
    environment: omit("string"),
    environments: omit({ map: anyMap }),
    allowed_request_origins: omit({ array: "string" }),
    values: omit(anyMaps),
    auth: omit({ struct: { custom_user_data: omit(anyMap), providers: omit(anyMap) } }),
    functions: omit({ struct: { config: omit(anyMaps), sources: omit({ map: "string" }) } }),
    triggers: omit(anyMaps),
    data_sources: omit({
      array: { struct: { config: omit(anyMap), default_rule: omit(anyMap), rules: omit(anyMaps) } },
    }),
    http_endpoints: omit({
      array: {
        struct: { config: omit(anyMap), incoming_webhooks: omit(anyMaps), rules: omit(anyMaps) },
      },
    }),
    endpoints: omit({ struct: { config: omit(anyMaps) } }),
    services: omit({ array: Service }),
    graphql: omit(GraphQL),
    hosting: omit(anyMap),
    sync: omit({ struct: { config: omit(anyMap) } }),
    secrets: omit(Secrets),
    log_forwarders: omit(anyMaps),
    data_api_config: omit(anyMap),
  },
};

/** `local.SecretsStructure`, for reading `secrets.json`. */
export const SecretsStructure = Secrets;
