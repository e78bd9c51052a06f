/**
 * `local.LoadApp` over an exported zip: finds the app's config file at the root, decodes it, then
 * reads every directory of the official CLI's layout as `LoadData` does (directories in name order,
 * a missing directory is nil, an empty one an empty list), so the result compares with the data
 * that was imported the way the Go round-trip test compares it.
 */
import { strFromU8 } from "fflate";
import { decode } from "./go-json.js";
import { AppStructureV1, AppStructureV2, SecretsStructure } from "./app-structure.js";

type Json = any;

/** A zip's entries as a read-only directory tree. */
class ZipTree {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>([""]);

  constructor(entries: Record<string, Uint8Array>) {
    for (const [name, bytes] of Object.entries(entries)) {
      const parts = name.split("/").filter(Boolean);
      const isDir = name.endsWith("/");
      for (let i = 1; i < parts.length + (isDir ? 1 : 0); i++) {
        this.dirs.add(parts.slice(0, i).join("/"));
      }
      if (!isDir) this.files.set(parts.join("/"), strFromU8(bytes));
    }
  }

  isDir = (path: string) => this.dirs.has(path);
  read = (path: string) => this.files.get(path);

  /** `ioutil.ReadDir`: the children of a directory, sorted by name. */
  list(dir: string): { name: string; path: string; isDir: boolean }[] {
    const prefix = dir === "" ? "" : `${dir}/`;
    const names = new Set<string>();
    for (const path of [...this.files.keys(), ...this.dirs]) {
      if (path.startsWith(prefix) && path !== dir)
        names.add(path.slice(prefix.length).split("/")[0]!);
    }
    return [...names].sort().map((name) => {
      const path = prefix + name;
      return { name, path, isDir: this.dirs.has(path) };
    });
  }
}

const join = (...parts: string[]) => parts.filter(Boolean).join("/");

/** The app data of an exported zip, and which config file it was found by. */
export function loadApp(entries: Record<string, Uint8Array>): { configFile: string; data: Json } {
  const tree = new ZipTree(entries);
  const parse = (path: string, want: "object" | "array"): Json => {
    const text = tree.read(path);
    if (text === undefined || text === "") return undefined;
    const value = JSON.parse(text);
    if (value !== null && Array.isArray(value) !== (want === "array")) {
      throw new Error(`${path}: expected a JSON ${want}`);
    }
    return value ?? undefined;
  };
  const json = (path: string) => parse(path, "object");
  const jsonFiles = (dir: string) =>
    tree.isDir(dir)
      ? tree
          .list(dir)
          .filter((f) => !f.isDir)
          .map((f) => json(f.path))
      : undefined;
  const subdirs = (dir: string) => tree.list(dir).filter((f) => f.isDir);
  const functions = (dir: string) => {
    if (!tree.isDir(dir)) return undefined;
    const out = subdirs(dir)
      .filter((d) => !d.path.includes("node_modules"))
      .map((d) => {
        const source = tree.read(join(d.path, "source.js"));
        if (source === undefined) throw new Error(`${d.path}/source.js: missing`);
        return { config: json(join(d.path, "config.json")), source };
      });
    return out.length ? out : undefined;
  };
  const services = () => {
    const out = subdirs("services").map((d) => ({
      config: json(join(d.path, "config.json")),
      default_rule: json(join(d.path, "default_rule.json")),
      incoming_webhooks: functions(join(d.path, "incoming_webhooks")),
      rules: jsonFiles(join(d.path, "rules")),
    }));
    return out.length ? out : undefined;
  };
  const common = (data: Json) => {
    const secrets = tree.read("secrets.json");
    data.secrets = decode(SecretsStructure, secrets === undefined ? {} : JSON.parse(secrets));
    const environments = tree.list("environments").filter((f) => !f.isDir);
    data.environments = environments.length
      ? Object.fromEntries(environments.map((f) => [f.name, json(f.path)]))
      : undefined;
    data.values = jsonFiles("values");
    data.triggers = jsonFiles("triggers");
    if (tree.isDir("graphql")) {
      const resolvers = jsonFiles("graphql/custom_resolvers");
      data.graphql = { config: json("graphql/config.json"), custom_resolvers: resolvers };
    }
    data.services = services();
    data.log_forwarders = jsonFiles("log_forwarders");
  };

  const configFile = findConfigFile(tree);
  const v2 = configFile === "realm_config.json";
  const data = decode(v2 ? AppStructureV2 : AppStructureV1, json(configFile) ?? {}) as Json;
  if (data.config_version === 0) throw new Error(`${configFile}: no config_version`);
  common(data);
  if (!v2) {
    data.auth_providers = jsonFiles("auth_providers");
    data.functions = functions("functions");
    const dataApi = json("data_api_config.json");
    if (dataApi && Object.keys(dataApi).length) data.data_api_config = dataApi;
    return { configFile, data };
  }
  data.auth = tree.isDir("auth")
    ? {
        custom_user_data: json("auth/custom_user_data.json"),
        providers: json("auth/providers.json"),
      }
    : { custom_user_data: undefined, providers: undefined };
  data.sync = { config: tree.isDir("sync") ? json("sync/config.json") : undefined };
  data.functions = functionsV2(tree, parse);
  data.data_sources = dataSources(tree, json);
  data.http_endpoints = subdirs("http_endpoints").map((d) => ({
    config: json(join(d.path, "config.json")),
    incoming_webhooks: functions(join(d.path, "incoming_webhooks")) ?? [],
    rules: jsonFiles(join(d.path, "rules")) ?? [],
  }));
  if (!data.http_endpoints.length) data.http_endpoints = undefined;
  data.endpoints = {
    config: tree.isDir("http_endpoints") ? parse("http_endpoints/config.json", "array") : undefined,
  };
  const dataApi = json("http_endpoints/data_api_config.json");
  if (dataApi && Object.keys(dataApi).length) data.data_api_config = dataApi;
  return { configFile, data };
}

