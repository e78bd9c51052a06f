import { describe, expect, it } from "vitest";
import { modelOf, op, openapi } from "../helpers/fragment.js";

const ok = { "200": { description: "ok" } };
const get = (operationId: string, tags = ["apps"], extra = {}) => ({
  get: { tags, operationId, responses: ok, ...extra },
});

describe("operation names", () => {
  it.each([
    {
      operationId: "adminListApplications",
      tag: "apps",
      want: ["apps", "listApplications", undefined, "ListApplications"],
    },
    {
      operationId: "getAdminProfile",
      tag: "admin",
      want: ["admin", "getAdminProfile", undefined, "GetAdminProfile"],
    },
    {
      operationId: "deleteGwarder",
      tag: "log_forwarders",
      want: ["logForwarders", "deleteLogForwarder", "deleteGwarder", "DeleteLogForwarder"],
    },
    {
      operationId: "adminCreateASecret",
      tag: "secrets",
      want: ["secrets", "createSecret", "createASecret", "CreateSecret"],
    },
    {
      operationId: "administer",
      tag: "custom-user-data",
      want: ["customUserData", "administer", undefined, "Administer"],
    },
  ])("$operationId tagged $tag", ({ operationId, tag, want }) => {
    const operation = modelOf(openapi({ paths: { "/x": get(operationId, [tag]) } })).operations[0]!;
    expect([
      operation.namespace,
      operation.name,
      operation.deprecatedAlias,
      operation.typeStem,
    ]).toEqual(want);
  });

  it("takes the first tag as the namespace of an operation with several", () => {
    expect(
      modelOf(openapi({ paths: { "/x": get("adminListRules", ["services", "rules"]) } }))
        .operations[0]!.namespace,
    ).toBe("services");
  });

  it("sorts operations by namespace then operationId", () => {
    const model = modelOf(
      openapi({
        paths: { "/a": get("zeta", ["b"]), "/b": get("alpha", ["b"]), "/c": get("mid", ["a"]) },
      }),
    );
    expect(model.operations.map((o) => o.operationId)).toEqual(["mid", "alpha", "zeta"]);
    expect(model.namespaces.map((n) => n.namespace)).toEqual(["a", "b"]);
  });
});

describe("collisions and unusable names stop generation, naming both parties", () => {
  it.each([
    {
      name: "two operations on one method name",
      doc: openapi({ paths: { "/a": get("adminListThings"), "/b": get("listThings") } }),
      error:
        /name collision: adminListThings \(GET \/a, #\/paths\/~1a\/get\) and listThings \(GET \/b, #\/paths\/~1b\/get\) both become apps\.listThings/,
    },
    {
      name: "a corrected name's alias colliding with another operation",
      doc: openapi({ paths: { "/a": get("deleteGwarder"), "/b": get("deleteLogForwarder") } }),
      error:
        /name collision: deleteGwarder \(GET \/a.*\) and deleteLogForwarder \(GET \/b.*\) both become apps\.deleteLogForwarder/,
    },
    {
      name: "a duplicate operationId",
      doc: openapi({ paths: { "/a": get("adminGetThing"), "/b": get("adminGetThing") } }),
      error:
        /duplicate operationId: adminGetThing \(GET \/a, #\/paths\/~1a\/get\) and adminGetThing \(GET \/b, #\/paths\/~1b\/get\)/,
    },
    {
      name: "a query parameter named body beside a request body",
      doc: op("/x", "post", {
        operationId: "postX",
        parameters: [{ name: "body", in: "query", schema: { type: "string" } }],
        requestBody: { content: { "application/json": { schema: { type: "object" } } } },
      }),
      error:
        /parameter name clash in postX \(POST \/x\): query parameter "body" \(#\/paths\/~1x\/post\/parameters\/0\) and the request body/,
    },
    {
      name: "two tags on one namespace",
      doc: openapi({
        paths: { "/a": get("one", ["log_forwarders"]), "/b": get("two", ["log-forwarders"]) },
      }),
      error:
        /tags "log_forwarders" \(one .*\) and "log-forwarders" \(two .*\) both map to namespace "logForwarders"/,
    },
    {
      name: "two schemas on one model name",
      doc: openapi({
        paths: { "/a": get("one") },
        components: { schemas: { "a-b": { type: "string" }, AB: { type: "string" } } },
      }),
      error:
        /name collision: schemas #\/components\/schemas\/AB and #\/components\/schemas\/a-b both become model AB/,
    },
    {
      name: "a schema named like a generated export",
      doc: openapi({
        paths: { "/a": get("one") },
        components: { schemas: { Invoke: { type: "string" } } },
      }),
      error: /schema Invoke would shadow the generated export Invoke/,
    },
    {
      name: "a method named like a generated binding",
      doc: openapi({ paths: { "/a": get("operations") } }),
      error: /gives method name "operations", which the generated code already binds/,
    },
    {
      // Its descriptor `Client` would clash with the `Client` type the tag file imports.
      name: "a method whose descriptor is named like a generated binding",
      doc: openapi({ paths: { "/a": get("client") } }),
      error: /gives descriptor name "Client", which the generated code already binds/,
    },
    {
      name: "a namespace named like a generated binding",
      doc: openapi({ paths: { "/a": get("one", ["operations"]) } }),
      error: /tag "operations" gives namespace "operations", which the generated code cannot bind/,
    },
    {
      name: "a method name that is a reserved word",
      doc: openapi({ paths: { "/a": get("delete") } }),
      error:
        /#\/paths\/~1a\/get: operationId delete gives the method name "delete", which is not a valid identifier/,
    },
    {
      name: "a TRACE operation",
      doc: openapi({
        paths: { "/a": { trace: { tags: ["t"], operationId: "traceA", responses: ok } } },
      }),
      error: /#\/paths\/~1a\/trace: TRACE \/a \(traceA\): TRACE operations are not supported/,
    },
    {
      name: "an operation without operationId",
      doc: openapi({ paths: { "/a": { get: { tags: ["t"], responses: ok } } } }),
      error: /#\/paths\/~1a\/get: GET \/a has no operationId/,
    },
    {
      name: "an operation without tag",
      doc: openapi({ paths: { "/a": { get: { operationId: "one", responses: ok } } } }),
      error: /#\/paths\/~1a\/get: GET \/a \(one\) has no tag/,
    },
    {
      name: "a tag without letters",
      doc: openapi({ paths: { "/a": get("one", ["--"]) } }),
      error: /#\/paths\/~1a\/get: tag "--" has no letters or digits/,
    },
  ])("$name", ({ doc, error }) => {
    expect(() => modelOf(doc)).toThrow(error);
  });
});
