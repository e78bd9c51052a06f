import { configJson, sortedInside, writeService, type AppFiles } from "./app-files.js";
import { CONFIG_VERSION, type AppStructure } from "./app-structure.js";
import type { Resource } from "./resource-store.js";

/** The older configuration versions and their root file (realm-cli realm.go, local/data.go). */
export const LEGACY_VERSIONS: Record<number, string> = {
  20180301: "stitch.json",
  20200603: "config.json",
};

/**
 * A configuration in the older layout (realm-cli internal/local/structure_v1.go `AppStructureV1`):
 * security, custom user data and sync in the root file; functions as `{config, source}`; auth
 * providers as a list; every service (data sources and HTTP services too) under `services/`.
 */
export interface LegacyStructure extends Pick<
  AppStructure,
  | "config_version"
  | "app_id"
  | "name"
  | "location"
  | "deployment_model"
  | "environment"
  | "environments"
  | "hosting"
  | "secrets"
  | "triggers"
  | "graphql"
  | "services"
  | "values"
  | "log_forwarders"
  | "data_api_config"
> {
  security?: { allowed_request_origins?: string[] } & Resource;
  custom_user_data_config?: Resource;
  sync?: Resource;
  auth_providers?: Resource[];
  functions?: { config?: Resource; source?: string }[];
}

/** A legacy configuration as the current structure (what `applyStructure` takes). */
export function fromLegacy(v1: LegacyStructure): AppStructure {
  const functions = v1.functions ?? [];
  return {
    config_version: CONFIG_VERSION,
    ...pick(v1, ["app_id", "name", "location", "deployment_model", "environment"]),
    environments: v1.environments,
    allowed_request_origins: v1.security?.allowed_request_origins,
    values: v1.values,
    auth: {
      custom_user_data: v1.custom_user_data_config,
      providers: Object.fromEntries((v1.auth_providers ?? []).map((p) => [String(p.name), p])),
    },
    functions: {
      config: functions.map((f) => f.config ?? {}),
      sources: Object.fromEntries(
        functions.map((f) => [`${String(f.config?.name)}.js`, f.source ?? ""]),
      ),
    },
    triggers: v1.triggers,
    services: v1.services,
    graphql: v1.graphql,
    hosting: v1.hosting,
    ...(v1.sync ? { sync: { config: v1.sync } } : {}),
    secrets: v1.secrets,
    log_forwarders: v1.log_forwarders,
    data_api_config: v1.data_api_config,
  };
}

/** The files of a configuration in a legacy version's layout. */
export function legacyFiles(s: AppStructure, version: number): AppFiles {
  const files: AppFiles = new Map([
    ["values/", ""],
    ["services/", ""],
    ["functions/", ""],
    ["auth_providers/", ""],
    ["graphql/custom_resolvers/", ""],
  ]);
  const put = (path: string, value: unknown) => files.set(path, configJson(value));
  put(LEGACY_VERSIONS[version]!, {
    config_version: version,
    app_id: s.app_id,
    name: s.name,
    location: s.location,
    deployment_model: s.deployment_model,
    ...(s.environment ? { environment: s.environment } : {}),
    security: s.allowed_request_origins?.length
      ? { allowed_request_origins: s.allowed_request_origins }
      : {},
    ...(s.hosting ? { hosting: s.hosting } : {}),
    custom_user_data_config: s.auth?.custom_user_data ?? { enabled: false },
    sync: s.sync?.config ?? { development_mode_enabled: false },
  });
  for (const [file, content] of Object.entries(s.environments ?? {}))
    put(`environments/${file}`, content);
  for (const value of s.values ?? []) put(`values/${String(value.name)}.json`, value);
  for (const provider of Object.values(s.auth?.providers ?? {}))
    put(`auth_providers/${String(provider.name)}.json`, provider);
  const sources = s.functions?.sources ?? {};
  for (const config of s.functions?.config ?? []) {
    const name = String(config.name);
    put(`functions/${name}/config.json`, config);
    files.set(`functions/${name}/source.js`, sources[`${name}.js`] ?? "");
  }
  for (const trigger of s.triggers ?? []) put(`triggers/${String(trigger.name)}.json`, trigger);
  for (const lf of s.log_forwarders ?? []) put(`log_forwarders/${String(lf.name)}.json`, lf);
  if (s.graphql?.config) put("graphql/config.json", s.graphql.config);
  for (const r of s.graphql?.custom_resolvers ?? [])
    put(
      `graphql/custom_resolvers/${`${String(r.on_type)}_${String(r.field_name)}`.toLowerCase()}.json`,
      r,
    );
  if (s.data_api_config) put("data_api_config.json", s.data_api_config);
  const services = [...(s.data_sources ?? []), ...(s.http_endpoints ?? []), ...(s.services ?? [])];
  for (const svc of services) writeService(files, `services/${String(svc.config?.name)}`, svc);
  return sortedInside(files);
}

function pick(source: LegacyStructure, keys: (keyof LegacyStructure)[]): Partial<AppStructure> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out as Partial<AppStructure>;
}
