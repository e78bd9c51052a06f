/**
 * Seed 003 (docs, Stitch era): the Stitch Administration API reference. Its curl examples and its
 * request bodies as typed SDK calls, type-checked by `npm run typecheck` (TypeScript 5.9 and 7),
 * without a cast. The bodies are written with type names as values ("string", "boolean",
 * "object", "Any"); each is given a value of that type (a string, `true`, `{}`, a JSON value).
 * The ones the docs get wrong are in `docsWrong`, each rejected (`@ts-expect-error`) with why.
 */
import { describe, expectTypeOf, it } from "vitest";
import type * as triggers from "../../../generated/operations/triggers.js";
import { app, common, coversSeed, type Example } from "./seed-examples.js";

const SEED = "003_c59ebfbcd1d5e5eb.txt";
const service = { ...app, serviceId: "<serviceId>" };
const webhook = {
  name: "string",
  function_source: "string",
  respond_result: true,
  options: { secret: "string", secretAsQueryParam: true },
};
const rule = { name: "string", actions: ["send"], when: {} };
/** The sample's fields marked "for Database Triggers". */
const databaseTrigger: triggers.CreateTriggerParams["body"] = {
  name: "string",
  type: "DATABASE",
  function_id: "string",
  disabled: true,
  config: {
    operation_types: ["INSERT"],
    database: "string",
    collection: "string",
    service_id: "string",
    match: {},
    full_document: true,
  },
};

export const curls = {
  "13 POST /auth/providers/mongodb-cloud/login": common.login,
  "50 GET /groups/{groupId}/apps: the _id field contains the Application ID": common.listApps,
  "66 GET …/logs": common.firstLogsPage,
  "72 GET …/logs?end_date&skip": common.nextLogsPage,
  "90 POST …/drafts": common.createDraft,
  "98 DELETE …/drafts/{draftId}": common.discardDraft,
  "113 POST …/drafts/{draftId}/deployment": common.deployDraft,
} satisfies Record<string, Example>;

