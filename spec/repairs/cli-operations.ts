/**
 * The operations cli-undeclared-operations adds, as the official CLI sends them
 * (`internal/cloud/realm/*.go` of 10gen/realm-cli), each with its evidence.
 */
import { cli, type Evidence } from "../evidence.js";
import type { HttpMethod, JsonObject } from "../json.js";

export interface CliOperation {
  /** Below `/groups/{groupId}/apps/{appId}`. */
  path: string;
  method: HttpMethod;
  operation: JsonObject;
  evidence: Evidence[];
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonObject | { $ref: string }) => ({
  content: { "application/json": { schema } },
});
const file = (media: string, description: string) => ({
  description,
  content: { [media]: { schema: { type: "string", format: "binary" } } },
});
const upload = (description: string) => ({
  required: true,
  description,
  content: {
    "multipart/form-data": {
      schema: {
        type: "object",
        required: ["file"],
        properties: {
          file: {
            type: "string",
            format: "binary",
            description: "A `package.json`, or a zip, tar or tgz archive of `node_modules`.",
          },
        },
      },
    },
  },
});

export const CLI_OPERATIONS: CliOperation[] = [
  {
    path: "/import",
    method: "post",
    operation: {
      tags: ["apps"],
      operationId: "adminImportApplication",
      summary: "Import an app configuration",
      description:
        "Replace the App's configuration with the given one: one JSON document of the configuration files the CLI keeps in an app directory. With `diff=true` nothing changes: the response lists the differences the import would make.",
      parameters: [
        {
          name: "strategy",
          in: "query",
          required: false,
          description:
            "How to match the imported configuration with the App's: `merge` keeps what the import does not mention, `replace` removes it, `replace-by-name` is `replace` matching resources by name instead of `_id` (what the CLI uses).",
          schema: { type: "string", enum: ["merge", "replace", "replace-by-name"] },
        },
        {
          name: "diff",
          in: "query",
          required: false,
          description: "If `true`, only report what the import would change.",
          schema: { type: "boolean" },
        },
      ],
      requestBody: {
        required: true,
        description: "The App's configuration, as one JSON document.",
        ...json({ type: "object", description: "An App configuration document." }),
      },
      responses: {
        "200": {
          description: "With `diff=true`: the changes the import would make, one per item.",
          ...json({ type: "array", items: { type: "string" } }),
        },
        "204": { description: "Imported." },
      },
    },
    evidence: [
      cli(
        "cloud/realm/import.go",
        "POST …/import?strategy=replace-by-name[&diff=true] with the app data; Diff expects 200 and []string, Import 204",
      ),
      {
        kind: "cli",
        ref: "10gen/realm-cli@0b7edfd^ commands/import.go: --strategy [merge|replace|replace-by-name]",
      },
      cli(
        "cloud/realm/import_export_test.go",
        "imports then exports the same app against the server",
      ),
    ],
  },
  {
    path: "/description",
    method: "get",
    operation: {
      tags: ["apps"],
      operationId: "adminGetAppDescription",
      summary: "Describe an app",
      description:
        "A summary of the App's configuration: data sources, endpoints, auth providers, functions, sync, hosting and more.",
      responses: { "200": { description: "The description.", ...json(ref("AppDescription")) } },
    },
    evidence: [
      cli("cloud/realm/app_description.go", "GET …/description, 200, decoded as AppDescription"),
    ],
  },
  {
    path: "/sync/client_schemas/{language}",
    method: "get",
    operation: {
      tags: ["sync"],
      operationId: "adminGetClientSchemas",
      summary: "Generate client data models",
      description:
        "Generate the data model classes of the App's synced collections in a client language.",
      parameters: [
        {
          name: "language",
          in: "path",
          required: true,
          description: "The language of the generated models.",
          schema: {
            type: "string",
            enum: [
              "C_SHARP",
              "JAVA",
              "JAVA_SCRIPT",
              "KOTLIN",
              "OBJECTIVE_C",
              "SWIFT",
              "TYPE_SCRIPT",
            ],
          },
        },
      ],
      responses: {
        "200": {
          description: "The models.",
          ...json({ type: "array", items: ref("ClientSchemaModel") }),
        },
      },
    },
    evidence: [
      cli(
        "cloud/realm/schema.go",
        "GET …/sync/client_schemas/{language} (DataModelLanguage…), 200, []SchemaModel",
      ),
    ],
  },
  {
    path: "/dependencies",
    method: "put",
    operation: {
      tags: ["dependencies"],
      operationId: "adminImportDependencies",
      summary: "Upload external dependencies",
      description:
        "Upload the App's external dependencies; they install in the background (see the dependencies status).",
      requestBody: upload("The dependencies, as the form field `file`."),
      responses: { "204": { description: "Upload accepted; installation started." } },
    },
    evidence: [
      cli(
        "cloud/realm/dependencies.go",
        "ImportDependencies PUTs multipart/form-data with the field file, expects 204",
      ),
      cli("cloud/realm/dependencies_test.go", "uploads a node_modules zip and a package.json"),
    ],
  },
  {
    path: "/dependencies/status",
    method: "get",
    operation: {
      tags: ["dependencies"],
      operationId: "adminGetDependenciesStatus",
      summary: "Get the dependency installation status",
      responses: { "200": { description: "The status.", ...json(ref("DependenciesStatus")) } },
    },
    evidence: [
      cli(
        "cloud/realm/dependencies.go",
        "GET …/dependencies/status, 200, {status, status_message}",
      ),
      cli(
        "cloud/realm/dependencies_test.go",
        'status "created" with "processing request", then "successful"',
      ),
    ],
  },
  {
    path: "/dependencies/archive",
    method: "get",
    operation: {
      tags: ["dependencies"],
      operationId: "adminExportDependenciesArchive",
      summary: "Download the installed dependencies",
      responses: {
        "200": file(
          "application/zip",
          "A zip of `node_modules` (Content-Disposition names it `node_modules.zip`).",
        ),
      },
    },
    evidence: [
      cli(
        "cloud/realm/dependencies.go",
        "GET …/dependencies/archive, 200, a file named by Content-Disposition",
      ),
      cli("cloud/realm/dependencies_test.go", 'the archive is "node_modules.zip"'),
    ],
  },
  {
    path: "/dependencies/export",
    method: "get",
    operation: {
      tags: ["dependencies"],
      operationId: "adminExportDependencies",
      summary: "Download the dependencies' package.json",
      responses: {
        "200": file(
          "application/octet-stream",
          "The `package.json` listing the dependencies, as a file (Content-Disposition names it).",
        ),
      },
    },
    evidence: [
      cli(
        "cloud/realm/dependencies.go",
        "GET …/dependencies/export, 200, a file named by Content-Disposition",
      ),
      cli("cloud/realm/dependencies_test.go", 'the file is "package.json"'),
    ],
  },
  {
    path: "/dependencies/diff",
    method: "post",
    operation: {
      tags: ["dependencies"],
      operationId: "adminDiffDependencies",
      summary: "Diff dependencies with the installed ones",
      requestBody: upload("The dependencies to compare, as the form field `file`."),
      responses: { "200": { description: "The differences.", ...json(ref("DependenciesDiff")) } },
    },
    evidence: [
      cli(
        "cloud/realm/dependencies.go",
        "DiffDependencies POSTs multipart/form-data (file), 200, DependenciesDiff",
      ),
      cli(
        "cloud/realm/dependencies_test.go",
        "diff lists added twilio, deleted debug, modified underscore",
      ),
    ],
  },
];
