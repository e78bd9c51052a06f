import {
  CONFIG_VERSION,
  DATA_SOURCE_TYPES,
  ENVIRONMENT_FILES,
  HTTP_SERVICE_TYPE,
  type AppStructure,
  type ServiceStructure,
} from "./app-structure.js";
import { setHosting } from "./app-routes.js";
import { HttpError, invalidParameter } from "./http.js";
import { newObjectId } from "./ids.js";
import type { Resource, ResourceStore } from "./resource-store.js";
import type { AppState } from "./state.js";

/**
 * Applies a whole configuration with the `replace-by-name` strategy (realm-cli import.go): each
 * kind of resource becomes exactly what the configuration lists; a resource whose name (or route,
 * or namespace) matches an existing one keeps its `_id`; what the configuration leaves out is
 * removed. Secrets named in `secrets` are created (`__<service>_<field>`, realm-cli
 * import_export_test.go) and referenced from the service's `secret_config`.
 */
export function applyStructure(app: AppState, s: AppStructure): void {
  if (
    s.config_version !== undefined &&
    s.config_version !== CONFIG_VERSION &&
    s.config_version !== 0
  )
    throw invalidParameter(
      "body.config_version",
      `only ${CONFIG_VERSION} is supported by the emulator, got ${s.config_version}`,
    );
  const { store } = app;
  for (const [field, key] of [
    ["location", "location"],
    ["deployment_model", "deployment_model"],
    ["environment", "environment"],
  ] as const)
    if (typeof s[field] === "string") app.app[key] = s[field];
  store.setSetting("security/allowed_request_origins", s.allowed_request_origins ?? []);

  const secrets = store.list("secrets");
  for (const [owner, fields] of Object.entries({
    ...s.secrets?.services,
    ...s.secrets?.auth_providers,
  })) {
    for (const [field, value] of Object.entries(fields)) {
      const name = `__${owner}_${field}`;
      const at = secrets.findIndex((x) => x.name === name);
      if (at >= 0) secrets[at] = { ...secrets[at], value };
      else secrets.push({ _id: newObjectId(), name, value });
    }
  }
  store.replaceCollection("secrets", secrets);

  const envNames = new Map<string, Record<string, unknown>>();
  for (const [file, env] of ENVIRONMENT_FILES)
    for (const [name, value] of Object.entries(s.environments?.[file]?.values ?? {}))
      envNames.set(name, { ...envNames.get(name), [env]: value });
  replaceByName(
    store,
    "environment_values",
    [...envNames].map(([name, values]) => ({ name, values })),
  );
  replaceByName(store, "values", s.values ?? []);
  replaceByName(store, "auth_providers", Object.values(s.auth?.providers ?? {}));
  store.setSetting("custom_user_data", s.auth?.custom_user_data ?? { enabled: false });

  const sources = s.functions?.sources ?? {};
  const stamp = Math.floor(Date.now() / 1000);
  replaceByName(
    store,
    "functions",
    (s.functions?.config ?? []).map((f) => ({
      ...f,
      source: sources[`${String(f.name)}.js`] ?? f.source ?? "",
      last_modified: stamp,
    })),
  );
  replaceByName(store, "triggers", s.triggers ?? []);
  replaceByName(store, "log_forwarders", s.log_forwarders ?? []);
  replaceByName(
    store,
    "graphql/custom_resolvers",
    s.graphql?.custom_resolvers ?? [],
    (r) => `${String(r.on_type)}.${String(r.field_name)}`,
  );
  replaceByName(
    store,
    "endpoints",
    s.endpoints?.config ?? [],
    (e) => `${String(e.http_method)} ${String(e.route)}`,
  );
  store.setSetting("graphql/config", s.graphql?.config ?? { use_natural_pluralization: true });
  store.setSetting("sync/config", s.sync?.config);
  store.setSetting("data_api/config", s.data_api_config);
  setHosting(app, s.hosting?.enabled === true, s.hosting?.enabled ? withoutStatus(s.hosting) : {});

  const services = [
    ...(s.data_sources ?? []).map((x) => withType(x, DATA_SOURCE_TYPES[0]!)),
    ...(s.http_endpoints ?? []).map((x) => withType(x, HTTP_SERVICE_TYPE)),
    ...(s.services ?? []),
  ];
  const stored = replaceByName(
    store,
    "services",
    services.map((svc) => serviceResource(svc, s)),
  );
  services.forEach((svc, i) => {
    const base = `services/${stored[i]!._id as string}`;
    replaceByName(store, `${base}/rules`, svc.rules ?? [], ruleIdentity);
    replaceByName(
      store,
      `${base}/incoming_webhooks`,
      (svc.incoming_webhooks ?? []).map(flatWebhook),
    );
    store.setSetting(
      `${base}/default_rule`,
      svc.default_rule && { _id: newObjectId(), ...svc.default_rule },
    );
  });
}

/** Replaces a collection by identity (default `name`), keeping the ids of resources that stay. */
function replaceByName(
  store: ResourceStore,
  key: string,
  incoming: Resource[],
  identity: (r: Resource) => string = (r) => String(r.name),
): Resource[] {
  const ids = new Map(store.list(key).map((r) => [identity(r), r._id as string]));
  const seen = new Set<string>();
  const resources = incoming.map((r) => {
    const id = identity(r);
    if (seen.has(id))
      throw new HttpError(
        400,
        `duplicate ${key.replace(/^.*\//, "")} '${id}' in the configuration`,
        "InvalidParameter",
      );
    seen.add(id);
    return { ...r, _id: ids.get(id) ?? newObjectId() };
  });
  store.replaceCollection(key, resources);
  return resources;
}

function serviceResource(svc: ServiceStructure, s: AppStructure): Resource {
  const config = { ...svc.config };
  const name = String(config.name);
  const secretFields = s.secrets?.services?.[name];
  if (secretFields)
    config.secret_config = {
      ...(config.secret_config as object | undefined),
      ...Object.fromEntries(Object.keys(secretFields).map((f) => [f, `__${name}_${f}`])),
    };
  return config;
}

function withType(svc: ServiceStructure, type: string): ServiceStructure {
  return svc.config?.type ? svc : { ...svc, config: { ...svc.config, type } };
}

/** A webhook as stored: flat, with its source (files give `{config, source}`). */
function flatWebhook(w: Resource): Resource {
  if (typeof w.config === "object" && w.config !== null && "source" in w)
    return { ...(w.config as Resource), source: w.source };
  return w;
}

/** Mongo rules are named by namespace (realm-cli structure.go writeServices), others by name. */
function ruleIdentity(rule: Resource): string {
  return rule.database !== undefined
    ? `${String(rule.database)}.${String(rule.collection)}`
    : String(rule.name);
}

function withoutStatus(hosting: Resource): Resource {
  const { status: _status, default_domain: _domain, enabled: _enabled, ...rest } = hosting;
  return rest;
}
