import type { AppInstance, PushPullAppConfig } from "../../generated/models.js";
import {
  APP_META,
  checkFileName,
  CONFIG_VERSION,
  ENVIRONMENT_FILES,
  inNodeModules,
  ROOT_CONFIG,
} from "./layout.js";
import { AdminError } from "../core/errors.js";
import { MAX_JSON_DEPTH } from "./json-position.js";
import { stableJson, tooDeepPointer } from "./stable-json.js";

type Doc = Record<string, unknown>;

/** Who the files are for: the app as `GET /apps/{appId}` describes it, and its project. */
export interface AppIdentity {
  groupId: string;
  app: AppInstance;
}

/**
 * Renders an app's configuration (`GET …/pull` as JSON) as the files of the official CLI's
 * folder (config version 20210101), by path, each printed by `stableJson` (sources as given).
 * Lists that the API returns in any order are keyed or sorted by name, so the same app always
 * gives the same bytes. A name that cannot be a file name throws before anything is written.
 */
export function renderAppFiles(config: PushPullAppConfig, who: AppIdentity): Map<string, string> {
  const files = new Map<string, string>();
  // Each path is set once: two resources the layout maps to one file (resolvers whose names
  // differ only by case, a name listed twice) throw, naming both, instead of the second replacing
  // the first, which the next push would then delete from the app.
  const owners = new Map<string, string>();
  const add: Add = (path, text, who = path) => {
    const first = owners.get(path);
    if (first !== undefined) {
      throw new TypeError(
        `${first} and ${who} would both be written to ${path}: the folder has one file for each, so one would be lost`,
      );
    }
    owners.set(path, who);
    files.set(path, text);
  };
  const json: Json = (path, value, who) => {
    if (value !== undefined && value !== null) add(path, printed(path, value), who);
  };
  const c = config as PushPullAppConfig & Doc;
  const { app } = who;

  json(ROOT_CONFIG, {
    app_id: app.client_app_id,
    config_version: CONFIG_VERSION,
    name: c.name,
    location: app.location,
    provider_region: c.provider_region,
    deployment_model: c.deployment_model,
    environment: c.environment || undefined,
    allowed_request_origins: c.allowed_request_origins,
  });
  json(APP_META, { app_id: app._id, config_version: CONFIG_VERSION, group_id: who.groupId });

  const providers = byName(c.auth_providers, "auth provider", false, "an");
  if (providers.length > 0) json("auth/providers.json", Object.fromEntries(providers));
  json("auth/custom_user_data.json", c.custom_user_data);

  const functions = byName(c.functions, "function", true);
  const hidden = functions.find(([name]) => inNodeModules(name));
  if (hidden) {
    throw new TypeError(
      `the function ${JSON.stringify(hidden[0])} would be written into a node_modules folder, where a push (as the official CLI's) reads no function sources`,
    );
  }
  if (functions.length > 0) {
    json(
      "functions/config.json",
      functions.map(([, fn]) => omit(fn, "source")),
    );
    for (const [name, fn] of functions) add(`functions/${name}.js`, String(fn.source ?? ""));
  }
  for (const [name, trigger] of byName(c.triggers, "trigger"))
    json(`triggers/${name}.json`, byNames(trigger));
  for (const [name, value] of byName(c.values, "value")) json(`values/${name}.json`, value);
  for (const [name, lf] of byName(c.log_forwarders, "log forwarder")) {
    json(`log_forwarders/${name}.json`, lf);
  }

  const environments = (c.environments as Doc | undefined)?.values as Doc | undefined;
  for (const [key, file] of Object.entries(ENVIRONMENT_FILES)) {
    if (environments?.[key] !== undefined) json(`environments/${file}.json`, environments[key]);
  }

  dataSources(c, json);
  const endpoints = asDocs(c.endpoints);
  if (endpoints.length > 0) {
    const key = (e: Doc) => `${e.route} ${e.http_method}`;
    json(
      "http_endpoints/config.json",
      [...endpoints].sort((a, b) => compare(key(a), key(b))).map(byNames),
    );
  }
  json("http_endpoints/data_api_config.json", c.data_api_config);
  services(c.https_endpoints, "http_endpoints", add, json);
  services(c.services, "services", add, json);

  const graphql = c.graphql as Doc | undefined;
  json("graphql/config.json", graphql?.config);
  json("graphql/validation_settings.json", graphql?.validation_settings);
  for (const resolver of asDocs(graphql?.custom_resolvers)) {
    const name = `${String(resolver.on_type)}_${String(resolver.field_name)}`.toLowerCase();
    json(
      `graphql/custom_resolvers/${checkFileName(name, "a custom resolver")}.json`,
      byNames(resolver),
      `the custom resolver ${String(resolver.on_type)}.${String(resolver.field_name)}`,
    );
  }
  // `state: ""` alone is the API's "Sync is not configured" (spec `FlexibleSync.state`): no file,
  // so a push does not configure it.
  const sync = c.sync as Doc | undefined;
  if (sync && !(Object.keys(sync).length === 1 && sync.state === ""))
    json("sync/config.json", sync);
  json("hosting/config.json", c.hosting);
  return files;
}