export const bodies = {
  "172 POST /auth/providers/{provider}/login": (admin) =>
    admin.admin.login({ body: { username: "string", apiKey: "string" } }),
  "345 POST …/api_keys": (admin) =>
    admin.apikeys.createApiKey({ ...app, body: { name: "string" } }),
  "524 POST /groups/{groupId}/apps (?defaults)": (admin) =>
    admin.apps.createApplication({
      groupId: app.groupId,
      defaults: true,
      body: { name: "string" },
    }),
  "903 POST …/debug/execute_function_source (?user_id)": (admin) =>
    admin.functions.executeFunctionSource({
      ...app,
      user_id: "string",
      body: { eval_source: "string", source: "string" },
    }),
  "976 POST …/functions": (admin) =>
    admin.functions.createFunction({
      ...app,
      body: { can_evaluate: {}, name: "string", private: true, source: "string" },
    }),
  "1237 POST …/push/notifications (state: sent or draft)": (admin) =>
    admin.notifications.createNotification({
      ...app,
      body: { label: "string", message: "string", topic: "string", state: "draft" },
    }),
  "1463 POST …/services/{serviceId}/rules": (admin) =>
    admin.rules.createRule({ ...service, body: rule }),
  "1562 PUT …/services/{serviceId}/rules/{ruleId}": (admin) =>
    admin.rules.updateRule({ ...service, ruleId: "<ruleId>", body: rule }),
  "1623 POST …/security/allowed_request_origins": (admin) =>
    admin.security.setAllowedRequestOrigins({ ...app, body: ["string"] }),
  "1893 POST …/services/{serviceId}/rules (again, under Services)": (admin) =>
    admin.rules.createRule({ ...service, body: rule }),
  "1992 PUT …/services/{serviceId}/rules/{ruleId} (again)": (admin) =>
    admin.rules.updateRule({ ...service, ruleId: "<ruleId>", body: rule }),
  "2064 POST …/incoming_webhooks": (admin) =>
    admin.webhooks.createWebhook({ ...service, body: webhook }),
  "2151 PUT …/incoming_webhooks/{incomingWebhookId}": (admin) =>
    admin.webhooks.updateWebhook({ ...service, incomingWebhookId: "<id>", body: webhook }),
  "2234 POST …/users": (admin) =>
    admin.users.createUser({ ...app, body: { email: "string", password: "string" } }),
  "2486 POST …/values": (admin) =>
    admin.values.createValue({
      ...app,
      body: { name: "string", private: true, value: { any: 1 } },
    }),
  "2656 POST …/incoming_webhooks (again, under Incoming Webhooks)": (admin) =>
    admin.webhooks.createWebhook({ ...service, body: webhook }),
  "2743 PUT …/incoming_webhooks/{incomingWebhookId} (again)": (admin) =>
    admin.webhooks.updateWebhook({ ...service, incomingWebhookId: "<id>", body: webhook }),
  // The body lists the config fields of both trigger types, each marked "for Database Triggers" or
  // "for Authentication Triggers": written here as one trigger of each type.
  "2786 POST …/triggers": async (admin) => [
    await admin.triggers.createTrigger({
      ...app,
      body: databaseTrigger,
    }),
    await admin.triggers.createTrigger({
      ...app,
      body: {
        name: "string",
        type: "AUTHENTICATION",
        function_id: "string",
        disabled: true,
        // "A list of one or more authentication provider id values."
        config: { operation_type: "LOGIN", providers: ["local-userpass"] },
      },
    }),
  ],
  "2925 PUT …/triggers/{triggerId}": (admin) =>
    admin.triggers.updateTrigger({
      ...app,
      triggerId: "<triggerId>",
      body: databaseTrigger,
    }),
  "3158 POST …/hosting/assets (move or copy)": (admin) =>
    admin.hosting.moveCopyHostedAsset({
      ...app,
      body: { move_from: "string", move_to: "string", copy_from: "string", copy_to: "string" },
    }),
  // `file` is "string" in the sample, described as "the asset file … (encoded as binary)".
  "3257 PUT …/hosting/assets/asset?path (multipart/mixed)": (admin) =>
    admin.hosting.uploadHostedAsset({
      ...app,
      path: "string",
      body: { meta: { path: "string", hash: "string", size: 1, attrs: [] }, file: new Blob(["x"]) },
    }),
  "3320 PATCH …/hosting/assets/asset?path": (admin) =>
    admin.hosting.updateHostedAsset({
      ...app,
      path: "string",
      body: { attributes: [{ name: "string", value: "string" }] },
    }),
} satisfies Record<string, Example>;

/** Samples the docs get wrong: each is rejected, for the reason given. */
export const docsWrong = {
  // The sample's `type` lists "mongodb-cloud" and "local": the admin login providers, not the
  // types of an app's providers (anon-user, local-userpass, api-key, …).
  "672 POST …/auth_providers": (admin) =>
    admin.authproviders.createAuthProvider({
      ...app,
      // @ts-expect-error "local" is not an app auth provider type
      body: { name: "local", type: "local", disabled: true, config: {} },
    }),
  // Same type list, and the body carries the provider's `_id`, which is the path's `providerId`.
  "772 PATCH …/auth_providers/{providerId}": (admin) =>
    admin.authproviders.updateAuthProvider({
      ...app,
      providerId: "<providerId>",
      // @ts-expect-error "local" is not an app auth provider type
      body: { _id: "string", name: "local", type: "local", disabled: true, config: {} },
    }),
} satisfies Record<string, Example>;

describe("seed 003: the Stitch Administration API", () => {
  it("has its examples as typed calls (checked by npm run typecheck)", () => {
    expectTypeOf(curls).toBeObject();
    expectTypeOf(bodies).toBeObject();
    expectTypeOf(docsWrong).toBeObject();
  });
  coversSeed(SEED, /^curl /, curls);
  coversSeed(SEED, /^Request Body/, bodies, docsWrong);
});