/** `loadAppRoot`: `.mdb/app_meta.json` decides, else the last of the three config files present. */
function findConfigFile(tree: ZipTree): string {
  const byVersion: Record<number, string> = {
    20210101: "realm_config.json",
    20200603: "config.json",
    20180301: "stitch.json",
  };
  const meta = tree.read(".mdb/app_meta.json");
  const chosen = meta ? byVersion[JSON.parse(meta).config_version] : undefined;
  if (chosen) return chosen;
  const present = ["realm_config.json", "config.json", "stitch.json"].filter((f) => tree.read(f));
  if (!present.length) throw new Error("failed to find app at the zip's root");
  return present[present.length - 1]!;
}

/** `parseFunctionsV2`: `functions/config.json` and every `.js` file outside `node_modules`. */
function functionsV2(tree: ZipTree, parse: (path: string, want: "array") => Json) {
  if (!tree.isDir("functions")) return { config: undefined, sources: undefined };
  const sources: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const f of tree.list(dir)) {
      if (f.name === "node_modules") continue;
      if (f.isDir) walk(f.path);
      else if (f.name.endsWith(".js"))
        sources[f.path.slice("functions/".length)] = tree.read(f.path)!;
    }
  };
  walk("functions");
  return { config: parse("functions/config.json", "array"), sources };
}

/** `parseDataSources`: each source's config, default rule, and per-collection rules with schemas. */
function dataSources(tree: ZipTree, json: (path: string) => Json) {
  const dirs = (dir: string) => tree.list(dir).filter((f) => f.isDir);
  const out = dirs("data_sources").map((source) => {
    let rules: Json[] | undefined;
    for (const db of dirs(source.path)) {
      for (const coll of dirs(db.path)) {
        let rule = json(join(coll.path, "rules.json"));
        const schema = json(join(coll.path, "schema.json"));
        const relationships = json(join(coll.path, "relationships.json"));
        if (rule === undefined) {
          if (schema === undefined || relationships === undefined) {
            throw new Error(`${coll.path}: needs rules.json or schema.json and relationships.json`);
          }
          rule = { database: db.name, collection: coll.name };
        } else if (Object.keys(rule).length === 0) {
          throw new Error(`${coll.path}/rules.json: rules file cannot be empty`);
        }
        if (schema !== undefined) rule.schema = schema;
        if (relationships !== undefined) rule.relationships = relationships;
        (rules ??= []).push(rule);
      }
    }
    return {
      config: json(join(source.path, "config.json")),
      default_rule: json(join(source.path, "default_rule.json")),
      rules,
    };
  });
  return out.length ? out : undefined;
}