/**
 * `value` as the file `path` holds it; deeper than a config file may nest, refused naming the file
 * and where (the pointer's first twelve segments: past the limit it has a thousand).
 */
function printed(path: string, value: unknown): string {
  try {
    return stableJson(value);
  } catch (error) {
    const pointer = tooDeepPointer(value);
    if (pointer === undefined) throw error;
    const shown = pointer.split("/", 13).join("/");
    throw new AdminError(
      `${path}: nested deeper than ${MAX_JSON_DEPTH} levels at ${shown}` +
        `${shown.length < pointer.length ? "/…" : ""}: a push could not read it back, so it is not written`,
    );
  }
}

type Add = (path: string, text: string, who?: string) => void;
type Json = (path: string, value: unknown, who?: string) => void;

function dataSources(c: Doc, json: Json): void {
  const schemas = asDocs(c.schemas);
  for (const [name, source] of byName(c.data_sources, "data source")) {
    const dir = `data_sources/${name}`;
    json(`${dir}/config.json`, omit(source, "rules", "default_rule"));
    json(`${dir}/default_rule.json`, source.default_rule);
    for (const rule of asDocs(source.rules)) {
      const base = collectionDir(dir, rule.database, rule.collection);
      const who = `the rules of ${String(rule.database)}.${String(rule.collection)} in ${dir}`;
      json(`${base}/rules.json`, omit(rule, "schema", "relationships"), who);
    }
    for (const schema of schemas) {
      const meta = (schema.metadata ?? {}) as Doc;
      if (meta.data_source !== name) continue;
      const base = collectionDir(dir, meta.database, meta.collection);
      json(`${base}/schema.json`, schema.schema ?? {});
      // The official CLI reads a collection folder without rules.json only with both files.
      json(`${base}/relationships.json`, schema.relationships ?? {});
    }
  }
}

function collectionDir(dir: string, database: unknown, collection: unknown): string {
  return `${dir}/${checkFileName(database, "a rule's database")}/${checkFileName(collection, "a rule's collection")}`;
}

/** Legacy third-party services: config, webhooks (config + source.js) and rules per service. */
function services(list: unknown, top: string, add: Add, json: Json): void {
  for (const [name, svc] of byName(list, "service")) {
    const dir = `${top}/${name}`;
    json(`${dir}/config.json`, omit(svc, "incoming_webhooks", "rules", "default_rule"));
    json(`${dir}/default_rule.json`, svc.default_rule);
    for (const [hook, webhook] of byName(svc.incoming_webhooks, "webhook")) {
      // The webhook's `_id` is the server's: the CLI's webhook files hold none (realm-cli
      // internal/local/testdata/full_project/services/http/incoming_webhooks/find/config.json).
      json(`${dir}/incoming_webhooks/${hook}/config.json`, omit(webhook, "function_source", "_id"));
      add(`${dir}/incoming_webhooks/${hook}/source.js`, String(webhook.function_source ?? ""));
    }
    for (const [rule, value] of byName(svc.rules, "service rule"))
      json(`${dir}/rules/${rule}.json`, value);
  }
}

/**
 * The objects of a list with their names, sorted by name; a name unusable as a file name, or
 * listed twice (one file, or one key of a map, for two resources), throws.
 */
function byName(list: unknown, what: string, nested = false, article = "a"): [string, Doc][] {
  const named = asDocs(list)
    .map((item): [string, Doc] => [checkFileName(item.name, `${article} ${what}`, nested), item])
    .sort(([a], [b]) => compare(a, b));
  for (let i = 1; i < named.length; i++) {
    if (named[i]![0] === named[i - 1]![0]) {
      throw new TypeError(
        `the app lists two of its ${what}s named ${JSON.stringify(named[i]![0])}`,
      );
    }
  }
  return named;
}

function asDocs(list: unknown): Doc[] {
  return Array.isArray(list)
    ? list.filter(
        (item): item is Doc => item !== null && typeof item === "object" && !Array.isArray(item),
      )
    : [];
}

/**
 * A document as a config file has it: wherever it names a function or a service
 * (`function_name`, `service_name`), the id beside the name (`function_id`, `service_id`) is left
 * out. The API's configuration carries both; the CLI's files name what they refer to (realm-cli
 * import_export_test.go: triggers, endpoints and resolvers round-trip by name), and the server
 * resolves the names on import, so the ids would only tie the folder to one app.
 */
function byNames(doc: Doc): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(doc)) {
    const named = /^(function|service)_id$/.exec(key);
    if (named && typeof doc[`${named[1]}_name`] === "string" && doc[`${named[1]}_name`] !== "")
      continue;
    out[key] =
      value !== null && typeof value === "object" && !Array.isArray(value)
        ? byNames(value as Doc)
        : value;
  }
  return out;
}

function omit(doc: Doc, ...keys: string[]): Doc {
  const out = { ...doc };
  for (const key of keys) delete out[key];
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
