/**
 * The model side of the generator features repaired specs rely on: which schemas readOnly and
 * writeOnly affect, x-exactly-one-of groups (checked, with a pointer for each mistake) and the
 * response media types a caller may pick. Output-level checks: contract-fixture.test.ts and
 * contract-types.test.ts.
 */
import { describe, expect, it } from "vitest";
import { readWriteFacts } from "../../../generator/model/read-write.js";
import { schemaInView } from "../../../generator/emit/schema-view.js";
import { modelOf, op, openapi } from "../helpers/fragment.js";

const str = { type: "string" };
const schemas = {
  Plain: { type: "object", properties: { a: str } },
  // readOnly but not required: marked for the types, the same in both JSON views.
  Stamped: { type: "object", properties: { at: { ...str, readOnly: true } } },
  Thing: {
    type: "object",
    required: ["_id", "secret"],
    properties: { _id: { ...str, readOnly: true }, secret: { ...str, writeOnly: true } },
  },
  Both: {
    type: "object",
    required: ["x"],
    properties: { x: { ...str, readOnly: true, writeOnly: true } },
  },
  // A cycle through a component that differs: both members differ.
  Node: { type: "object", properties: { next: { $ref: "#/components/schemas/Ring" } } },
  Ring: {
    type: "object",
    properties: {
      node: { $ref: "#/components/schemas/Node" },
      thing: { $ref: "#/components/schemas/Thing" },
    },
  },
  Loop: { type: "object", properties: { self: { $ref: "#/components/schemas/Loop" } } },
  List: { type: "array", items: { allOf: [{ $ref: "#/components/schemas/Thing" }] } },
};

describe("readWriteFacts", () => {
  const facts = readWriteFacts(openapi({ components: { schemas } }));

  it("marks the schemas whose types carry $Read/$Write, through references and cycles", () => {
    expect([...facts.marked].sort()).toEqual(["List", "Node", "Ring", "Stamped", "Thing"]);
  });

  it("finds the schemas whose request or response view differs: a required readOnly/writeOnly", () => {
    expect([...facts.differs.write].sort()).toEqual(["List", "Node", "Ring", "Thing"]);
    expect([...facts.differs.read].sort()).toEqual(["List", "Node", "Ring", "Thing"]);
  });

  it.each([
    [{ $ref: "#/components/schemas/Plain" }, false],
    [{ type: "array", items: { $ref: "#/components/schemas/Node" } }, true],
    [{ type: "object", properties: { id: { ...str, readOnly: true } } }, true],
    [{ type: "object", properties: { id: { ...str, readOnly: true, writeOnly: true } } }, false],
    [undefined, false],
  ])("an inline schema %j is marked: %s", (schema, marked) => {
    expect(facts.isMarked(schema)).toBe(marked);
  });
});

describe("schemaInView", () => {
  const differs = new Set(["Thing"]);
  it.each([
    {
      name: "a required readOnly property leaves `required` in a request",
      view: "write" as const,
      schema: schemas.Thing,
      want: { ...schemas.Thing, required: ["secret"] },
    },
    {
      name: "a required writeOnly property leaves `required` in a response",
      view: "read" as const,
      schema: schemas.Thing,
      want: { ...schemas.Thing, required: ["_id"] },
    },
    {
      name: "a reference to a component whose view differs points at that view, nested too",
      view: "write" as const,
      schema: {
        type: "array",
        items: {
          anyOf: [{ $ref: "#/components/schemas/Thing" }, { $ref: "#/components/schemas/Plain" }],
        },
      },
      want: {
        type: "array",
        items: {
          anyOf: [
            { $ref: "#/components/writeSchemas/Thing" },
            { $ref: "#/components/schemas/Plain" },
          ],
        },
      },
    },
    {
      name: "marked both ways: neither view drops it",
      view: "read" as const,
      schema: schemas.Both,
      want: schemas.Both,
    },
  ])("$name", ({ view, schema, want }) => {
    const before = structuredClone(schema);
    expect(schemaInView(schema, view, differs)).toEqual(want);
    expect(schema, "the input is not changed").toEqual(before);
  });
});

