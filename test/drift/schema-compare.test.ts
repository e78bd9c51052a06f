import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../spec/json.js";
import { SchemaDiffer } from "../../packages/drift/compare/schema-diff.js";
import { describeDelta } from "../../packages/drift/compare/describe.js";
import { RefResolver } from "../../packages/drift/model/resolve.js";
import { changeLines, requestDoc, responseDoc } from "./helpers.js";

/** Differences between two schemas, each with its own components, described. */
function deltas(
  before: unknown,
  after: unknown,
  components: { old?: Record<string, unknown>; new?: Record<string, unknown> } = {},
  versions: { old?: string; new?: string } = {},
): string[] {
  const docOf = (schemas: Record<string, unknown> = {}, openapi = "3.1.0"): OpenApiDocument => ({
    openapi,
    components: { schemas },
  });
  const differ = new SchemaDiffer(
    new RefResolver(docOf(components.old, versions.old)),
    new RefResolver(docOf(components.new, versions.new)),
  );
  return differ.diff(before, after).map((d) => `${d.kind}: ${describeDelta(d)}`);
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("dialect normalisation: a dialect change is not a type change", () => {
  it.each([
    [
      "3.0 nullable -> 3.1 type array (D28)",
      { type: "object", nullable: true },
      { type: ["object", "null"] },
    ],
    [
      "3.1 type array -> oneOf with a null branch",
      { type: ["string", "null"] },
      { oneOf: [{ type: "string" }, { type: "null" }] },
    ],
    [
      'unquoted YAML null type (D29) -> "null"',
      { anyOf: [ref("X"), { type: null }] },
      { anyOf: [ref("X"), { type: "null" }] },
    ],
    [
      "null inside an enum -> nullable (D31)",
      { type: "string", enum: ["a", null] },
      { type: ["string", "null"], enum: ["a"] },
    ],
    ["const -> one-value enum", { const: "API" }, { type: "string", enum: ["API"] }],
    ["single-member oneOf (D19) -> the member", { oneOf: [ref("X")] }, ref("X")],
    [
      "items without type: array (D13)",
      { items: { type: "string" } },
      { type: "array", items: { type: "string" } },
    ],
    [
      "required as a string (D7)",
      { type: "object", properties: { a: {} }, required: "a" },
      { type: "object", properties: { a: {} }, required: ["a"] },
    ],
    [
      "required: true on the property (D8)",
      { type: "object", properties: { a: { type: "string", required: true } } },
      { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
    ],
    [
      "$ref with sibling properties (D15) -> allOf",
      { $ref: "#/components/schemas/X", properties: { b: { type: "string" } } },
      { allOf: [ref("X"), { properties: { b: { type: "string" } } }] },
    ],
  ])("%s", (_name, before, after) => {
    const x = { type: "object", properties: { a: { type: "string" } } };
    expect(deltas(before, after, { old: { X: x }, new: { X: x } }, { old: "3.0.1" })).toEqual([]);
  });

  it("the real 060 -> 061 change (nullable: true -> type [object, null]) reports nothing", () => {
    const before = requestDoc({
      type: "object",
      properties: { data: { type: "object", nullable: true } },
    });
    const after = requestDoc({
      type: "object",
      properties: { data: { type: ["object", "null"] } },
    });
    expect(changeLines(before, after)).toEqual([]);
  });
});

describe("structural comparison through $ref", () => {
  it("an inline schema and a $ref to the same schema are equal", () => {
    const thing = { type: "object", properties: { a: { type: "string" } }, required: ["a"] };
    expect(deltas(thing, ref("Thing"), { new: { Thing: thing } })).toEqual([]);
  });

  it("a renamed component with the same content is no schema change", () => {
    const thing = { type: "object", properties: { a: { type: "string" } } };
    expect(deltas(ref("Old"), ref("New"), { old: { Old: thing }, new: { New: thing } })).toEqual(
      [],
    );
  });

  it("allOf members are merged before comparing (a base schema split out)", () => {
    const flat = {
      type: "object",
      properties: { a: { type: "string" }, b: { type: "integer" } },
      required: ["a"],
    };
    const split = { allOf: [ref("Base"), { properties: { b: { type: "integer" } } }] };
    const base = { type: "object", properties: { a: { type: "string" } }, required: ["a"] };
    expect(deltas(flat, split, { new: { Base: base } })).toEqual([]);
  });

  it("follows refs into nested changes and names the path", () => {
    const inner = (t: string) => ({ type: "object", properties: { leaf: { type: t } } });
    const outer = { type: "object", properties: { list: { type: "array", items: ref("Inner") } } };
    expect(
      deltas(ref("Outer"), ref("Outer"), {
        old: { Outer: outer, Inner: inner("string") },
        new: { Outer: outer, Inner: inner("boolean") },
      }),
    ).toEqual(["type-changed: type of `list[].leaf` changed from string to boolean"]);
  });

  it("terminates on recursive schemas and still reports the change inside them", () => {
    // NestableFieldLevelPermissions-style recursion, through allOf and a property.
    const nest = (t: string) => ({
      allOf: [
        ref("Base"),
        { properties: { fields: { type: "object", additionalProperties: ref("Nest") } } },
      ],
      properties: { flag: { type: t } },
    });
    const base = { type: "object", properties: { read: { type: "boolean" } } };
    expect(
      deltas(ref("Nest"), ref("Nest"), {
        old: { Nest: nest("string"), Base: base },
        new: { Nest: nest("integer"), Base: base },
      }),
    ).toEqual(["type-changed: type of `flag` changed from string to integer"]);
  });

  it("terminates on mutually recursive schemas whose refs never line up", () => {
    const a = {
      type: "object",
      properties: { next: { type: "object", properties: { next: ref("A") } } },
    };
    const b = { type: "object", properties: { next: ref("B") } };
    const root = { type: "object", properties: { next: ref("B") } };
    expect(() => deltas(ref("A"), root, { old: { A: a }, new: { B: b } })).not.toThrow();
  });

  it("a broken $ref (D5) or a self-referencing ref chain does not crash", () => {
    const loop = { $ref: "#/components/schemas/Loop" };
    expect(deltas(ref("Missing"), { type: "string" }, { old: { Loop: loop } })).toEqual([
      "type-narrowed: type changed from any to string",
    ]);
    expect(deltas(ref("Loop"), ref("Loop"), { old: { Loop: loop }, new: { Loop: loop } })).toEqual(
      [],
    );
  });

  it("a property schema written as a string (D14) is compared as an unconstrained schema", () => {
    const before = { type: "object", properties: { _id: "string;" } };
    const after = { type: "object", properties: { _id: { type: "string" } } };
    expect(deltas(before, after)).toEqual([
      "type-narrowed: type of `_id` changed from any to string",
    ]);
  });
});

describe("direction decides severity", () => {
  const enumOf = (...values: string[]) => ({
    type: "object",
    properties: { state: { type: "string", enum: values } },
  });
  it("an enum value added is non-breaking in a request and potentially breaking in a response", () => {
    const request = changeLines(requestDoc(enumOf("a")), requestDoc(enumOf("a", "b")));
    const response = changeLines(responseDoc(enumOf("a")), responseDoc(enumOf("a", "b")));
    expect(request).toEqual([
      'request-property-enum-value-added POST /things | request body application/json | enum value "b" added to `state`',
    ]);
    expect(response).toEqual([
      'response-property-enum-value-added GET /things | response 200 application/json | enum value "b" added to `state`',
    ]);
  });
});
