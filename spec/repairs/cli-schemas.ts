/**
 * Component schemas of the responses the official CLI decodes from operations no spec declares
 * (cli-undeclared-operations), written from its response structs in `internal/cloud/realm/`.
 */
import type { JsonObject } from "../json.js";

const str = (description?: string): JsonObject =>
  description ? { type: "string", description } : { type: "string" };
const bool = { type: "boolean" };
const list = (items: JsonObject): JsonObject => ({ type: "array", items });
const object = (properties: Record<string, JsonObject>, description?: string): JsonObject => ({
  type: "object",
  ...(description ? { description } : {}),
  properties,
});

const webhooks = list(object({ name: str(), url: str() }));

/** `app_description.go` AppDescription and its summaries. */
const AppDescription = object(
  {
    client_app_id: str("The App's client App ID."),
    name: str(),
    realm_url: str("The App's URL in the App Services UI."),
    data_sources: list(object({ name: str(), type: str(), data_source: str() })),
    http_endpoints: list(
      object(
        {
          name: str(),
          webhooks,
          route: str(),
          http_method: str(),
          url: str(),
        },
        "A legacy HTTP service (`name`, `webhooks`) or an HTTPS endpoint (`route`, `http_method`, `url`).",
      ),
    ),
    services: list(object({ name: str(), type: str(), webhooks })),
    auth_providers: list(object({ name: str(), type: str(), enabled: bool })),
    custom_user_data: object({
      enabled: bool,
      data_source: str(),
      database: str(),
      collection: str(),
      user_id_field: str(),
    }),
    values: list(str()),
    hosting: object({ enabled: bool, status: str(), url: str() }),
    functions: list(object({ name: str(), path: str() })),
    sync: object({
      state: str(),
      data_source: str(),
      database: str(),
      development_mode_enabled: bool,
    }),
    graphql: object({ url: str(), custom_resolvers: list(str()) }),
    environment: str(),
    event_subscription: list(object({ name: str(), type: str(), enabled: bool })),
    log_forwarders: list(object({ name: str(), enabled: bool })),
  },
  "A summary of an App's configuration.",
);

const alert = object({ error: str(), error_code: str() });

/** `schema.go` SchemaModel: one generated data model class. */
const ClientSchemaModel = object(
  {
    service_id: str(),
    rule_id: str(),
    model_name: str(),
    collection_display_name: str(),
    import_statements: list(str()),
    schema: str("The model's source code in the requested language."),
    warnings: list(alert),
    error: alert,
  },
  "A data model generated from a collection schema, as source code in one language.",
);

/** `dependencies.go` DependenciesStatus. */
const DependenciesStatus = object(
  {
    status: { type: "string", enum: ["created", "successful", "failed"] },
    status_message: str(),
  },
  "The state of the latest dependency upload's installation.",
);

const dependency = object({ name: str(), version: str() });

/** `diffs.go` DependenciesDiff. */
const DependenciesDiff = object(
  {
    added: list(dependency),
    deleted: list(dependency),
    modified: list(object({ name: str(), version: str(), previous_version: str() })),
  },
  "How uploaded dependencies would differ from the installed ones.",
);

/** The schemas to add, by component name. */
export const CLI_SCHEMAS: Record<string, JsonObject> = {
  AppDescription,
  ClientSchemaModel,
  DependenciesStatus,
  DependenciesDiff,
};
