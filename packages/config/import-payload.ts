import type { AppFolder } from "./app-folder.js";
import type { ConfigIssue } from "./errors.js";
import { locateJson } from "./json-position.js";
import { inNodeModules, ROOT_CONFIG } from "./layout.js";

/** The JSON body of `POST …/import`: the official CLI's `AppDataV2` (structure_v2.go). */
export type ImportPayload = Record<string, unknown>;

type Doc = Record<string, unknown>;

/**
 * Builds the import body from a parsed folder exactly as the official CLI loads its folder
 * (10gen/realm-cli `internal/local/structure_v2.go` `LoadData`): environments keyed by file name,
 * functions as `{config, sources}` keyed by path below `functions/`, a data source's collection
 * rules carrying their `schema` and `relationships`, webhooks as `{config, source}`. Parts the
 * folder does not have are left out. Layout problems (a function without its source file, a
 * collection folder with a schema but no relationships) come back as issues.
 */
export function buildImportPayload(folder: AppFolder): {
  payload: ImportPayload;
  issues: ConfigIssue[];
} {
  const issues: ConfigIssue[] = [];
  const at = (file: string, pointer: string, message: string) =>
    issues.push({ file, ...locateJson(folder.text.get(file) ?? "", pointer), pointer, message });
  const doc = (path: string) => folder.json.get(path) as Doc | undefined;
  const docs = (pattern: RegExp) =>
    [...folder.json.keys()]
      .filter((path) => pattern.test(path))
      .map((path) => [path, doc(path)] as const);

  const root = doc(ROOT_CONFIG);
  if (root === undefined) {
    issues.push({
      file: ROOT_CONFIG,
      line: undefined,
      column: undefined,
      pointer: "",
      message: "missing: every app folder has one",
    });
  }
  const payload: ImportPayload = { ...(isDoc(root) ? root : {}) };
  const put = (key: string, value: unknown) => {
    if (value !== undefined) payload[key] = value;
  };

  const environments = docs(/^environments\/[^/]+\.json$/);
  if (environments.length > 0) {
    put(
      "environments",
      Object.fromEntries(environments.map(([path, value]) => [path.slice(13), value])),
    );
  }
  put("values", list(docs(/^values\/[^/]+\.json$/)));
  const auth = {
    providers: doc("auth/providers.json"),
    custom_user_data: doc("auth/custom_user_data.json"),
  };
  if (auth.providers !== undefined || auth.custom_user_data !== undefined) put("auth", strip(auth));
  if (doc("sync/config.json") !== undefined) put("sync", { config: doc("sync/config.json") });
  put("functions", functions(folder, at));
  put("triggers", list(docs(/^triggers\/[^/]+\.json$/)));
  const resolvers = list(docs(/^graphql\/custom_resolvers\/[^/]+\.json$/));
  if (doc("graphql/config.json") !== undefined || resolvers !== undefined) {
    put(
      "graphql",
      strip({
        config: doc("graphql/config.json"),
        validation_settings: doc("graphql/validation_settings.json"),
        custom_resolvers: resolvers ?? [],
      }),
    );
  }
  const services = subfolders(folder, "services").map((n) => service(folder, `services/${n}`));
  const http = subfolders(folder, "http_endpoints").map((n) =>
    service(folder, `http_endpoints/${n}`),
  );
  const sources = dataSources(folder, at);
  if (services.length > 0) put("services", services);
  if (sources.length > 0) put("data_sources", sources);
  if (http.length > 0) put("http_endpoints", http);
  if (doc("http_endpoints/config.json") !== undefined)
    put("endpoints", { config: doc("http_endpoints/config.json") });
  put("log_forwarders", list(docs(/^log_forwarders\/[^/]+\.json$/)));
  put("data_api_config", doc("http_endpoints/data_api_config.json"));
  put("hosting", doc("hosting/config.json"));
  return { payload, issues };
}

type At = (file: string, pointer: string, message: string) => void;

