import {
  CONFIG_VERSION,
  ENVIRONMENT_FILES,
  attachSchema,
  toStructure,
  type AppStructure,
  type ServiceStructure,
} from "./app-structure.js";
import { nameRuleCheck, type NameCheck } from "./file-names.js";
import type { Resource } from "./resource-store.js";
import type { SchemaRegistry } from "./schema-registry.js";
import type { AppState } from "./state.js";

/**
 * The app's configuration as one JSON object (`GET /pull` with `Accept: application/json`, the
 * body of `PATCH /push`; the spec's `PushPullAppConfig`), from the same state the files hold.
 * References carry the ids the spec's constructors require (a trigger's `service_id`, an
 * endpoint's `function_id`) beside the names the files use; collection schemas are listed in
 * `schemas` with their data source, database and collection.
 */
export function pullConfig(app: AppState): Resource {
  const { store } = app;
  const s = toStructure(app, true);
  const sources = s.functions?.sources ?? {};
  const service = (svc: ServiceStructure) => ({
    ...svc.config,
    incoming_webhooks: svc.incoming_webhooks ?? [],
    ...(svc.rules?.length ? { rules: svc.rules } : {}),
  });
  const validation = store.setting("validation_settings/graphql");
  return {
    name: s.name,
    provider_region: app.app.provider_region,
    deployment_model: s.deployment_model,
    ...(s.environment ? { environment: s.environment } : {}),
    ...(s.allowed_request_origins ? { allowed_request_origins: s.allowed_request_origins } : {}),
    auth_providers: Object.values(s.auth?.providers ?? {}),
    // Not configured (no linked data source) is null, as the schema allows.
    custom_user_data: s.auth?.custom_user_data?.mongo_service_name ? s.auth.custom_user_data : null,
    data_api_config: s.data_api_config ?? null,
    data_sources: (s.data_sources ?? []).map((d) => ({
      ...d.config,
      ...(d.default_rule ? { default_rule: d.default_rule } : {}),
      rules: d.rules ?? [],
    })),
    endpoints: s.endpoints?.config ?? [],
    environments: {
      values: Object.fromEntries(
        ENVIRONMENT_FILES.map(([file, env]) => [
          env,
          { values: s.environments?.[file]?.values ?? {} },
        ]),
      ),
    },
    functions: (s.functions?.config ?? []).map((f) => ({
      ...f,
      source: sources[`${String(f.name)}.js`] ?? "",
    })),
    graphql: {
      config: s.graphql?.config ?? {},
      validation_settings: validation ?? {},
      custom_resolvers: s.graphql?.custom_resolvers ?? [],
    },
    hosting: s.hosting ?? { enabled: false },
    https_endpoints: (s.http_endpoints ?? []).map(service),
    log_forwarders: s.log_forwarders ?? [],
    schemas: store
      .list("schemas")
      .map(({ metadata, schema, relationships }) => ({ metadata, schema, relationships })),
    services: (s.services ?? []).map(service),
    sync: { state: "", ...s.sync?.config },
    triggers: s.triggers ?? [],
    values: s.values ?? [],
  };
}

/** A pushed configuration as the structure `applyStructure` takes. */
export function pullToStructure(body: Resource): AppStructure {
  const list = (key: string) => (Array.isArray(body[key]) ? (body[key] as Resource[]) : []);
  const functions = list("functions");
  const envs = ((body.environments as Resource | undefined)?.values ?? {}) as Record<
    string,
    { values?: Resource }
  >;
  const service = (svc: Resource): ServiceStructure => {
    const { incoming_webhooks, rules, default_rule, ...config } = svc;
    return {
      config,
      incoming_webhooks: (incoming_webhooks as Resource[] | undefined) ?? [],
      rules: (rules as Resource[] | undefined) ?? [],
      ...(default_rule ? { default_rule: default_rule as Resource } : {}),
    };
  };
  const graphql = (body.graphql ?? {}) as Resource;
  const sync = { ...(body.sync as Resource | undefined) };
  const dataSources = list("data_sources").map(service);
  for (const entry of list("schemas")) attachSchema(dataSources, entry);
  if (sync.state === "") delete sync.state;
  return {
    config_version: CONFIG_VERSION,
    name: body.name as string,
    deployment_model: body.deployment_model as string,
    ...(typeof body.environment === "string" ? { environment: body.environment } : {}),
    ...(Array.isArray(body.allowed_request_origins)
      ? { allowed_request_origins: body.allowed_request_origins as string[] }
      : {}),
    environments: Object.fromEntries(
      ENVIRONMENT_FILES.map(([file, env]) => [file, { values: envs[env]?.values ?? {} }]),
    ),
    values: list("values"),
    auth: {
      providers: Object.fromEntries(list("auth_providers").map((p) => [String(p.name), p])),
      ...(body.custom_user_data ? { custom_user_data: body.custom_user_data as Resource } : {}),
    },
    functions: {
      config: functions.map(({ source: _source, ...f }) => f),
      sources: Object.fromEntries(
        functions.map((f) => [`${String(f.name)}.js`, String(f.source ?? "")]),
      ),
    },
    triggers: list("triggers"),
    data_sources: dataSources,
    http_endpoints: list("https_endpoints").map(service),
    services: list("services").map(service),
    endpoints: { config: list("endpoints") },
    graphql: {
      ...(graphql.config ? { config: graphql.config as Resource } : {}),
      ...(graphql.validation_settings
        ? { validation_settings: graphql.validation_settings as Resource }
        : {}),
      custom_resolvers: (graphql.custom_resolvers as Resource[] | undefined) ?? [],
    },
    ...(body.hosting ? { hosting: body.hosting as Resource } : {}),
    ...(Object.keys(sync).length ? { sync: { config: sync } } : {}),
    log_forwarders: list("log_forwarders"),
    ...(body.data_api_config ? { data_api_config: body.data_api_config as Resource } : {}),
  };
}

/**
 * Refuses a pushed name its create route would refuse, naming where in the push body (the push's
 * own schema states the rule for most names, not for a service rule's: one rule every way).
 */
export function checkPushedNames(registry: SchemaRegistry | undefined, body: Resource): void {
  const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
  const each = (rule: NameCheck, where: string, value: unknown) =>
    list(value).forEach((r, i) => {
      if (typeof r === "object" && r !== null) rule(`${where}[${i}]`, r as Resource);
    });
  const check = (key: string, where: string, value: unknown) =>
    each(nameRuleCheck(registry, key), where, value);
  check("values", "body.values", body.values);
  check("auth_providers", "body.auth_providers", body.auth_providers);
  check("functions", "body.functions", body.functions);
  check("triggers", "body.triggers", body.triggers);
  check("log_forwarders", "body.log_forwarders", body.log_forwarders);
  const graphql = body.graphql as Resource | undefined;
  check("graphql/custom_resolvers", "body.graphql.custom_resolvers", graphql?.custom_resolvers);
  const services = nameRuleCheck(registry, "services");
  const rules = nameRuleCheck(registry, "services/-/rules");
  const webhooks = nameRuleCheck(registry, "services/-/incoming_webhooks");
  for (const field of ["data_sources", "https_endpoints", "services"]) {
    each(services, `body.${field}`, body[field]);
    list(body[field]).forEach((svc, i) => {
      const s = (svc ?? {}) as Resource;
      each(rules, `body.${field}[${i}].rules`, s.rules);
      each(webhooks, `body.${field}[${i}].incoming_webhooks`, s.incoming_webhooks);
    });
  }
}
