import { cliFields } from "../../../spec/repairs/cli-fields.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const targets = (cliFields.facts ?? []).map((f) => f.target);

const APP = "/groups/{groupId}/apps/{appId}";
const jsonBody = (schema: unknown) => ({
  requestBody: { content: { "application/json": { schema } } },
  responses: { "201": { description: "ok" } },
});
const accessList = (properties: Record<string, unknown>, updated = "201") => ({
  [`${APP}/security/access_list/{ipId}`]: {
    patch: {
      responses: {
        [updated]: { description: "", content: { "application/json": { schema: {} } } },
        "400": { description: "bad" },
      },
    },
  },
  [`${APP}/security/access_list`]: {
    post: jsonBody({ properties: { address: { type: "string" }, ...properties } }),
  },
});
const lines = (description: string) => ({ type: "array", description, items: { type: "string" } });
const execute = (fixed: boolean) => ({
  [`${APP}/debug/execute_function`]: {
    post: {
      ...jsonBody({
        properties: {
          name: { type: "string" },
          arguments: { type: fixed ? ["array", "null"] : "array", items: {} },
        },
      }),
      responses: {
        "200": {
          description: "ok",
          content: {
            "application/json": {
              schema: {
                properties: fixed
                  ? {
                      logs: lines("The lines the function logged."),
                      result: {},
                      error_logs: lines("The error lines the function logged."),
                    }
                  : { logs: {}, result: {} },
              },
            },
          },
        },
      },
    },
  },
});
const execute30 = (fixed: boolean) => ({
  [`${APP}/debug/execute_function`]: {
    post: jsonBody({
      properties: {
        arguments: { type: "array", items: {}, ...(fixed ? { nullable: true } : {}) },
      },
    }),
  },
});
const schemas = (
  cluster: Record<string, unknown>,
  app: Record<string, unknown>,
  diff: Record<string, unknown>,
) => ({
  AtlasClusterServiceConstructor: {
    allOf: [
      { $ref: "#/components/schemas/ServiceConstructor" },
      { properties: { config: { type: "object" }, ...cluster } },
    ],
  },
  AppInstance: {
    allOf: [
      { $ref: "#/components/schemas/App" },
      { type: "object", properties: { client_app_id: { type: "string" }, ...app } },
    ],
  },
  DependenciesDiff: { type: "object" },
  Diff: {
    type: "object",
    properties: {
      diffs: { type: "array", items: { type: "string" } },
      hosting_files_diff: { type: "object" },
      ...diff,
    },
  },
});
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
const diffParts = {
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
const spec = (fixed: boolean) =>
  openapi({
    paths: {
      ...accessList(
        fixed
          ? {
              use_current: {
                type: "boolean",
                description:
                  "Add the caller's current IP address instead of `address` (then sent as an empty string).",
              },
            }
          : {},
        fixed ? "200" : "201",
      ),
      ...execute(fixed),
    },
    components: {
      schemas: schemas(
        fixed ? { version: { type: "number", description: "The data source's version." } } : {},
        fixed
          ? {
              template_id: {
                type: "string",
                description: "The template the app was created from, if any.",
              },
            }
          : {},
        fixed ? diffParts : {},
      ),
    },
  });

repairTable(
  cliFields,
  [
    {
      name: "use_current, null arguments, a data source's version, template_id, the diff's parts, a run's logs, the update's 200",
      given: spec(false),
      want: spec(true),
      fixes: targets,
    },
    {
      name: "arguments: null in a 3.0 document, with nullable",
      given: openapi({ paths: execute30(false) }, "3.0.3"),
      want: openapi({ paths: execute30(true) }, "3.0.3"),
      fixes: [targets[1]!],
    },
  ],
  [spec(true), openapi({}), openapi({ paths: execute30(true) }, "3.0.3")],
);