const execute = (extra: Record<string, unknown>, parameters?: unknown[]) =>
  op("/g/{groupId}/execute", "post", {
    operationId: "adminExecute",
    parameters: parameters ?? [
      { name: "groupId", in: "path", required: true, schema: str },
      { name: "user_id", in: "query", schema: str },
      { name: "run_as_system", in: "query", schema: { type: "boolean" } },
    ],
    ...extra,
  });
const at = "fragment.yaml #/paths/~1g~1{groupId}~1execute/post/x-exactly-one-of";

describe("x-exactly-one-of", () => {
  it("becomes the operation's groups; the params object is then required", () => {
    const [model] = modelOf(
      execute({ "x-exactly-one-of": [["user_id", "run_as_system"]] }),
    ).operations;
    expect(model!.exactlyOneOf).toEqual([["user_id", "run_as_system"]]);
    expect(model!.paramsOptional).toBe(false);
    expect(modelOf(execute({})).operations[0]!.exactlyOneOf).toBeUndefined();
  });

  it.each([
    [
      [["user_id", "run_as"]],
      `${at}/0/1: x-exactly-one-of names "run_as", which is not a parameter of this operation (parameters: groupId, run_as_system, user_id)`,
    ],
    [
      [["user_id", "groupId"]],
      `${at}/0/1: x-exactly-one-of names the required path parameter "groupId"`,
    ],
    [
      [["user_id"]],
      `${at}/0: x-exactly-one-of group must list two or more distinct parameter names`,
    ],
    [[["user_id", "user_id"]], `${at}/0: x-exactly-one-of group must list two or more distinct`],
    [["user_id"], `${at}/0: x-exactly-one-of group must list two or more distinct`],
    [[], `${at}: x-exactly-one-of must be a non-empty list of parameter groups`],
  ])("%j is refused with its pointer", (groups, message) => {
    expect(() => modelOf(execute({ "x-exactly-one-of": groups }))).toThrow(message);
  });

  it("refuses a required query parameter in a group", () => {
    const doc = execute({ "x-exactly-one-of": [["a", "b"]] }, [
      { name: "groupId", in: "path", required: true, schema: str },
      { name: "a", in: "query", required: true, schema: str },
      { name: "b", in: "query", schema: str },
    ]);
    expect(() => modelOf(doc)).toThrow(
      `${at}/0/0: x-exactly-one-of names the required query parameter "a"`,
    );
  });
});

describe("response media types a caller may pick", () => {
  const content = (...types: string[]) =>
    Object.fromEntries(
      types.map((t) => [t, { schema: t.includes("json") ? { type: "object" } : str }]),
    );
  it.each([
    {
      name: "one media type: none to pick",
      responses: { "200": { description: "ok", content: content("application/json") } },
      want: undefined,
    },
    {
      name: "JSON first whatever the spec's order, then the others in it",
      responses: {
        "200": {
          description: "ok",
          content: content("application/zip", "application/json", "text/yaml"),
        },
      },
      want: ["application/json", "application/zip", "text/yaml"],
    },
    {
      name: "across 2xx responses, each media type once",
      responses: {
        "200": { description: "ok", content: content("application/json", "application/zip") },
        "202": { description: "later", content: content("application/zip") },
        "204": { description: "none" },
      },
      want: ["application/json", "application/zip"],
    },
    {
      name: "error responses do not count",
      responses: {
        "200": { description: "ok", content: content("application/json") },
        "400": { description: "bad", content: content("text/plain") },
      },
      want: undefined,
    },
  ])("$name", ({ responses, want }) => {
    const [model] = modelOf(op("/x", "get", { operationId: "getX", responses })).operations;
    expect(model!.accepts?.map((m) => m.mediaType)).toEqual(want);
  });
});
