import { describe, expect, it } from "vitest";
import { compare, doc, ruleTable, thingOp } from "../helpers.js";

const idParam = (name: string) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string" },
});
const getThing = (overrides: Record<string, unknown> = {}) =>
  thingOp({
    operationId: "adminGetThing",
    parameters: [idParam("thingId")],
    responses: {
      "200": {
        description: "ok",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
      },
    },
    ...overrides,
  });
const thing = { type: "object", properties: { name: { type: "string" } } };

ruleTable("operation rules", [
  {
    name: "operation-added",
    old: doc({ "/things": { post: thingOp() } }),
    new: doc({
      "/things": { post: thingOp() },
      "/things/{thingId}": {
        delete: thingOp({ operationId: "adminDeleteThing", parameters: [idParam("thingId")] }),
      },
    }),
    want: ["operation-added DELETE /things/{thingId} | - | operation `adminDeleteThing` added"],
  },
  {
    name: "operation-removed, with the schema only it used folded into it",
    old: doc(
      { "/things": { post: thingOp() }, "/things/{thingId}": { get: getThing() } },
      { components: { schemas: { Thing: thing } } },
    ),
    new: doc({ "/things": { post: thingOp() } }, { components: { schemas: {} } }),
    want: [
      "operation-removed GET /things/{thingId} | - | operation `adminGetThing` removed (+1 folded)",
    ],
  },
  {
    name: "operation-moved: same operationId, another method",
    old: doc({ "/things/{thingId}/redeploy": { get: thingOp({ operationId: "adminRedeploy" }) } }),
    new: doc({ "/things/{thingId}/redeploy": { post: thingOp({ operationId: "adminRedeploy" }) } }),
    want: [
      "operation-moved POST /things/{thingId}/redeploy | - | moved from GET /things/{thingId}/redeploy to POST /things/{thingId}/redeploy",
    ],
  },
  {
    name: "operation-id-changed: the generated method is renamed",
    old: doc({ "/things": { post: thingOp() } }),
    new: doc({ "/things": { post: thingOp({ operationId: "adminMakeThing" }) } }),
    want: [
      "operation-id-changed POST /things | - | operationId `adminCreateThing` -> `adminMakeThing`: method `createThing` becomes `makeThing`",
    ],
  },
  {
    name: "operation-id-respelled: the `admin` prefix is dropped, the method name stays",
    old: doc({ "/things": { post: thingOp() } }),
    new: doc({ "/things": { post: thingOp({ operationId: "createThing" }) } }),
    want: [
      "operation-id-respelled POST /things | - | operationId `adminCreateThing` -> `createThing`; method `createThing` unchanged",
    ],
  },
  {
    name: "operation-namespace-changed: the first tag maps to another namespace",
    old: doc({ "/things": { post: thingOp({ tags: ["things", "misc"] }) } }),
    new: doc({ "/things": { post: thingOp({ tags: ["log_forwarders", "things"] }) } }),
    want: ["operation-namespace-changed POST /things | - | namespace `things` -> `logForwarders`"],
  },
  {
    name: "a tag respelled to the same namespace is no change",
    old: doc({ "/things": { post: thingOp({ tags: ["log_forwarders"] }) } }),
    new: doc({ "/things": { post: thingOp({ tags: ["log-forwarders"] }) } }),
    want: [],
  },
  {
    name: "path-parameter-renamed, not a removed and an added parameter",
    old: doc(
      { "/things/{thingId}": { get: getThing() } },
      { components: { schemas: { Thing: thing } } },
    ),
    new: doc(
      { "/things/{id}": { get: getThing({ parameters: [idParam("id")] }) } },
      { components: { schemas: { Thing: thing } } },
    ),
    want: [
      "path-parameter-renamed GET /things/{id} | path parameter id | path parameter `thingId` renamed to `id`",
    ],
  },
  {
    name: "operation-deprecated",
    old: doc({ "/things": { post: thingOp() } }),
    new: doc({ "/things": { post: thingOp({ deprecated: true }) } }),
    want: ["operation-deprecated POST /things | - | marked deprecated"],
  },
]);

describe("operation matching", () => {
  it("never matches by position: reordering paths and methods is no change", () => {
    const a = doc({
      "/a": { get: thingOp({ operationId: "a" }) },
      "/b": { post: thingOp({ operationId: "b" }), get: thingOp({ operationId: "c" }) },
    });
    const b = doc({
      "/b": { get: thingOp({ operationId: "c" }), post: thingOp({ operationId: "b" }) },
      "/a": { get: thingOp({ operationId: "a" }) },
    });
    expect(compare(a, b).changes).toEqual([]);
  });

  it("does not pair by an operationId that is duplicated (D22)", () => {
    const a = doc({
      "/x": { get: thingOp({ operationId: "dup" }) },
      "/y": { get: thingOp({ operationId: "dup" }) },
    });
    const b = doc({ "/z": { get: thingOp({ operationId: "dup" }) } });
    const rules = compare(a, b).changes.map((c) => `${c.rule} ${c.path}`);
    expect(rules).toEqual(["operation-removed /x", "operation-removed /y", "operation-added /z"]);
  });

  it("counts operations for the headline", () => {
    const a = doc({
      "/a": { get: thingOp({ operationId: "a" }) },
      "/b": { get: thingOp({ operationId: "b" }) },
    });
    const b = doc({
      "/b": { get: thingOp({ operationId: "b", deprecated: true }) },
      "/c": { get: thingOp({ operationId: "c" }) },
    });
    expect(compare(a, b).operations).toEqual({ old: 2, new: 2, added: 1, removed: 1, changed: 1 });
  });
});
