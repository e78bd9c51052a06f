import { checkFileNames, nameRuleCheck, type NameCheck, type Where } from "./file-names.js";
import {
  CONFIG_VERSION,
  ENVIRONMENT_FILES,
  type AppStructure,
  type ServiceStructure,
} from "./app-structure.js";
import { setHosting } from "./app-routes.js";
import { withLinkIds } from "./config-links.js";
import { invalidParameter } from "./http.js";
import { newObjectId } from "./ids.js";
import { replaceByName } from "./replace-by-name.js";
import type { Resource, ResourceStore, StoreSnapshot } from "./resource-store.js";
import type { SchemaRegistry } from "./schema-registry.js";
import { importServices } from "./service-import.js";
import type { AppRecord, AppState } from "./state.js";

/**
 * How an import matches the configuration with the app (realm-cli's `import --strategy`, whose
 * default was `merge`): `merge` keeps what the configuration does not mention; `replace` and
 * `replace-by-name` remove it. Resources are matched by name under all three (the server's
 * `replace` matches by `_id`, which the 20210101 files do not hold: a guess that they agree).
 */
export type ImportStrategy = "merge" | "replace" | "replace-by-name";

/** How `applyStructure` imports. */
export interface ImportOptions {
  strategy?: ImportStrategy;
  /**
   * A name that refers to nothing is a 400 (default). Off for `PATCH /push`, whose configuration
   * carries the ids beside the names (the spec's constructors): an unresolved name keeps its id.
   */
  strict?: boolean;
  /** The operation schemas: names are held to the rules of their create routes. */
  registry?: SchemaRegistry;
  /** For a zip: the archive entry each resource was read from, so an error names the file. */
  entries?: WeakMap<object, string>;
}

/**
 * Applies a whole configuration (realm-cli import.go): each kind of resource becomes what the
 * configuration lists, matched by name (or route, or namespace) so that a resource that stays
 * keeps its `_id`; names the configuration refers by (a trigger's function and data source, an
 * endpoint's function) are resolved to ids, and an unknown one is a 400 when `strict`. Secrets named in
 * `secrets` are created (`__<service>_<field>`, realm-cli import_export_test.go) and referenced
 * from the service's `secret_config`.
 */
export function applyStructure(app: AppState, s: AppStructure, options: ImportOptions = {}): void {
  // All or nothing: a 400 found halfway (a trigger naming no function) must not leave the
  // values and functions before it imported.
  const saved = saveApp(app);
  try {
    applyAll(app, s, options);
  } catch (error) {
    restoreApp(app, saved);
    throw error;
  }
}

/** What an import changes: the app's resources and its record. */
export interface SavedApp {
  store: StoreSnapshot;
  record: AppRecord;
}

/** The app as it is now, for `restoreApp` (the snapshot shares the stored, frozen objects). */
export function saveApp(app: AppState): SavedApp {
  return { store: app.store.snapshot(), record: { ...app.app } };
}

/** Puts the app back as it was saved, in place. */
export function restoreApp(app: AppState, saved: SavedApp): void {
  app.store.restore(saved.store);
  // A field the import added (an environment the app had none of) goes too.
  const record = app.app as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!(key in saved.record)) delete record[key];
  Object.assign(app.app, saved.record);
}

function applyAll(
  app: AppState,
  s: AppStructure,
  { strategy = "replace-by-name", strict = true, registry, entries }: ImportOptions,
): void {
  if (
    s.config_version !== undefined &&
    s.config_version !== CONFIG_VERSION &&
    s.config_version !== 0
  )
    throw invalidParameter(
      "body.config_version",
      `only ${CONFIG_VERSION} is supported by the emulator, got ${s.config_version}`,
    );
  checkNames(s, registry, entries);
  const { store } = app;
  const merge = strategy === "merge";
  const replace = (key: string, incoming: Resource[], identity?: (r: Resource) => string) =>
    replaceByName(store, key, incoming, merge, identity);
  const setting = (key: string, value: unknown, fallback?: unknown) => {
    if (value !== undefined || !merge) store.setSetting(key, value ?? fallback);
  };
  for (const field of ["location", "deployment_model", "environment"] as const)
    if (typeof s[field] === "string") app.app[field] = s[field];
  setting("security/allowed_request_origins", s.allowed_request_origins, []);
  importSecrets(store, s);

  const envNames = new Map<string, Record<string, unknown>>();
  for (const [file, env] of ENVIRONMENT_FILES)
    for (const [name, value] of Object.entries(s.environments?.[file]?.values ?? {}))
      envNames.set(name, { ...envNames.get(name), [env]: value });
  replace(
    "environment_values",
    [...envNames].map(([name, values]) => ({ name, values })),
  );
  replace("values", listOf("body.values", s.values));
  replace("auth_providers", Object.values(objectsOf("body.auth.providers", s.auth?.providers)));
  setting("custom_user_data", s.auth?.custom_user_data, { enabled: false });

  const sources = s.functions?.sources ?? {};
  const stamp = Math.floor(app.now() / 1000);
  replace(
    "functions",
    listOf("body.functions.config", s.functions?.config).map((f) => ({
      ...f,
      source: sources[`${String(f.name)}.js`] ?? f.source ?? "",
      last_modified: stamp,
    })),
  );
  for (const field of ["data_sources", "http_endpoints", "services"] as const)
    listOf(`body.${field}`, s[field]);
  importServices(store, s, merge);
  // What refers by name to a function or a data source comes after them.
  const linked = (key: string, where: string, list: unknown) =>
    listOf(where, list).map((r) => withLinkIds(key, r, store, strict));
  replace("triggers", linked("triggers", "body.triggers", s.triggers));
  replace("log_forwarders", listOf("body.log_forwarders", s.log_forwarders));
  replace(
    "graphql/custom_resolvers",
    linked(
      "graphql/custom_resolvers",
      "body.graphql.custom_resolvers",
      s.graphql?.custom_resolvers,
    ),
    (r) => `${String(r.on_type)}.${String(r.field_name)}`,
  );
  replace(
    "endpoints",
    linked("endpoints", "body.endpoints.config", s.endpoints?.config),
    (e) => `${String(e.http_method)} ${String(e.route)}`,
  );
  setting("graphql/config", s.graphql?.config, { use_natural_pluralization: true });
  setting("validation_settings/graphql", s.graphql?.validation_settings);
  setting("sync/config", s.sync?.config);
  setting("data_api/config", s.data_api_config);
  if (s.hosting || !merge)
    setHosting(
      app,
      s.hosting?.enabled === true,
      s.hosting?.enabled ? withoutStatus(s.hosting) : {},
    );
}

