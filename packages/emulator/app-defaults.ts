import { newObjectId } from "./ids.js";
import type { ResourceStore } from "./resource-store.js";

/**
 * What a freshly created app holds, and nothing more: no functions, secrets, values, triggers or
 * services (realm-cli's tests against the real server find all of them empty on a new app).
 */
export function seedNewApp(store: ResourceStore): void {
  // realm-cli access_list_test.go: "should have only the allow from anywhere ip upon app initialization".
  const anywhere = newObjectId(store.now());
  store.put("security/access_list", anywhere, { _id: anywhere, address: "0.0.0.0/0" });
  // realm-cli app_ext_test.go: a new app's description lists exactly one auth provider,
  // {name: "api-key", type: "api-key", enabled: false}.
  const apiKey = newObjectId(store.now());
  store.put("auth_providers", apiKey, {
    _id: apiKey,
    name: "api-key",
    type: "api-key",
    disabled: true,
  });
}

/** A configuration object's value before anyone sets it, and why we believe it. */
interface SettingDefault {
  value: unknown;
  evidence: string;
}

/**
 * Configuration objects a new app already has, by key below the app. A key without an entry
 * answers 404 until it is set (a data API config, a default rule, a deployment migration).
 */
export const SETTING_DEFAULTS: Record<string, SettingDefault> = {
  "graphql/config": {
    value: { use_natural_pluralization: true },
    evidence: "spec GraphQLConfig.use_natural_pluralization: 'This value is true for all new Apps'",
  },
  "hosting/config": {
    value: { enabled: false },
    evidence:
      "realm-cli hosting_test.go: a new app's cache invalidation fails with 'hosting is disabled'",
  },
  custom_user_data: {
    value: { enabled: false },
    evidence:
      "realm-cli app_ext_test.go: a new app's description has an empty custom_user_data summary",
  },
  "security/refresh_token_expiration": {
    value: { expiration_time_seconds: 5_184_000 },
    evidence:
      "spec RefreshTokenExpiration: 'The default expiration time is 60 days' (default 5184000)",
  },
  "security/allowed_request_origins": {
    value: [],
    evidence:
      "guess: no origins until set (realm-cli exports omit allowed_request_origins when empty)",
  },
  "deploy/config": {
    value: { ui_drafts_disabled: false, automatic_deployment: { enabled: false } },
    evidence: "guess: drafts on, no automatic deployment provider linked",
  },
  "validation_settings/null_type_schema_validation": {
    value: { enabled: false },
    evidence: "guess",
  },
  "validation_settings/graphql": {
    value: {},
    evidence: "guess: nothing set; the response schema's zero values fill what it requires",
  },
  "data_api/versions": {
    value: ["v1"],
    evidence: "realm-cli import_export_test.go: data_api_config versions ['v1'] round-trips",
  },
  "security/private_endpoint_service_infos": {
    value: [],
    evidence: "guess: no private endpoint services in a local emulator",
  },
  "sync/data": { value: {}, evidence: "guess: no sync configured on a new app" },
};

/** The default of a configuration object, a copy; undefined when it has none. */
export function settingDefault(key: string): unknown {
  const found = SETTING_DEFAULTS[key];
  return found && structuredClone(found.value);
}
