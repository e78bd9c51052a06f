import { describe, expect, it } from "vitest";
import { schemaTypes } from "../../../generator/emit/schema-types.js";
import { openapi } from "../helpers/fragment.js";

/** The printed type of component schema `S` (one line, whitespace collapsed). */
async function typeOf(schema: unknown, version = "3.1.0"): Promise<string> {
  const text = await schemaTypes(openapi({ components: { schemas: { S: schema } } }, version));
  const match = /\n {4}S:\s([\s\S]*?);\n {2}\};\n {2}responses/.exec(text);
  if (!match) throw new Error(`no S in:\n${text}`);
  return match[1]!
    .replace(/\/\*\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .trim();
}

describe("schemaTypes (openapi-typescript with our options)", () => {
  it.each([
    {
      name: "free-form object is an open record (#1004)",
      schema: { type: "object" },
      want: "Record<string, unknown>",
    },
    {
      name: "object with only a description is open too",
      schema: { type: "object", description: "anything" },
      want: "Record<string, unknown>",
    },
    {
      name: "binary is bytes",
      schema: { type: "string", format: "binary" },
      want: "Blob | Uint8Array",
    },
    {
      name: "3.1 nullable binary",
      schema: { type: ["string", "null"], format: "binary" },
      want: "Blob | Uint8Array | null",
    },
    {
      name: "3.0 nullable binary",
      version: "3.0.1",
      schema: { type: "string", format: "binary", nullable: true },
      want: "Blob | Uint8Array | null",
    },
    {
      name: "3.0 nullable string",
      version: "3.0.1",
      schema: { type: "string", nullable: true },
      want: "string | null",
    },
    {
      name: "3.1 type array with null",
      schema: { type: ["object", "null"] },
      want: "Record<string, unknown> | null",
    },
    { name: "string enum", schema: { type: "string", enum: ["a", "b"] }, want: '"a" | "b"' },
    { name: "const", schema: { const: "x" }, want: '"x"' },
    {
      name: "property with a default stays optional; required ones are not",
      schema: {
        type: "object",
        required: ["b"],
        properties: { a: { type: "boolean", default: false }, b: { type: "string" } },
      },
      want: "{ a?: boolean; b: string; }",
    },
    {
      name: "oneOf is a union",
      schema: {
        oneOf: [{ type: "string" }, { type: "object", properties: { k: { type: "integer" } } }],
      },
      // prettier's layout: a union with an object type in it, one member per line.
      want: "| string | { k?: number; }",
    },
    {
      name: "allOf is an intersection",
      schema: {
        allOf: [
          { $ref: "#/components/schemas/S" },
          { type: "object", properties: { k: { type: "integer" } } },
        ],
      },
      want: 'components["schemas"]["S"] & { k?: number; }',
    },
    {
      name: "map of strings",
      schema: { type: "object", additionalProperties: { type: "string" } },
      want: "{ [key: string]: string; }",
    },
  ])("$name", async ({ schema, want, version }) => {
    expect(await typeOf(schema, version)).toBe(want);
  });

  // A dangling `$ref` never gets here: the spec pipeline refuses it with its pointer
  // (assertRepairedShape, test/spec/validate-shape.test.ts), so schemaTypes does not walk for it.
  it("names the file when openapi-typescript cannot process the document", async () => {
    const broken = openapi({ components: { schemas: { S: null } } });
    await expect(schemaTypes(broken, "broken.yaml")).rejects.toThrow(
      /^broken\.yaml: openapi-typescript failed: /,
    );
  });
});
