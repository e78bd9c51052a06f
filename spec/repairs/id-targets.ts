/**
 * The server-assigned `_id`s that server-assigned-ids marks, each with its evidence: where `_id`
 * is defined (a schema or an `allOf` member), or a response to retarget.
 */
import { cli, docs, type Evidence, specText, stitch } from "../evidence.js";
import { childPointer } from "../pointer.js";
import { APP_PATH } from "./shared.js";

export type IdTarget =
  | { kind: "holder"; pointer: string; add?: boolean; evidence: Evidence[] }
  | { kind: "ref"; pointer: string; from: string; to: string; change: string; evidence: Evidence[] }
  | { kind: "items"; pointer: string; change: string; evidence: Evidence[] };

/** The description of an `_id` the repair adds. */
export const ID_DESCRIPTION = "The unique ID the server assigned.";

const S = "#/components/schemas";
const json = (path: string, method: string, status: string, ...rest: string[]) =>
  childPointer(
    "#/paths",
    `${APP_PATH}${path}`,
    method,
    "responses",
    status,
    "content",
    "application/json",
    "schema",
    ...rest,
  );

const holder = (pointer: string, ...evidence: Evidence[]): IdTarget => ({
  kind: "holder",
  pointer,
  evidence,
});
const added = (pointer: string, ...evidence: Evidence[]): IdTarget => ({
  kind: "holder",
  pointer,
  add: true,
  evidence,
});

const apps = cli("cloud/realm/app.go", "App.ID (`_id`) addresses every app call");
const functions = stitch(
  "test/admin/functions.test.js",
  '"fetching function should work": the created _id is set, then fetched',
);
const values = stitch(
  "test/admin/values.test.js",
  "reads `_id` of a created value to get, update and delete it",
);
const secrets = cli(
  "cloud/realm/secrets_test.go",
  "updates and deletes the secret by the ID CreateSecret returned",
);
const apiKeys = stitch(
  "test/admin/api_keys.test.js",
  "reads `_id` of a created key to get, disable and delete it",
);
const services = stitch(
  "test/admin/service.test.js",
  "reads `_id` of a created service to get and delete it",
);
const providers = stitch(
  "test/admin/authProviders.test.js",
  "reads `_id` of a created provider to get, enable and delete it",
);

export const IDS: readonly IdTarget[] = [
  holder(
    `${S}/AppInstance/allOf/1`,
    apps,
    docs(
      'seed 002 (Admin API reference) "Project & Application IDs"',
      'the list example\'s "_id" is the Application ID',
    ),
  ),
  holder(
    `${S}/DeploymentDraft`,
    cli("cloud/realm/draft_test.go", '"created draft id should not be empty"'),
  ),
  holder(
    `${S}/Deployment`,
    cli(
      "cloud/realm/dependencies_test.go",
      "polls GET /deployments/{id} with the listed deployment's ID",
    ),
  ),
  holder(`${S}/Function/allOf/0`, functions),
  holder(
    `${S}/FunctionSummary`,
    cli("cloud/realm/function.go", "Function.ID (`_id`) of the listed functions"),
  ),
  holder(json("/functions", "post", "201"), functions),
  holder(`${S}/Value/allOf/0`, values),
  holder(
    `${S}/ValueSummary`,
    stitch(
      "test/admin/values.test.js",
      "compares the listed value, `_id` included, with the created one",
    ),
  ),
  {
    kind: "ref",
    pointer: json("/values", "post", "201"),
    from: "NewValue",
    to: "Value",
    change: "NewValue -> Value (the created value with its _id)",
    evidence: [values],
  },
  holder(json("/secrets", "get", "200", "items"), secrets),
  holder(json("/secrets", "post", "201"), secrets),
  holder(`${S}/ApiKey`, apiKeys),
  holder(`${S}/ApiKeyResponse`, apiKeys),
  holder(json("/api_keys", "get", "200", "items"), cli("cloud/realm/user.go", "APIKey.ID (`_id`)")),
  holder(
    `${S}/User`,
    cli("cloud/realm/user.go", "getUser(…, userID) with the User.ID (`_id`) listed"),
    stitch("test/admin/users.test.js", "fetches a listed user by its `_id`"),
  ),
  holder(`${S}/AuthProvider/allOf/0`, providers),
  {
    kind: "items",
    pointer: json("/auth_providers", "get", "200", "items"),
    change: "each listed provider has its _id",
    evidence: [
      stitch("test/admin/api_keys.test.js", "enables `providers[0]._id` of the listed providers"),
    ],
  },
  holder(
    `${S}/Trigger/allOf/0`,
    stitch(
      "test/admin/event_subscriptions.test.js",
      "compares `_id` of created, fetched and listed triggers",
    ),
  ),
  holder(`${S}/AtlasCluster/allOf/0`, services),
  holder(
    `${S}/AtlasFederatedInstance/allOf/0`,
    services,
    specText(
      `${S}/AtlasFederatedInstance/allOf/0/required`,
      "requires `_id`, also in the create body, where no client can know it",
    ),
  ),
  holder(`${S}/ThirdPartyService`, services),
  holder(
    `${S}/ServiceResponse/allOf/1`,
    stitch("test/admin/service.test.js", "lists the created service"),
  ),
  holder(
    `${S}/CustomResolver/allOf/1`,
    stitch(
      "test/admin/graphql.test.js",
      "creates a resolver without `_id`, then gets it by the `_id` returned",
    ),
    specText(
      `${S}/BaseCustomResolver/required`,
      "lists `_id`: always present, but assigned by the server",
    ),
  ),
  added(
    `${S}/Message`,
    stitch("test/admin/push.test.js", "gets, updates and deletes a created message by its `_id`"),
    docs(
      "seed 003 (Stitch Admin API) PUT …/push/notifications/{messageId}",
      'the response has "_id"',
    ),
  ),
  added(
    `${S}/IncomingWebhook`,
    stitch(
      "test/admin/service.test.js",
      "gets, updates and deletes a created webhook by its `_id`",
    ),
  ),
];
