import {
  DATA_SOURCE_TYPES,
  HTTP_SERVICE_TYPE,
  type AppStructure,
  type ServiceStructure,
} from "./app-structure.js";
import { newObjectId } from "./ids.js";
import { replaceByName } from "./replace-by-name.js";
import type { Resource, ResourceStore } from "./resource-store.js";

/**
 * Data sources, HTTP services and other services, with their rules, webhooks and default rules;
 * a data source rule's `schema` and `relationships` go to the app's `schemas` (metadata: data
 * source, database, collection), where `GET …/schemas` lists them.
 */
export function importServices(store: ResourceStore, s: AppStructure, merge: boolean): void {
  const services = [
    ...(s.data_sources ?? []).map((x) => withType(x, DATA_SOURCE_TYPES[0]!)),
    ...(s.http_endpoints ?? []).map((x) => withType(x, HTTP_SERVICE_TYPE)),
    ...(s.services ?? []),
  ];
  const stored = replaceByName(
    store,
    "services",
    services.map((svc) => serviceResource(svc, s)),
    merge,
  );
  const schemas: Resource[] = [];
  services.forEach((svc, i) => {
    const base = `services/${stored[i]!._id as string}`;
    const rules: Resource[] = [];
    for (const { schema, relationships, ...rule } of svc.rules ?? []) {
      if (schema !== undefined || relationships !== undefined) {
        const metadata = {
          data_source: svc.config?.name,
          database: rule.database,
          collection: rule.collection,
        };
        schemas.push({ metadata, schema: schema ?? {}, relationships: relationships ?? {} });
        // A namespace folder with only a schema holds no rule.
        if (Object.keys(rule).every((k) => k === "database" || k === "collection")) continue;
      }
      rules.push(rule);
    }
    replaceByName(store, `${base}/rules`, rules, merge, ruleIdentity);
    replaceByName(
      store,
      `${base}/incoming_webhooks`,
      (svc.incoming_webhooks ?? []).map(flatWebhook),
      merge,
    );
    if (svc.default_rule || !merge)
      store.setSetting(
        `${base}/default_rule`,
        svc.default_rule && { _id: newObjectId(store.now()), ...svc.default_rule },
      );
  });
  replaceByName(store, "schemas", schemas, merge, (r) => {
    const m = r.metadata as Resource;
    return `${String(m.data_source)}/${String(m.database)}/${String(m.collection)}`;
  });
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

/**
 * A webhook as the API has it: flat, its source in `function_source` (files give
 * `{config, source}`; the legacy JSON structure a flat webhook with `source`).
 */
function flatWebhook(w: Resource): Resource {
  const nested = typeof w.config === "object" && w.config !== null && "source" in w;
  const { source, ...rest } = nested ? { ...(w.config as Resource), source: w.source } : w;
  return source === undefined ? rest : { ...rest, function_source: source };
}

/** Mongo rules are named by namespace (realm-cli structure.go writeServices), others by name. */
function ruleIdentity(rule: Resource): string {
  return rule.database !== undefined
    ? `${String(rule.database)}.${String(rule.collection)}`
    : String(rule.name);
}
