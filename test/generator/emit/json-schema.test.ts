import { describe, expect, it } from "vitest";
import { toJsonSchema } from "../../../generator/emit/json-schema.js";

describe("toJsonSchema", () => {
  it.each([
    {
      name: "3.0 nullable string",
      dialect: "3.0",
      given: { type: "string", nullable: true },
      want: { type: ["string", "null"] },
    },
    {
      name: "3.0 nullable enum gets null among its values",
      dialect: "3.0",
      given: { type: "string", enum: ["a", "b"], nullable: true },
      want: { type: ["string", "null"], enum: ["a", "b", null] },
    },
    {
      name: "3.0 nullable without type becomes anyOf with null",
      dialect: "3.0",
      given: { allOf: [{ $ref: "#/components/schemas/A" }], nullable: true },
      want: { anyOf: [{ allOf: [{ $ref: "#/components/schemas/A" }] }, { type: "null" }] },
    },
    {
      name: "3.0 nullable: false is dropped",
      dialect: "3.0",
      given: { type: "integer", nullable: false },
      want: { type: "integer" },
    },
    {
      name: "3.0 nested nullable in properties, items and oneOf",
      dialect: "3.0",
      given: {
        type: "object",
        properties: {
          a: { type: "object", nullable: true },
          b: { type: "array", items: { type: "number", nullable: true } },
        },
        oneOf: [{ type: "boolean", nullable: true }],
      },
      want: {
        type: "object",
        properties: {
          a: { type: ["object", "null"] },
          b: { type: "array", items: { type: ["number", "null"] } },
        },
        oneOf: [{ type: ["boolean", "null"] }],
      },
    },
    {
      name: "3.0 boolean exclusive bounds become numbers",
      dialect: "3.0",
      given: {
        type: "number",
        minimum: 0,
        exclusiveMinimum: true,
        maximum: 9,
        exclusiveMaximum: false,
      },
      want: { type: "number", exclusiveMinimum: 0, maximum: 9 },
    },
    {
      name: "3.1 type arrays and const pass through unchanged",
      dialect: "3.1",
      given: {
        type: ["object", "null"],
        properties: { k: { const: "x" } },
        additionalProperties: { type: "string" },
      },
      want: {
        type: ["object", "null"],
        properties: { k: { const: "x" } },
        additionalProperties: { type: "string" },
      },
    },
    {
      name: "3.1 leaves a stray nullable alone (not a 3.1 keyword)",
      dialect: "3.1",
      given: { type: "string", nullable: true },
      want: { type: "string", nullable: true },
    },
    {
      name: "examples, defaults and enum values are data, not schemas",
      dialect: "3.0",
      given: {
        type: "object",
        example: { nullable: true },
        default: { properties: 1 },
        enum: [{ nullable: true }],
      },
      want: {
        type: "object",
        example: { nullable: true },
        default: { properties: 1 },
        enum: [{ nullable: true }],
      },
    },
    {
      name: "a property literally named properties",
      dialect: "3.1",
      given: {
        type: "object",
        properties: { properties: { type: "object", properties: { x: { type: "string" } } } },
      },
      want: {
        type: "object",
        properties: { properties: { type: "object", properties: { x: { type: "string" } } } },
      },
    },
  ] as const)("$name", ({ dialect, given, want }) => {
    expect(toJsonSchema(structuredClone(given), dialect, "#/x")).toEqual(want);
  });

  it("refuses a $ref that leaves components/schemas, at its pointer", () => {
    expect(() =>
      toJsonSchema(
        { properties: { id: { $ref: "#/components/parameters/GroupId" } } },
        "3.0",
        "#/components/schemas/App",
        "s.yaml",
      ),
    ).toThrow(
      's.yaml #/components/schemas/App/properties/id/$ref: schema $ref "#/components/parameters/GroupId" does not point into #/components/schemas/',
    );
  });
});
