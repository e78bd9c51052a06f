import { describe, expect, it } from "vitest";
import { childPointer, getAt } from "../../../spec/pointer.js";
import { repairSpec } from "../../../spec/repair.js";
import { CLI_OPERATIONS } from "../../../spec/repairs/cli-operations.js";
import { CLI_SCHEMAS } from "../../../spec/repairs/cli-schemas.js";
import { cliUndeclaredOperations } from "../../../spec/repairs/cli-undeclared-operations.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const APP = "/groups/{groupId}/apps/{appId}";
const shared = [
  { $ref: "#/components/parameters/GroupId" },
  { $ref: "#/components/parameters/AppId" },
];
const parameters = {
  GroupId: { name: "groupId", in: "path", required: true, schema: { type: "string" } },
  AppId: { name: "appId", in: "path", required: true, schema: { type: "string" } },
};
const listDependencies = {
  operationId: "adminGetAllDependencies",
  responses: { "200": { description: "ok" } },
};

const upstream = () =>
  openapi({
    paths: {
      [`${APP}/export`]: {
        parameters: shared,
        get: { responses: { "200": { description: "zip" } } },
      },
      [`${APP}/dependencies`]: { get: listDependencies, parameters: shared },
    },
    components: { parameters, schemas: {} },
  });

/** The upstream document with every operation the CLI calls, as the tables define them. */
const repaired = () => {
  const doc = upstream();
  const paths = doc.paths as Record<string, Record<string, unknown>>;
  for (const o of CLI_OPERATIONS) {
    const item = (paths[`${APP}${o.path}`] ??= { parameters: shared });
    item[o.method] = o.operation;
  }
  (doc.components as { schemas: unknown }).schemas = { ...CLI_SCHEMAS };
  return doc;
};

repairTable(
  cliUndeclaredOperations,
  [
    {
      name: "adds the eight operations with shared parameters and their schemas",
      given: upstream(),
      want: repaired(),
      fixes: CLI_OPERATIONS.map((o) => childPointer("#/paths", `${APP}${o.path}`, o.method)),
    },
  ],
  [repaired(), openapi({ paths: { "/other": {} } })],
);

describe("cli-undeclared-operations, what the CLI's requests say", () => {
  const doc = repairSpec(upstream(), { repairs: [cliUndeclaredOperations] }).doc;
  const op = (path: string, method: string) =>
    getAt(doc, childPointer("#/paths", `${APP}${path}`, method)) as Record<string, any>;

  it("import: strategy and diff, 200 with the diff lines or 204", () => {
    const importOp = op("/import", "post");
    expect(importOp.parameters.map((p: { name: string }) => p.name)).toEqual(["strategy", "diff"]);
    expect(importOp.parameters[0].schema.enum).toContain("replace-by-name");
    expect(Object.keys(importOp.responses)).toEqual(["200", "204"]);
    expect(importOp.responses["200"].content["application/json"].schema).toEqual({
      type: "array",
      items: { type: "string" },
    });
  });

  it("dependency uploads are multipart/form-data with the field file", () => {
    for (const [path, method] of [
      ["/dependencies", "put"],
      ["/dependencies/diff", "post"],
    ] as const) {
      const schema = op(path, method).requestBody.content["multipart/form-data"].schema;
      expect(schema.required).toEqual(["file"]);
      expect(schema.properties.file.format).toBe("binary");
    }
  });

  it("the archive and export downloads are binary; status has the CLI's states", () => {
    expect(Object.keys(op("/dependencies/archive", "get").responses["200"].content)).toEqual([
      "application/zip",
    ]);
    expect(
      op("/dependencies/export", "get").responses["200"].content["application/octet-stream"].schema
        .format,
    ).toBe("binary");
    expect(getAt(doc, "#/components/schemas/DependenciesStatus/properties/status/enum")).toEqual([
      "created",
      "successful",
      "failed",
    ]);
  });

  it("a new path item takes the spec's shared GroupId/AppId parameters, or inline ones without them", () => {
    expect(getAt(doc, childPointer("#/paths", `${APP}/description`, "parameters"))).toEqual(shared);
    const bare = openapi({ paths: { [`${APP}/export`]: {} } });
    const out = repairSpec(bare, { repairs: [cliUndeclaredOperations] }).doc;
    expect(getAt(out, childPointer("#/paths", `${APP}/description`, "parameters"))).toEqual([
      { name: "groupId", in: "path", required: true, schema: { type: "string" } },
      { name: "appId", in: "path", required: true, schema: { type: "string" } },
    ]);
  });
});
