import { describe, expect, it } from "vitest";
import { modelOf, op } from "../helpers/fragment.js";

const thing = { type: "object", properties: { name: { type: "string" } } };

describe("requestBodyModel", () => {
  it.each([
    {
      name: "JSON preferred over other media types",
      requestBody: {
        required: true,
        content: {
          "text/plain": { schema: { type: "string" } },
          "application/json": { schema: thing },
        },
      },
      want: {
        mediaType: "application/json",
        kind: "json",
        required: true,
        pointer: "#/paths/~1x/post/requestBody/content/application~1json",
      },
    },
    {
      name: "vendor JSON counts as JSON",
      requestBody: { content: { "application/vnd.api+json": { schema: thing } } },
      want: { mediaType: "application/vnd.api+json", kind: "json", required: false },
    },
    {
      name: "multipart/mixed when that is all there is",
      requestBody: { required: true, content: { "multipart/mixed": { schema: thing } } },
      want: { mediaType: "multipart/mixed", kind: "multipart-mixed", required: true },
    },
    {
      name: "multipart/form-data",
      requestBody: { content: { "multipart/form-data": { schema: thing } } },
      want: { kind: "multipart-form" },
    },
    {
      name: "form-urlencoded",
      requestBody: { content: { "application/x-www-form-urlencoded": { schema: thing } } },
      want: { kind: "form-urlencoded" },
    },
    {
      name: "binary upload",
      requestBody: {
        content: { "application/zip": { schema: { type: "string", format: "binary" } } },
      },
      want: { kind: "binary", mediaType: "application/zip" },
    },
  ])("$name", ({ requestBody, want }) => {
    const operation = modelOf(op("/x", "post", { operationId: "postX", requestBody }))
      .operations[0]!;
    expect(operation.body).toMatchObject(want);
  });

  it("resolves a $ref into components/requestBodies and reports the pointer there", () => {
    const doc = op(
      "/x",
      "post",
      { operationId: "postX", requestBody: { $ref: "#/components/requestBodies/Thing" } },
      {
        components: {
          requestBodies: {
            Thing: {
              required: true,
              description: "A thing.",
              content: { "application/json": { schema: thing } },
            },
          },
        },
      },
    );
    expect(modelOf(doc).operations[0]!.body).toMatchObject({
      required: true,
      description: "A thing.",
      pointer: "#/components/requestBodies/Thing/content/application~1json",
    });
  });

  it("refuses a body without content", () => {
    expect(() =>
      modelOf(op("/x", "post", { operationId: "postX", requestBody: { content: {} } })),
    ).toThrow(/#\/paths\/~1x\/post\/requestBody: requestBody declares no content/);
  });
});

describe("responseModels", () => {
  it("sorts by status, resolves $refs, keeps media type, schema and example; 2xx are the success set", () => {
    const doc = op(
      "/x",
      "get",
      {
        operationId: "getX",
        responses: {
          "404": { $ref: "#/components/responses/NotFound" },
          "200": {
            description: "ok",
            content: {
              "application/json": { schema: thing, examples: { one: { value: { name: "a" } } } },
            },
          },
          "204": { description: "empty" },
        },
      },
      {
        components: {
          responses: {
            NotFound: {
              description: "nf",
              content: { "application/json": { schema: thing, example: { name: "nf" } } },
            },
          },
        },
      },
    );
    const operation = modelOf(doc).operations[0]!;
    expect(operation.responses.map((r) => [r.status, r.mediaType, r.example, r.pointer])).toEqual([
      ["200", "application/json", { name: "a" }, "#/paths/~1x/get/responses/200"],
      ["204", undefined, undefined, "#/paths/~1x/get/responses/204"],
      ["404", "application/json", { name: "nf" }, "#/components/responses/NotFound"],
    ]);
    expect(operation.success.map((r) => r.status)).toEqual(["200", "204"]);
  });

  it("refuses an operation without responses", () => {
    expect(() => modelOf(op("/x", "get", { operationId: "getX", responses: undefined }))).toThrow(
      /#\/paths\/~1x\/get\/responses: operation has no responses/,
    );
  });
});
