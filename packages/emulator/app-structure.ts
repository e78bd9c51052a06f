import { withLinkNames } from "./config-links.js";
import type { Resource, ResourceStore } from "./resource-store.js";
import type { AppRecord } from "./state.js";

/** The configuration version the emulator reads and writes (realm-cli realm.go DefaultAppConfigVersion). */
export const CONFIG_VERSION = 20210101;

/**
 * A whole app configuration as the official CLI sends it to `POST /import` and lays it out in
 * files (realm-cli internal/local/structure_v2.go `AppStructureV2`, its JSON names).
 */
export interface AppStructure {
  config_version: number;
  app_id?: string;
  name?: string;
  location?: string;
  deployment_model?: string;
  environment?: string;
  environments?: Record<string, { values?: Record<string, unknown> }>;
  allowed_request_origins?: string[];
  values?: Resource[];
  auth?: { custom_user_data?: Resource; providers?: Record<string, Resource> };
  functions?: { config?: Resource[]; sources?: Record<string, string> };
  triggers?: Resource[];
  data_sources?: ServiceStructure[];
  http_endpoints?: ServiceStructure[];
  endpoints?: { config?: Resource[] };
  services?: ServiceStructure[];
  /** `validation_settings` is not in the CLI's structure; this SDK's pushes send it (a guess). */
  graphql?: { config?: Resource; validation_settings?: Resource; custom_resolvers?: Resource[] };
  hosting?: Resource;
  sync?: { config?: Resource };
  secrets?: {
    auth_providers?: Record<string, Record<string, string>>;
    services?: Record<string, Record<string, string>>;
  };
  log_forwarders?: Resource[];
  data_api_config?: Resource;
}

/** A service (data source, HTTP service, third-party service) with what hangs below it. */
export interface ServiceStructure {
  config?: Resource;
  default_rule?: Resource;
  /**
   * Each webhook flat, as the API has it (`{_id, name, …, function_source}`), or as the CLI reads
   * it from files (`{config, source}`).
   */
  incoming_webhooks?: Resource[];
  /** A data source's rules carry their collection's `schema` and `relationships` (as files do). */
  rules?: Resource[];
}

/** The environment file names and the environment-value keys they hold (`no-environment` is `none`). */
export const ENVIRONMENT_FILES: [string, string][] = [
  ["no-environment.json", "none"],
  ["development.json", "development"],
  ["testing.json", "testing"],
  ["qa.json", "qa"],
  ["production.json", "production"],
];

/** Service types exported as data sources, and as (legacy) HTTP services. */
export const DATA_SOURCE_TYPES = ["mongodb-atlas", "datalake"];
export const HTTP_SERVICE_TYPE = "http";

/** What the export of an app reads: its record and its resources. */
export interface AppSource {
  app: AppRecord;
  store: ResourceStore;
}

/**
 * The app's configuration as an `AppStructure`, from stored state only, as the configuration
 * files have it: references by name, no server-assigned ids (webhooks keep their `_id`, which no
 * file holds), each collection schema beside its rules. With `keepIds`, references keep their ids
 * beside the names and schemas stay apart (the app's configuration as JSON, `GET /pull`).
 */