/**
 * Refuses, naming where, a name that would make a file outside its folder in an export, or that
 * the resource's create route would refuse.
 */
function checkNames(
  s: AppStructure,
  registry: SchemaRegistry | undefined,
  entries: WeakMap<object, string> | undefined,
): void {
  const rules = new Map<string, NameCheck>();
  const checkOne = (key: string, inBody: string, resource: Resource) => {
    // A zip's user knows its files, not the body the emulator made of them.
    const entry = entries?.get(resource);
    const where: Where = entry ? (field) => `${field} in zip entry '${entry}'` : inBody;
    checkFileNames(key, where, resource);
    let rule = rules.get(key);
    if (!rule) rules.set(key, (rule = nameRuleCheck(registry, key)));
    rule(where, resource);
  };
  const check = (key: string, where: string, list: unknown) =>
    listOf(where, list).forEach((r, i) => checkOne(key, `${where}[${i}]`, r));
  check("values", "body.values", s.values);
  for (const [key, provider] of Object.entries(objectsOf("body.auth.providers", s.auth?.providers)))
    checkOne("auth_providers", `body.auth.providers.${key}`, provider);
  check("functions", "body.functions.config", s.functions?.config);
  check("triggers", "body.triggers", s.triggers);
  check("log_forwarders", "body.log_forwarders", s.log_forwarders);
  check("graphql/custom_resolvers", "body.graphql.custom_resolvers", s.graphql?.custom_resolvers);
  for (const field of ["data_sources", "http_endpoints", "services"] as const)
    listOf(`body.${field}`, s[field]).forEach((svc: ServiceStructure, i) => {
      const where = `body.${field}[${i}]`;
      checkOne("services", `${where}.config`, svc.config ?? {});
      check("services/-/rules", `${where}.rules`, svc.rules);
      listOf(`${where}.incoming_webhooks`, svc.incoming_webhooks).forEach((w, j) => {
        // A webhook comes flat, or as the files hold it: `{config, source}`.
        const config = typeof w.config === "object" && w.config !== null ? w.config : w;
        checkOne(
          "services/-/incoming_webhooks",
          `${where}.incoming_webhooks[${j}]`,
          config as Resource,
        );
      });
    });
}

/** Creates or updates the secrets a configuration carries (`__<owner>_<field>`). */
function importSecrets(store: ResourceStore, s: AppStructure): void {
  const secrets = store.list("secrets");
  for (const [owner, fields] of Object.entries({
    ...objectsOf("body.secrets.services", s.secrets?.services),
    ...objectsOf("body.secrets.auth_providers", s.secrets?.auth_providers),
  })) {
    for (const [field, value] of Object.entries(fields)) {
      const name = `__${owner}_${field}`;
      const at = secrets.findIndex((x) => x.name === name);
      if (at >= 0) secrets[at] = { ...secrets[at], value };
      else secrets.push({ _id: newObjectId(store.now()), name, value });
    }
  }
  store.replaceCollection("secrets", secrets);
}

function withoutStatus(hosting: Resource): Resource {
  const { status: _status, default_domain: _domain, enabled: _enabled, ...rest } = hosting;
  return rest;
}

/** A list of resources from the configuration; anything else is a 400 naming where, not a 500. */
function listOf(where: string, value: unknown): Resource[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParameter(where, "must be a list of objects");
  value.forEach((item, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item))
      throw invalidParameter(`${where}[${i}]`, "must be an object");
  });
  return value as Resource[];
}

/** An object of resources by name (`auth.providers`); a member that is not an object is a 400. */
function objectsOf(where: string, value: unknown): Record<string, Resource> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object") throw invalidParameter(where, "must be an object");
  for (const [key, item] of Object.entries(value))
    if (typeof item !== "object" || item === null || Array.isArray(item))
      throw invalidParameter(`${where}.${key}`, "must be an object");
  return value as Record<string, Resource>;
}
