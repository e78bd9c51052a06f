/**
 * cli-fields (semantic)
 *
 * What is wrong: request bodies the official CLI sends do not type-check: the access list entry
 * made with `--use-current` (`{"address": "", "use_current": true}`), a function run without
 * arguments (`"arguments": null`, as Go marshals a nil slice) and a template app's linked cluster
 * (`data_source` with `version: 1`); an app's `template_id`, which the CLI reads back, is not
 * declared; a draft's diff lacks three of the five parts the CLI reads; a function run's `logs`
 * are untyped and its `error_logs` undeclared; and the access list update is declared 201 where
 * the CLI accepts only 200.
 *
 * Evidence: the CLI's request and response structs and, for `arguments: null`, its server test;
 * per fact below.
 *
 * Repair: `use_current` (boolean) joins the access list create body; `arguments` may be null; the
 * linked cluster's schema declares `version` (a number, as `ServiceConfig` does); an app declares
 * `template_id` (a string, as the create body does); the diff declares `dependencies_diff`,
 * `graphql_config_diff` and `schema_options_diff` as the CLI's structs have them; a function run
 * answers `logs` and `error_logs` as lists of strings; the update's 201 becomes 200 (its content
 * kept: nobody reads it).
 * Touches: the seven pointers in the facts.
 */
import { cli, fact, specText } from "../evidence.js";
import { isObject, type JsonObject } from "../json.js";
import { childPointer, getAt } from "../pointer.js";
import type { Repair } from "../repair.js";
import { APP_PATH } from "./shared.js";

const JSON_BODY = "requestBody/content/application~1json/schema";
const ACCESS_LIST = childPointer("#/paths", `${APP_PATH}/security/access_list`, "post");
const EXECUTE = childPointer("#/paths", `${APP_PATH}/debug/execute_function`, "post");
const CLUSTER = "#/components/schemas/AtlasClusterServiceConstructor/allOf/1";
const APP = "#/components/schemas/AppInstance/allOf/1";
const ACCESS_ITEM = childPointer("#/paths", `${APP_PATH}/security/access_list/{ipId}`, "patch");

const USE_CURRENT = fact(
  `${ACCESS_LIST}/${JSON_BODY}/properties/use_current`,
  "use_current: boolean added",
  [
    cli(
      "cloud/realm/access_list.go",
      "allowedIPRequest{Address `address`, Comment `comment,omitempty`, UseCurrent `use_current,omitempty`}",
    ),
    cli(
      "commands/accesslist/create.go",
      '--use-current "Add your current IP address to your Access List" sends address "" with use_current true',
    ),
    specText(
      "allowedIPAccessListGet 200 current_ip",
      "the server knows the caller's address and lists it beside the entries",
    ),
  ],
);

const ARGUMENTS_NULL = fact(
  `${EXECUTE}/${JSON_BODY}/properties/arguments`,
  "array -> array or null",
  [
    cli(
      "cloud/realm/function.go",
      'AppDebugExecuteFunction marshals its args []interface{} as "arguments": a nil slice is null',
    ),
    cli(
      "cloud/realm/function_test.go",
      '"should return string" runs a function with nil args against the server and gets its result',
    ),
  ],
);

const CLUSTER_VERSION = fact(`${CLUSTER}/properties/version`, "version: number added", [
  cli(
    "commands/app/create.go",
    "handleCreateTemplateApp sends the linked cluster as the new app's data_source",
  ),
  cli(
    "commands/app/create_inputs.go",
    "dataSourceCluster{name, type, config, version `version`} with Version: 1",
  ),
  specText("#/components/schemas/ServiceConfig/properties/version", "a service's version: number"),
]);

const TEMPLATE_ID = fact(`${APP}/properties/template_id`, "template_id: string added", [
  cli(
    "cloud/realm/app.go",
    'App.TemplateID `template_id`; FindApp (GET …/apps/{appId}) is kept "until /apps has template_id in the payload" (REALMC-9462)',
  ),
  cli(
    "commands/pull/command.go",
    "reads app.TemplateID of the app it resolved to download the template's client code",
  ),
  specText("#/components/schemas/AppConstructor", "a new app's template_id: string"),
]);

const UPDATE_200 = fact(`${ACCESS_ITEM}/responses`, "201 -> 200", [
  cli("cloud/realm/access_list.go", "AllowedIPUpdate accepts http.StatusOK only"),
  cli(
    "cloud/realm/access_list_test.go",
    '"and should update the allowed ip address" updates an entry against the server',
  ),
]);

const DIFF = "#/components/schemas/Diff";
const DIFF_PARTS = fact(
  `${DIFF}/properties`,
  "dependencies_diff, graphql_config_diff, schema_options_diff added",
  [
    cli(
      "cloud/realm/diffs.go",
      "AppDraftDiff{diffs, hosting_files_diff, dependencies_diff, graphql_config_diff, schema_options_diff}; FieldDiff{field_name, previous, updated}",
    ),
    cli("cloud/realm/draft.go", "DiffDraft decodes GET …/drafts/{draftId}/diff as AppDraftDiff"),
    cli(
      "cloud/realm/draft_test.go",
      '"and be able to get diffs of the draft" counts the changes of all five parts (none)',
    ),
  ],
);