function functions(folder: AppFolder, at: At) {
  const config = folder.json.get("functions/config.json");
  const sources: Record<string, string> = {};
  for (const [path, text] of folder.sources) {
    if (path.startsWith("functions/")) sources[path.slice(10)] = text;
  }
  if (config === undefined && Object.keys(sources).length === 0) return undefined;
  if (Array.isArray(config)) {
    config.forEach((entry: unknown, i) => {
      const name = isDoc(entry) ? entry.name : undefined;
      if (typeof name === "string" && !(`${name}.js` in sources)) {
        at(
          "functions/config.json",
          `/${i}/name`,
          inNodeModules(name)
            ? `function ${JSON.stringify(name)} has its source in a node_modules folder, where no function source is read (as the official CLI reads none): rename it`
            : `function ${JSON.stringify(name)} has no source file functions/${name}.js`,
        );
      }
    });
  }
  return { config: config ?? [], sources };
}

function dataSources(folder: AppFolder, at: At) {
  return subfolders(folder, "data_sources").map((name) => {
    const dir = `data_sources/${name}`;
    const rules: Doc[] = [];
    for (const database of subfolders(folder, dir)) {
      for (const collection of subfolders(folder, `${dir}/${database}`)) {
        const base = `${dir}/${database}/${collection}`;
        const rule = folder.json.get(`${base}/rules.json`);
        const schema = folder.json.get(`${base}/schema.json`);
        const relationships = folder.json.get(`${base}/relationships.json`);
        // The CLI's rule: rules.json, or else both schema.json and relationships.json.
        if (rule === undefined && (schema === undefined || relationships === undefined)) {
          const present = schema === undefined ? "relationships.json" : "schema.json";
          at(
            `${base}/${present}`,
            "",
            "a collection folder needs rules.json, or both schema.json and relationships.json",
          );
          continue;
        }
        const named = isDoc(rule) ? rule : { database, collection };
        rules.push(strip({ ...named, schema, relationships }));
      }
    }
    return strip({
      config: folder.json.get(`${dir}/config.json`),
      default_rule: folder.json.get(`${dir}/default_rule.json`),
      rules,
    });
  });
}

/** A legacy service folder: config, default rule, webhooks as `{config, source}`, rules. */
function service(folder: AppFolder, dir: string) {
  const rules = [...folder.json.keys()].filter((path) => {
    const rest = path.startsWith(`${dir}/rules/`) ? path.slice(dir.length + 7) : "";
    return rest.endsWith(".json") && !rest.includes("/");
  });
  return strip({
    config: folder.json.get(`${dir}/config.json`),
    default_rule: folder.json.get(`${dir}/default_rule.json`),
    incoming_webhooks: subfolders(folder, `${dir}/incoming_webhooks`).map((hook) => ({
      config: folder.json.get(`${dir}/incoming_webhooks/${hook}/config.json`),
      source: folder.sources.get(`${dir}/incoming_webhooks/${hook}/source.js`) ?? "",
    })),
    rules: rules.sort().map((path) => folder.json.get(path)),
  });
}

/** Names of the folders directly under `prefix` that hold a file, sorted. */
function subfolders(folder: AppFolder, prefix: string): string[] {
  const names = new Set<string>();
  const start = `${prefix}/`;
  // Each map walked as it is: a push asks this of every file several times (services, data
  // sources and their folders), and copying the paths into one list each time was most of it.
  const take = (path: string) => {
    if (!path.startsWith(start)) return;
    const slash = path.indexOf("/", start.length);
    if (slash > start.length) names.add(path.slice(start.length, slash));
  };
  for (const path of folder.json.keys()) take(path);
  for (const path of folder.sources.keys()) take(path);
  return [...names].sort();
}

function list(entries: ReadonlyArray<readonly [string, unknown]>): unknown[] | undefined {
  return entries.length === 0 ? undefined : entries.map(([, value]) => value);
}

function strip<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

function isDoc(value: unknown): value is Doc {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
