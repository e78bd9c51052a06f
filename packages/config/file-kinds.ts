/**
 * What each JSON file of the folder holds, as a schema of the repaired spec
 * (`generated/operation-schemas.json` components). `shape` says whether the file is one resource,
 * a list of them or a map of them by name. `elsewhere` names what the API schema requires but
 * this layout keeps in another file (a function's source in its `.js`, a data source's rules in
 * its collection folders): those are filled in before validation, and the files they live in
 * are checked on their own.
 */
export interface FileKind {
  /** What the file holds, for messages. */
  what: string;
  /** Matches the path relative to the folder, with `/` separators. */
  pattern: RegExp;
  /** Component schema name, or an inline schema (which may `$ref` components). */
  schema: string | Record<string, unknown>;
  shape?: "list" | "map" | undefined;
  elsewhere?: Readonly<Record<string, unknown>> | undefined;
  /**
   * What a pull calls the resource whose `name` it names a file (or folder) after, for the
   * file's resources (`pushedNameIssues`); a list's names are function paths, which nest.
   */
  named?: string | undefined;
}

const NAME = "[^/]+";
const SERVICE_DIR = `(?:http_endpoints|services)/${NAME}`;
const COLLECTION_DIR = `data_sources/${NAME}/${NAME}/${NAME}`;

function kind(
  what: string,
  path: string,
  schema: FileKind["schema"],
  more: Partial<FileKind> = {},
) {
  return { what, pattern: new RegExp(`^${path}$`), schema, ...more } satisfies FileKind;
}

/** Every JSON file kind of the 20210101 layout (10gen/realm-cli internal/local/structure_v2.go). */
export const FILE_KINDS: readonly FileKind[] = [
  kind("the app's root config", "realm_config\\.json", "App"),
  kind("auth providers", "auth/providers\\.json", "AuthProviderConstructor", {
    shape: "map",
    named: "an auth provider",
  }),
  // Disabled, it needs nothing else: the official CLI writes `{"enabled": false}` for a new app
  // (internal/local/app.go AsApp), which the spec's constructor (requiring a service) refuses.
  kind("custom user data", "auth/custom_user_data\\.json", {
    anyOf: [
      { type: "object", required: ["enabled"], properties: { enabled: { const: false } } },
      { $ref: "#/components/schemas/CustomUserDataConstructor" },
    ],
  }),
  kind("function configs", "functions/config\\.json", "FunctionConstructor", {
    shape: "list",
    elsewhere: { source: "" },
    named: "a function",
  }),
  kind("a trigger", `triggers/${NAME}\\.json`, "TriggerConstructor", { named: "a trigger" }),
  kind("a data source", `data_sources/${NAME}/config\\.json`, "DataSourceConstructor", {
    elsewhere: { rules: [] },
    named: "a data source",
  }),
  kind("a default rule", `data_sources/${NAME}/default_rule\\.json`, "DefaultRuleConstructor"),
  kind("collection rules", `${COLLECTION_DIR}/rules\\.json`, "RuleConstructor"),
  kind("a collection schema", `${COLLECTION_DIR}/schema\\.json`, "SchemaDefinition"),
  kind("relationships", `${COLLECTION_DIR}/relationships\\.json`, "SchemaRelationships"),
  kind("HTTPS endpoints", "http_endpoints/config\\.json", "EndpointConstructor", {
    shape: "list",
  }),
  kind("the Data API config", "http_endpoints/data_api_config\\.json", "DataApiConfig"),
  kind("a service", `${SERVICE_DIR}/config\\.json`, "ThirdPartyServiceConstructor", {
    named: "a service",
  }),
  kind("a webhook", `${SERVICE_DIR}/incoming_webhooks/${NAME}/config\\.json`, "IncomingWebhook", {
    elsewhere: { function_source: "" },
    named: "a webhook",
  }),
  kind("a service rule", `${SERVICE_DIR}/rules/${NAME}\\.json`, "ThirdPartyServiceRule", {
    named: "a service rule",
  }),
  kind("a value", `values/${NAME}\\.json`, "ValueConstructor", { named: "a value" }),
  kind("environment values", `environments/${NAME}\\.json`, "SpecificEnvironmentValues"),
  kind("the GraphQL config", "graphql/config\\.json", "GraphQLConfig"),
  kind("GraphQL validation", "graphql/validation_settings\\.json", "GraphQLValidationSettings"),
  kind("a custom resolver", `graphql/custom_resolvers/${NAME}\\.json`, "CustomResolverConstructor"),
  kind("the sync config", "sync/config\\.json", "FlexibleSync"),
  kind("a log forwarder", `log_forwarders/${NAME}\\.json`, "LogForwarderConstructor", {
    named: "a log forwarder",
  }),
  kind("the hosting config", "hosting/config\\.json", "HostingConstructor"),
  kind("hosting metadata", "hosting/metadata\\.json", {
    type: "array",
    items: {
      type: "object",
      required: ["path"],
      properties: {
        path: { type: "string", pattern: "^/" },
        attrs: { type: "array", items: { $ref: "#/components/schemas/MetadataAttribute" } },
      },
    },
  }),
];

/** The kind of a folder file, or undefined for files the layout does not define. */
export function fileKindOf(path: string): FileKind | undefined {
  return FILE_KINDS.find((k) => k.pattern.test(path));
}
