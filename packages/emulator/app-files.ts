import {
  toStructure,
  type AppSource,
  type AppStructure,
  type ServiceStructure,
} from "./app-structure.js";
import { leavesFolder } from "./file-names.js";
import { HttpError, invalidParameter } from "./http.js";
import type { Resource } from "./resource-store.js";

/** Files of an app configuration by path (`functions/config.json`); a path ending in `/` is a folder. */
export type AppFiles = Map<string, string>;

/** The app's configuration files (hosted files excluded: they have their own API). */
export function exportFiles(app: AppSource): AppFiles {
  return structureToFiles(toStructure(app));
}

/** JSON as the official CLI writes config files: four-space indent and a final newline (realm-cli local/config.go). */
export function configJson(value: unknown): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}

/** Folders the CLI always creates, even empty (realm-cli structure.go / structure_v2.go `MkdirAll`). */
const FOLDERS = [
  "values/",
  "services/",
  "data_sources/",
  "http_endpoints/",
  "graphql/custom_resolvers/",
];

/**
 * Lays a configuration out as the official CLI's files (config version 20210101): `realm_config.json`,
 * `environments/`, `values/`, `auth/`, `functions/`, `triggers/`, `data_sources/`, `http_endpoints/`,
 * `services/`, `graphql/`, `sync/`, `log_forwarders/`, `hosting/config.json`. Sorted paths, so the
 * same configuration always gives the same files.
 */
export function structureToFiles(s: AppStructure): AppFiles {
  const files: AppFiles = new Map(FOLDERS.map((f) => [f, ""]));
  const put = (path: string, value: unknown) => files.set(path, configJson(value));
  const root = ["config_version", "app_id", "name", "location", "deployment_model", "environment"];
  put(
    "realm_config.json",
    Object.fromEntries(
      [...root, "allowed_request_origins"].map((k) => [k, s[k as keyof AppStructure]]),
    ),
  );
  for (const [file, content] of Object.entries(s.environments ?? {}))
    put(`environments/${file}`, content);
  for (const value of s.values ?? []) put(`values/${String(value.name)}.json`, value);
  if (s.auth?.providers) put("auth/providers.json", s.auth.providers);
  if (s.auth?.custom_user_data) put("auth/custom_user_data.json", s.auth.custom_user_data);
  put("functions/config.json", s.functions?.config ?? []);
  for (const [path, source] of Object.entries(s.functions?.sources ?? {}))
    files.set(`functions/${path}`, source);
  for (const trigger of s.triggers ?? []) put(`triggers/${String(trigger.name)}.json`, trigger);
  for (const ds of s.data_sources ?? []) {
    const dir = `data_sources/${String(ds.config?.name)}`;
    put(`${dir}/config.json`, ds.config);
    if (ds.default_rule) put(`${dir}/default_rule.json`, ds.default_rule);
    for (const rule of ds.rules ?? []) {
      const { schema, relationships, ...rest } = rule;
      const ruleDir = `${dir}/${String(rule.database)}/${String(rule.collection)}`;
      // A namespace with a schema and no rules has no rules.json (realm-cli structure_v2.go
      // parseDataSources reads schema.json and relationships.json alone).
      const bare = Object.keys(rest).every((k) => k === "database" || k === "collection");
      if (!bare || (schema === undefined && relationships === undefined))
        put(`${ruleDir}/rules.json`, rest);
      if (schema !== undefined) put(`${ruleDir}/schema.json`, schema);
      if (relationships !== undefined) put(`${ruleDir}/relationships.json`, relationships);
    }
  }
  put("http_endpoints/config.json", s.endpoints?.config ?? []);
  if (s.data_api_config) put("http_endpoints/data_api_config.json", s.data_api_config);
  for (const svc of s.http_endpoints ?? [])
    writeService(files, `http_endpoints/${String(svc.config?.name)}`, svc);
  for (const svc of s.services ?? [])
    writeService(files, `services/${String(svc.config?.name)}`, svc);
  if (s.graphql?.config) put("graphql/config.json", s.graphql.config);
  for (const r of s.graphql?.custom_resolvers ?? [])
    put(
      `graphql/custom_resolvers/${`${String(r.on_type)}_${String(r.field_name)}`.toLowerCase()}.json`,
      r,
    );
  if (s.sync?.config) put("sync/config.json", s.sync.config);
  for (const lf of s.log_forwarders ?? []) put(`log_forwarders/${String(lf.name)}.json`, lf);
  if (s.hosting) put("hosting/config.json", s.hosting);
  return sortedInside(files);
}

