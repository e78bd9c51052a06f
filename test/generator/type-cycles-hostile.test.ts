/**
 * Component schemas that are their own type (specprobe): openapi-typescript wrote them as
 * `App: components["schemas"]["App"]` and the output failed to compile (TS2502). Each shape here
 * was checked against the TypeScript compiler: the refused ones do not compile, the accepted ones
 * do (an object type in between defers the reference).
 */
import { describe, expect, test } from "vitest";
import { GeneratorError } from "../../generator/errors.js";
import { modelOf, op } from "./helpers/fragment.js";

const SELF = { $ref: "#/components/schemas/App" };

function withSchemas(schemas: Record<string, unknown>) {
  return op("/things", "get", { operationId: "getThing" }, { components: { schemas } });
}

describe("a schema whose type would be circular is refused with its pointer", () => {
  test.each<[string, Record<string, unknown>, string]>([
    ["its own $ref", { App: SELF }, "App -> App"],
    [
      "a $ref loop through another schema",
      { App: { $ref: "#/components/schemas/B" }, B: SELF },
      "App -> B -> App",
    ],
    ["allOf", { App: { allOf: [SELF] } }, "App -> App"],
    [
      "allOf beside properties",
      { App: { type: "object", properties: { n: { type: "string" } }, allOf: [SELF] } },
      "App -> App",
    ],
    ["anyOf", { App: { anyOf: [{ type: "string" }, SELF] } }, "App -> App"],
    ["oneOf", { App: { oneOf: [{ type: "string" }, SELF] } }, "App -> App"],
    ["items", { App: { type: "array", items: SELF } }, "App -> App"],
    ["items inside allOf", { App: { allOf: [{ type: "array", items: SELF }] } }, "App -> App"],
  ])("%s", (_, schemas, cycle) => {
    let caught: unknown;
    try {
      modelOf(withSchemas(schemas));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GeneratorError);
    const message = (caught as Error).message;
    expect(message).toContain("fragment.yaml #/components/schemas/App: schema App is its own type");
    expect(message).toContain(`(${cycle})`);
  });
});

describe("recursion through an object type still generates", () => {
  test.each<[string, Record<string, unknown>]>([
    ["a property", { App: { type: "object", properties: { child: SELF } } }],
    ["additionalProperties", { App: { type: "object", additionalProperties: SELF } }],
    [
      "array of objects",
      { App: { type: "array", items: { type: "object", properties: { a: SELF } } } },
    ],
    ["allOf of an object", { App: { allOf: [{ type: "object", properties: { a: SELF } }] } }],
    [
      "a ref inside another schema",
      {
        App: { $ref: "#/components/schemas/B/properties/x" },
        B: { type: "object", properties: { x: { type: "string" } } },
      },
    ],
  ])("%s", (_, schemas) => {
    expect(modelOf(withSchemas(schemas)).schemas.map((s) => s.name)).toContain("App");
  });
});

test("a chain of 20,000 allOf refs is checked without exhausting the stack", () => {
  const schemas: Record<string, unknown> = { App: { type: "string" } };
  for (let i = 0; i < 20_000; i++)
    schemas[`M${i}`] = {
      allOf: [{ $ref: `#/components/schemas/${i === 19_999 ? "App" : `M${i + 1}`}` }],
    };
  expect(modelOf(withSchemas(schemas)).schemas).toHaveLength(20_001);
});
