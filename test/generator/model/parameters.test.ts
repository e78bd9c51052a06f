import { describe, expect, it } from "vitest";
import { modelOf, op, openapi } from "../helpers/fragment.js";

const groupId = {
  name: "groupId",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "The group.",
};

describe("operationParameters", () => {
  it.each([
    {
      name: "path-item and operation parameters, $ref resolved, path in template order then query by name",
      doc: openapi({
        paths: {
          "/g/{groupId}/a/{appId}": {
            parameters: [{ $ref: "#/components/parameters/AppId" }, groupId],
            get: {
              tags: ["t"],
              operationId: "getIt",
              parameters: [
                { name: "zeta", in: "query", schema: { type: "integer" } },
                { name: "alpha", in: "query", required: true, schema: { type: "string" } },
              ],
              responses: { "204": { description: "ok" } },
            },
          },
        },
        components: {
          parameters: {
            AppId: { name: "appId", in: "path", required: true, schema: { type: "string" } },
          },
        },
      }),
      want: [
        ["groupId", "path", true, "#/paths/~1g~1{groupId}~1a~1{appId}/parameters/1"],
        ["appId", "path", true, "#/components/parameters/AppId"],
        ["alpha", "query", true, "#/paths/~1g~1{groupId}~1a~1{appId}/get/parameters/1"],
        ["zeta", "query", false, "#/paths/~1g~1{groupId}~1a~1{appId}/get/parameters/0"],
      ],
    },
    {
      name: "an operation parameter overrides the path item's of the same name and location",
      doc: openapi({
        paths: {
          "/x": {
            parameters: [{ name: "q", in: "query", schema: { type: "string" } }],
            get: {
              tags: ["t"],
              operationId: "getX",
              parameters: [
                {
                  name: "q",
                  in: "query",
                  required: true,
                  schema: { type: "integer" },
                  deprecated: true,
                },
              ],
              responses: { "204": { description: "ok" } },
            },
          },
        },
      }),
      want: [["q", "query", true, "#/paths/~1x/get/parameters/0"]],
    },
    {
      name: "a path parameter is required even when the spec forgets to say so",
      doc: op("/x/{id}", "get", {
        operationId: "getX",
        parameters: [{ name: "id", in: "path", schema: { type: "string" } }],
      }),
      want: [["id", "path", true, "#/paths/~1x~1{id}/get/parameters/0"]],
    },
  ])("$name", ({ doc, want }) => {
    const [operation] = modelOf(doc).operations;
    expect(operation!.parameters.map((p) => [p.name, p.in, p.required, p.pointer])).toEqual(want);
  });

  it("keeps description, deprecation, style and explode", () => {
    const doc = op("/x", "get", {
      operationId: "getX",
      parameters: [
        {
          name: "p",
          in: "query",
          style: "form",
          explode: false,
          deprecated: true,
          description: "d",
          schema: { type: "array", items: { type: "string" } },
        },
      ],
    });
    expect(modelOf(doc).operations[0]!.parameters[0]).toMatchObject({
      description: "d",
      deprecated: true,
      style: "form",
      explode: false,
    });
  });

  it.each([
    {
      name: "header parameter",
      doc: op("/x", "get", {
        operationId: "getX",
        parameters: [{ name: "X-Trace", in: "header", schema: { type: "string" } }],
      }),
      error:
        /fragment\.yaml #\/paths\/~1x\/get\/parameters\/0: parameter "X-Trace" is in "header": only path and query/,
    },
    {
      name: "parameter with content instead of schema",
      doc: op("/x", "get", {
        operationId: "getX",
        parameters: [{ name: "f", in: "query", content: { "application/json": {} } }],
      }),
      error: /#\/paths\/~1x\/get\/parameters\/0: parameter "f" has no schema/,
    },
    {
      name: "template variable nobody declares",
      doc: op("/x/{id}", "get", { operationId: "getX" }),
      error:
        /#\/paths\/~1x~1{id}\/get: path template variable {id} of \/x\/{id} has no declared path parameter/,
    },
    {
      name: "declared path parameter missing from the template",
      doc: op("/x", "get", {
        operationId: "getX",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      }),
      error:
        /#\/paths\/~1x\/get\/parameters\/0: path parameter "id" is not in the path template \/x/,
    },
    {
      name: "one name as path and query parameter",
      doc: op("/x/{id}", "get", {
        operationId: "getX",
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" } },
          { name: "id", in: "query", schema: { type: "string" } },
        ],
      }),
      error:
        /parameter name clash in GET \/x\/{id}: "id" is both a path \(.*parameters\/0\) and a query parameter \(.*parameters\/1\)/,
    },
    {
      name: "reference that does not resolve",
      doc: op("/x", "get", {
        operationId: "getX",
        parameters: [{ $ref: "#/components/parameters/Nope" }],
      }),
      error:
        /#\/paths\/~1x\/get\/parameters\/0: \$ref #\/components\/parameters\/Nope does not resolve/,
    },
    {
      name: "reference to the wrong kind of component",
      doc: op("/x", "get", {
        operationId: "getX",
        parameters: [{ $ref: "#/components/schemas/Thing" }],
      }),
      error: /\$ref "#\/components\/schemas\/Thing" should point into #\/components\/parameters\//,
    },
  ])("refuses a $name, saying where", ({ doc, error }) => {
    expect(() => modelOf(doc)).toThrow(error);
  });
});