/** The files in path order, each checked to stay inside the folder the zip is extracted to. */
export function sortedInside(files: AppFiles): AppFiles {
  for (const path of files.keys())
    if (leavesFolder(path))
      throw new HttpError(
        500,
        `emulator internal error: the app holds a name that makes the file '${path}', outside its folder`,
        "InternalServerError",
      );
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Writes a service's folder: config, default rule, webhooks (config and source), rules. */
export function writeService(files: AppFiles, dir: string, svc: ServiceStructure): void {
  files.set(`${dir}/config.json`, configJson(svc.config));
  if (svc.default_rule) files.set(`${dir}/default_rule.json`, configJson(svc.default_rule));
  for (const webhook of svc.incoming_webhooks ?? []) {
    const { _id, function_source, ...config } = webhook;
    files.set(`${dir}/incoming_webhooks/${String(config.name)}/config.json`, configJson(config));
    files.set(
      `${dir}/incoming_webhooks/${String(config.name)}/source.js`,
      String(function_source ?? ""),
    );
  }
  for (const rule of svc.rules ?? []) {
    const name =
      rule.database !== undefined
        ? `${String(rule.database)}.${String(rule.collection)}`
        : String(rule.name);
    files.set(`${dir}/rules/${name}.json`, configJson(rule));
  }
}

/**
 * Reads a configuration back from its files (the inverse of `structureToFiles`). The root may sit
 * in a folder (a zip of `myapp/…`); `realm_config.json` or the newer `root_config.json` marks it.
 * A file that is not valid JSON is a 400 naming the file.
 */
export function filesToStructure(
  input: AppFiles,
  /** Filled with the path inside the archive of each resource read (for errors naming it). */
  entries: WeakMap<object, string> = new WeakMap(),
): AppStructure {
  const rootFile = [...input.keys()]
    .filter((p) => /(^|\/)(realm_config|root_config)\.json$/.test(p))
    .sort((a, b) => a.split("/").length - b.split("/").length)[0];
  if (!rootFile)
    throw new HttpError(
      400,
      "the configuration has no realm_config.json (or root_config.json)",
      "InvalidParameter",
    );
  const prefix = rootFile.slice(0, rootFile.lastIndexOf("/") + 1);
  const files = new Map<string, string>();
  for (const [path, content] of input)
    if (path.startsWith(prefix)) files.set(path.slice(prefix.length), content);
  const json = (path: string): Resource => {
    try {
      const parsed = JSON.parse(files.get(path)!) as Resource;
      if (typeof parsed === "object" && parsed !== null) entries.set(parsed, prefix + path);
      return parsed;
    } catch (error) {
      throw new HttpError(
        400,
        `invalid JSON in ${path}: ${(error as Error).message.replace(/ in JSON.*$/, "")}`,
        "InvalidParameter",
      );
    }
  };
  const under = (dir: string, pattern: RegExp) =>
    [...files.keys()].filter((p) => p.startsWith(dir) && pattern.test(p.slice(dir.length))).sort();
  /**
   * The files of a folder that holds one file per resource, named after it (`triggers/<name>.json`,
   * `.json` for the name ""), as realm-cli reads them (local/structure.go parseJSONFiles). A file
   * in a folder inside it (what a name with a `/` makes) is refused, naming it: never dropped.
   */
  const flat = (dir: string) => {
    const nested = [...files.keys()].find(
      (p) => p.startsWith(dir) && p.slice(dir.length).includes("/"),
    );
    if (nested !== undefined)
      throw invalidParameter(
        `zip entry '${prefix + nested}'`,
        `a folder inside ${dir} holds no configuration: each file of ${dir} is one resource, named after it, and names take ASCII letters, digits, '_' and '-'`,
      );
    return under(dir, /^[^/]*\.json$/);
  };
  /** A resource made of a file and more: it still comes from that file. */
  const from = (path: string, resource: Resource): Resource => {
    entries.set(resource, prefix + path);
    return resource;
  };
  const s = { ...json(rootFile.slice(prefix.length)) } as unknown as AppStructure;
  s.environments = Object.fromEntries(
    under("environments/", /^[^/]+\.json$/).map((p) => [p.slice(13), json(p)]),
  );
  s.values = flat("values/").map(json);
  s.auth = {
    ...(files.has("auth/providers.json")
      ? { providers: json("auth/providers.json") as Record<string, Resource> }
      : {}),
    ...(files.has("auth/custom_user_data.json")
      ? { custom_user_data: json("auth/custom_user_data.json") }
      : {}),
  };
  s.functions = {
    config: files.has("functions/config.json")
      ? (json("functions/config.json") as unknown as Resource[])
      : [],
    sources: Object.fromEntries(
      under("functions/", /\.js$/)
        .filter((p) => !p.includes("node_modules/"))
        .map((p) => [p.slice(10), files.get(p)!]),
    ),
  };
  s.triggers = flat("triggers/").map(json);
  s.log_forwarders = flat("log_forwarders/").map(json);
  s.data_sources = under("data_sources/", /^[^/]+\/config\.json$/).map((p) => {
    const dir = p.slice(0, -"config.json".length);
    const rules = under(dir, /^[^/]+\/[^/]+\/rules\.json$/).map((r) => {
      const ruleDir = r.slice(0, -"rules.json".length);
      return from(r, {
        ...json(r),
        ...(files.has(`${ruleDir}schema.json`) ? { schema: json(`${ruleDir}schema.json`) } : {}),
        ...(files.has(`${ruleDir}relationships.json`)
          ? { relationships: json(`${ruleDir}relationships.json`) }
          : {}),
      });
    });
    return {
      config: json(p),
      ...(files.has(`${dir}default_rule.json`)
        ? { default_rule: json(`${dir}default_rule.json`) }
        : {}),
      rules,
    };
  });
  s.endpoints = {
    config: files.has("http_endpoints/config.json")
      ? (json("http_endpoints/config.json") as unknown as Resource[])
      : [],
  };
  if (files.has("http_endpoints/data_api_config.json"))
    s.data_api_config = json("http_endpoints/data_api_config.json");
  s.http_endpoints = under("http_endpoints/", /^[^/]+\/config\.json$/).map((p) =>
    readService(p.slice(0, -11), json, under, files),
  );
  s.services = under("services/", /^[^/]+\/config\.json$/).map((p) =>
    readService(p.slice(0, -11), json, under, files),
  );
  s.graphql = {
    ...(files.has("graphql/config.json") ? { config: json("graphql/config.json") } : {}),
    custom_resolvers: flat("graphql/custom_resolvers/").map(json),
  };
  if (files.has("sync/config.json")) s.sync = { config: json("sync/config.json") };
  if (files.has("hosting/config.json")) s.hosting = json("hosting/config.json");
  return s;
}

function readService(
  dir: string,
  json: (p: string) => Resource,
  under: (dir: string, pattern: RegExp) => string[],
  files: Map<string, string>,
): ServiceStructure {
  return {
    config: json(`${dir}config.json`),
    ...(files.has(`${dir}default_rule.json`)
      ? { default_rule: json(`${dir}default_rule.json`) }
      : {}),
    incoming_webhooks: under(`${dir}incoming_webhooks/`, /^[^/]+\/config\.json$/).map((p) => {
      const whDir = p.slice(0, -"config.json".length);
      return { config: json(p), source: files.get(`${whDir}source.js`) ?? "" };
    }),
    rules: under(`${dir}rules/`, /^[^/]+\.json$/).map(json),
  };
}
