/**
 * Specs nested deeper than a recursive tool's stack: the YAML parser (about 700 levels here) and
 * openapi-typescript (about 200) ran out of stack, and the refusal read "Maximum call stack size
 * exceeded", as a bug of ours would, without saying where. They now say what and where.
 */
import { describe, expect, it } from "vitest";
import { schemaTypes } from "../../generator/emit/schema-types.js";
import { GeneratorError } from "../../generator/errors.js";
import { deepestPlace } from "../../spec/depth.js";
import type { OpenApiDocument } from "../../spec/json.js";
import { loadSpecText } from "../../spec/load.js";
import { caughtSpecError } from "../helpers/spec-error.js";

/** A spec whose one schema holds `levels` nested objects (`properties.a` each). */
function deepSpec(levels: number): OpenApiDocument {
  let schema: Record<string, unknown> = { type: "string" };
  for (let i = 0; i < levels; i++) schema = { type: "object", properties: { a: schema } };
  const json = { "application/json": { schema: { $ref: "#/components/schemas/A" } } };
  return {
    openapi: "3.0.1",
    info: { title: "t", version: "1" },
    paths: {
      "/a": { get: { operationId: "a", responses: { 200: { description: "ok", content: json } } } },
    },
    components: { schemas: { A: schema } },
  } as unknown as OpenApiDocument;
}

/** JSON.stringify recurses too: the text is built by hand. */
function deepText(levels: number): string {
  const head = JSON.stringify(deepSpec(0)).replace(/\{"type":"string"\}\}\}\}$/, "");
  return `${head}${'{"type":"object","properties":{"a":'.repeat(levels)}{"type":"string"}${"}}".repeat(levels)}}}}`;
}

describe("a spec nested too deeply", () => {
  it("is refused by the loader as nested too deeply, with the line and column, not as a stack overflow", () => {
    expect(loadSpecText(deepText(2), "deep.json").doc).toEqual(deepSpec(2));
    const error = caughtSpecError(() => loadSpecText(deepText(20_000), "deep.json"));
    expect(error.code).toBe("parse-error");
    expect(error.message).toMatch(
      /^deep\.json:1:\d+: nested too deeply to parse \(the parser ran out of stack here\)$/,
    );
  });

  it("is refused by the generator with the depth and the pointer of its deepest place", async () => {
    const levels = 3_000;
    const error = await schemaTypes(deepSpec(levels), "deep.json").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GeneratorError);
    const deepest = `#/components/schemas/A${"/properties/a".repeat(levels)}`;
    expect((error as GeneratorError).at.pointer).toBe(deepest);
    expect((error as GeneratorError).message).toBe(
      `deep.json ${deepest}: openapi-typescript ran out of stack: the spec nests too deeply for ` +
        `it (${2 * levels + 3} levels at this, its deepest place)`,
    );
  });
});

describe("deepestPlace", () => {
  it("finds the deepest value through objects and arrays, escaping the pointer", () => {
    expect(deepestPlace({ a: [1, { "b/c": { d: {} } }], e: { f: 1 } })).toEqual({
      pointer: "#/a/1/b~1c/d",
      depth: 4,
    });
    expect(deepestPlace("text")).toEqual({ pointer: "#", depth: 0 });
  });
});