const fieldDiffs = {
  type: "array",
  items: {
    type: "object",
    properties: {
      field_name: { type: "string" },
      previous: { description: "The field's deployed value: any JSON value." },
      updated: { description: "The field's value in the draft: any JSON value." },
    },
  },
};

/** The diff's parts the spec lacks, by name. */
const DIFF_ADDED: Record<string, JsonObject> = {
  dependencies_diff: { $ref: "#/components/schemas/DependenciesDiff" },
  graphql_config_diff: {
    type: "object",
    description: "How the draft's GraphQL configuration differs.",
    properties: { field_diffs: fieldDiffs },
  },
  schema_options_diff: {
    type: "object",
    description: "How the draft's schema validation options differ.",
    properties: { graphql_validation_diff: fieldDiffs, rest_validation_diff: fieldDiffs },
  },
};

const RUN_LOGS = fact(
  `${EXECUTE}/responses/200/content/application~1json/schema/properties`,
  "logs: any -> list of strings; error_logs: list of strings added",
  [
    cli(
      "cloud/realm/function.go",
      "ExecutionResults{Logs []string `logs,omitempty`, ErrorLogs []string `error_logs,omitempty`}",
    ),
    cli("commands/function/run.go", '`function run` prints Logs and, when set, "Error Logs"'),
  ],
);

/** The object at `pointer` when its `properties` can take `name`, else undefined. */
function propertiesAt(doc: JsonObject, pointer: string): JsonObject | undefined {
  const schema = getAt(doc, pointer);
  return isObject(schema) && isObject(schema.properties) ? schema.properties : undefined;
}

export const cliFields: Repair = {
  id: "cli-fields",
  defects: ["property-undeclared", "null-refused"],
  title:
    "What the official CLI sends and reads: `use_current`, `arguments: null`, a data source's `version`, an app's `template_id`, a draft diff's parts, a function run's logs, the access list update's 200",
  inPinned: true,
  facts: [
    USE_CURRENT,
    ARGUMENTS_NULL,
    CLUSTER_VERSION,
    TEMPLATE_ID,
    DIFF_PARTS,
    RUN_LOGS,
    UPDATE_200,
  ],
  apply(doc, ctx) {
    const accessList = propertiesAt(doc, `${ACCESS_LIST}/${JSON_BODY}`);
    if (accessList && isObject(accessList.address) && !("use_current" in accessList)) {
      accessList.use_current = {
        type: "boolean",
        description:
          "Add the caller's current IP address instead of `address` (then sent as an empty string).",
      };
      ctx.fixed(USE_CURRENT.target, "use_current added");
    }

    const args = getAt(doc, ARGUMENTS_NULL.target);
    if (isObject(args) && args.type === "array" && args.nullable !== true) {
      // 3.0 has no type lists: it says the same with `nullable`.
      if (ctx.dialect === "3.1") args.type = ["array", "null"];
      else args.nullable = true;
      ctx.fixed(ARGUMENTS_NULL.target, "array or null");
    }

    const cluster = getAt(doc, CLUSTER);
    if (isObject(cluster) && isObject(cluster.properties) && isObject(cluster.properties.config)) {
      if (!("version" in cluster.properties)) {
        cluster.properties.version = { type: "number", description: "The data source's version." };
        ctx.fixed(CLUSTER_VERSION.target, "version added");
      }
    }

    const app = propertiesAt(doc, APP);
    if (app && isObject(app.client_app_id) && !("template_id" in app)) {
      app.template_id = {
        type: "string",
        description: "The template the app was created from, if any.",
      };
      ctx.fixed(TEMPLATE_ID.target, "template_id added");
    }

    const diff = propertiesAt(doc, DIFF);
    const dependencies = getAt(doc, "#/components/schemas/DependenciesDiff");
    if (diff && isObject(diff.hosting_files_diff) && isObject(dependencies)) {
      const missing = Object.keys(DIFF_ADDED).filter((name) => !(name in diff));
      for (const name of missing) diff[name] = structuredClone(DIFF_ADDED[name]!);
      if (missing.length) ctx.fixed(DIFF_PARTS.target, `${missing.join(", ")} added`);
    }

    const run = getAt(doc, RUN_LOGS.target);
    if (isObject(run) && isObject(run.logs) && !("type" in run.logs) && !("error_logs" in run)) {
      const lines = (what: string) => ({
        type: "array",
        description: what,
        items: { type: "string" },
      });
      run.logs = lines("The lines the function logged.");
      run.error_logs = lines("The error lines the function logged.");
      ctx.fixed(RUN_LOGS.target, "logs and error_logs: lists of strings");
    }

    const responses = getAt(doc, UPDATE_200.target);
    if (isObject(responses) && isObject(responses["201"]) && !("200" in responses)) {
      const entries = Object.entries(responses).map(([k, v]) => [k === "201" ? "200" : k, v]);
      for (const key of Object.keys(responses)) delete responses[key];
      Object.assign(responses, Object.fromEntries(entries));
      ctx.fixed(UPDATE_200.target, "201 -> 200");
    }
  },
};