export function toStructure({ app, store }: AppSource, keepIds = false): AppStructure {
  const functions = store.list("functions");
  const envValues = store.list("environment_values");
  const providers = store.list("auth_providers");
  const origins = store.setting("security/allowed_request_origins") as string[] | undefined;
  const hosting = store.setting("hosting/config") as Resource | undefined;
  const services = store.list("services").map((s) => serviceStructure(store, s));
  const byType = (test: (t: unknown) => boolean) => services.filter((s) => test(s.config?.type));
  const structure: AppStructure = {
    config_version: CONFIG_VERSION,
    app_id: app.client_app_id,
    name: app.name,
    location: app.location,
    deployment_model: app.deployment_model,
    ...(app.environment ? { environment: app.environment } : {}),
    ...(origins?.length ? { allowed_request_origins: origins } : {}),
    environments: Object.fromEntries(
      ENVIRONMENT_FILES.map(([file, env]) => [
        file,
        {
          values: Object.fromEntries(
            envValues
              .filter((v) => (v.values as Record<string, unknown> | undefined)?.[env] !== undefined)
              .map((v) => [v.name as string, (v.values as Record<string, unknown>)[env]]),
          ),
        },
      ]),
    ),
    values: store.list("values").map((v) => strip(v)),
    auth: {
      custom_user_data: (store.setting("custom_user_data") as Resource | undefined) ?? {
        enabled: false,
      },
      providers: Object.fromEntries(providers.map((p) => [p.name as string, strip(p)])),
    },
    functions: {
      config: functions.map((f) => strip(f, ["source"])),
      sources: Object.fromEntries(
        functions.map((f) => [`${f.name as string}.js`, (f.source as string) ?? ""]),
      ),
    },
    triggers: store
      .list("triggers")
      .map((t) => strip(withLinkNames("triggers", t, store, keepIds))),
    data_sources: byType((t) => DATA_SOURCE_TYPES.includes(t as string)).map((ds) =>
      keepIds ? ds : withSchemas(ds, store),
    ),
    http_endpoints: byType((t) => t === HTTP_SERVICE_TYPE),
    services: byType((t) => !DATA_SOURCE_TYPES.includes(t as string) && t !== HTTP_SERVICE_TYPE),
    endpoints: {
      config: store
        .list("endpoints")
        .map((e) => strip(withLinkNames("endpoints", e, store, keepIds))),
    },
    graphql: {
      config: (store.setting("graphql/config") as Resource | undefined) ?? {
        use_natural_pluralization: true,
      },
      custom_resolvers: store
        .list("graphql/custom_resolvers")
        .map((r) => strip(withLinkNames("graphql/custom_resolvers", r, store, keepIds))),
    },
    log_forwarders: store.list("log_forwarders").map((l) => strip(l)),
  };
  const sync = store.setting("sync/config") as Resource | undefined;
  if (sync) structure.sync = { config: sync };
  const dataApi = store.setting("data_api/config") as Resource | undefined;
  if (dataApi) structure.data_api_config = strip(dataApi);
  if (hosting?.enabled) structure.hosting = strip(hosting, ["status", "default_domain"]);
  return structure;
}

function serviceStructure(store: ResourceStore, service: Resource): ServiceStructure {
  const base = `services/${service._id as string}`;
  const { name, type, config, secret_config, version, ...rest } = strip(service);
  const out: ServiceStructure = {
    config: {
      name,
      type,
      config: config ?? {},
      ...(secret_config ? { secret_config } : {}),
      ...(version !== undefined ? { version } : {}),
      ...rest,
    },
    incoming_webhooks: store
      .list(`${base}/incoming_webhooks`)
      .map(({ last_modified: _l, function_id: _f, ...w }) => w),
    rules: store.list(`${base}/rules`).map((r) => strip(r)),
  };
  const defaultRule = store.setting(`${base}/default_rule`) as Resource | undefined;
  if (defaultRule) out.default_rule = strip(defaultRule);
  return out;
}

/**
 * A data source with the collection schemas of the app's `schemas` beside the rules of their
 * namespace, as the CLI's files keep them (`<db>/<coll>/schema.json`, `relationships.json`).
 */
function withSchemas(ds: ServiceStructure, store: ResourceStore): ServiceStructure {
  const out = { ...ds, rules: (ds.rules ?? []).map((r) => ({ ...r })) };
  for (const entry of store.list("schemas")) attachSchema([out], entry);
  return out;
}

/**
 * Puts a listed collection schema (`metadata`: data source, database, collection) beside the
 * rules of its namespace in its data source; a schema without rules gets a rule of its own
 * holding only the namespace.
 */
export function attachSchema(dataSources: ServiceStructure[], entry: Resource): void {
  const meta = (entry.metadata ?? {}) as Resource;
  const source = dataSources.find((d) => d.config?.name === meta.data_source);
  if (!source) return;
  const rules = (source.rules ??= []);
  let rule = rules.find((r) => r.database === meta.database && r.collection === meta.collection);
  if (!rule) rules.push((rule = { database: meta.database, collection: meta.collection }));
  Object.assign(rule, { schema: entry.schema ?? {}, relationships: entry.relationships ?? {} });
}

/** A resource without its server-assigned fields (and any others named). */
export function strip(resource: Resource, also: string[] = []): Resource {
  const out: Resource = {};
  for (const [k, v] of Object.entries(resource))
    if (k !== "_id" && k !== "last_modified" && !also.includes(k) && v !== undefined) out[k] = v;
  return out;
}
