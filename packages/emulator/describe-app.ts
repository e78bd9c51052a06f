import type { Resource } from "./resource-store.js";
import type { AppState } from "./state.js";

/**
 * `GET …/description`: a summary of the app from stored state, in the shape the official CLI reads
 * (realm-cli internal/cloud/realm/app_description.go; a new app's expected answer is in
 * app_description's test, app_ext_test.go).
 */
export function describeApp(app: AppState, origin: string): Record<string, unknown> {
  const { store } = app;
  const { _id, client_app_id, name, group_id } = app.app;
  const services = store.list("services");
  const isData = (s: Resource) => s.type === "mongodb-atlas" || s.type === "datalake";
  const hosting = (store.setting("hosting/config") ?? { enabled: false }) as Resource;
  const customUserData = (store.setting("custom_user_data") ?? {}) as Resource;
  const sync = (store.setting("sync/config") ?? {}) as Resource;
  const webhooks = (s: Resource) =>
    store
      .list(`services/${s._id as string}/incoming_webhooks`)
      .map((w) => ({ name: w.name, url: "" }));
  return {
    client_app_id,
    name,
    realm_url: `${origin}/groups/${group_id}/apps/${_id}/dashboard`,
    data_sources: services.filter(isData).map((s) => ({
      name: s.name,
      type: s.type,
      data_source: (s.config as Resource | undefined)?.clusterName ?? "",
    })),
    http_endpoints: store
      .list("endpoints")
      .map((e) => ({ route: e.route, http_method: e.http_method, url: "" })),
    services: services
      .filter((s) => !isData(s))
      .map((s) => ({ name: s.name, type: s.type, webhooks: webhooks(s) })),
    auth_providers: store
      .list("auth_providers")
      .map((p) => ({ name: p.name, type: p.type, enabled: p.disabled !== true })),
    custom_user_data: {
      enabled: customUserData.enabled === true,
      data_source: customUserData.mongo_service_name ?? "",
      database: customUserData.database_name ?? "",
      collection: customUserData.collection_name ?? "",
      user_id_field: customUserData.user_id_field ?? "",
    },
    values: store.list("values").map((v) => v.name),
    hosting: { enabled: hosting.enabled === true, status: hosting.status ?? "", url: "" },
    functions: store
      .list("functions")
      .map((f) => ({ name: f.name, path: `functions/${String(f.name)}.js` })),
    sync: {
      state: "",
      data_source: "",
      database: "",
      development_mode_enabled: sync.development_mode_enabled === true,
    },
    graphql: {
      url: `${origin}/api/client/v2.0/app/${client_app_id}/graphql`,
      custom_resolvers: store.list("graphql/custom_resolvers").map((r) => r.field_name),
    },
    environment: app.app.environment ?? "",
    event_subscription: [],
    log_forwarders: store
      .list("log_forwarders")
      .map((l) => ({ name: l.name, enabled: l.disabled !== true })),
  };
}
