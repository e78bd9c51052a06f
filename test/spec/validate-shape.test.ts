/**
 * The loader refuses a document without the OpenAPI structure (or without operations) naming the
 * JSON pointer and line, and accepts every form the upstream history has and the repairs fix;
 * after repair, a `$ref` that resolves to nothing is refused with its pointer. End to end:
 * `generate` on such a spec exits 1 and leaves the previous output as it was.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecText } from "../../spec/load.js";
import { repairedSpecFile } from "../../spec/pipeline.js";
import { projectRoot } from "../../spec/source.js";
import { assertRepairedShape } from "../../spec/validate-shape.js";
import { caughtSpecError } from "../helpers/spec-error.js";
import { workBudget } from "../helpers/work-budget.js";

const head = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\n";
/** A document with one operation whose body is `op` (YAML flow mapping text). */
const withOp = (op: string, rest = "") => `${head}paths:\n  /a:\n    get: ${op}\n${rest}`;
const ok = "{responses: {'200': {description: ok}}}";

const refusal = (text: string) => caughtSpecError(() => loadSpecText(text, "spec.yaml"));

describe("the loader refuses a document without the OpenAPI structure", () => {
  it.each([
    ["paths is a string", `${head}paths: string\n`, "#/paths", 3, 'not a string ("string")'],
    ["paths is missing", head, "#/paths", 1, "the document has no paths, so no operations"],
    ["no operations at all", `${head}paths: {}\n`, "#/paths", 3, "declares no operations"],
    [
      "a path item without operations",
      `${head}paths:\n  /a: {parameters: []}\n`,
      "#/paths",
      3,
      "declares no operations",
    ],
    ["components is a list", withOp(ok, "components: [1, 2, 3]\n"), "#/components", 6, "list"],
    [
      "a path not starting with /",
      `${head}paths:\n  a: {get: ${ok}}\n`,
      "#/paths/a",
      4,
      'the path "a" does not start with /',
    ],
    ["a path item that is a list", `${head}paths:\n  /a: [1]\n`, "#/paths/~1a", 4, "a list"],
    ["an operation that is a string", withOp("x"), "#/paths/~1a/get", 5, 'a string ("x")'],
    [
      "parameters as a mapping",
      withOp("{parameters: {a: 1}}"),
      "#/paths/~1a/get/parameters",
      5,
      "must be a list, not a mapping",
    ],
    [
      "a parameter that is a number",
      withOp("{parameters: [7]}"),
      "#/paths/~1a/get/parameters/0",
      5,
      "a number (7)",
    ],
    ["responses as a list", withOp("{responses: [1]}"), "#/paths/~1a/get/responses", 5, "a list"],
    [
      "a response that is a string",
      withOp("{responses: {'200': ok}}"),
      "#/paths/~1a/get/responses/200",
      5,
      'a string ("ok")',
    ],
    [
      "content as a list",
      withOp("{responses: {'200': {description: d, content: [1]}}}"),
      "#/paths/~1a/get/responses/200/content",
      5,
      "a list",
    ],
    [
      "a media type schema that is a number",
      withOp("{requestBody: {content: {application/json: {schema: 1}}}}"),
      "#/paths/~1a/get/requestBody/content/application~1json/schema",
      5,
      "must be a mapping, not a number (1)",
    ],
    [
      "tags that are not strings",
      withOp("{tags: [{a: 1}]}"),
      "#/paths/~1a/get/tags/0",
      5,
      "string",
    ],
    [
      "an operationId that is a number",
      withOp("{operationId: 5}"),
      "#/paths/~1a/get/operationId",
      5,
      "a number (5)",
    ],
    [
      "a $ref that is not a string",
      withOp("{parameters: [{$ref: 1}]}"),
      "#/paths/~1a/get/parameters/0/$ref",
      5,
      "a number (1)",
    ],
    [
      "component schemas as a string",
      withOp(ok, "components:\n  schemas: x\n"),
      "#/components/schemas",
      7,
      'a string ("x")',
    ],
    [
      "a component schema that is a number",
      withOp(ok, "components:\n  schemas:\n    A: 3\n"),
      "#/components/schemas/A",
      8,
      "a number (3)",
    ],
    [
      "properties as a string",
      withOp(ok, "components:\n  schemas:\n    A: {properties: x}\n"),
      "#/components/schemas/A/properties",
      8,
      'a string ("x")',
    ],
    [
      "allOf as a mapping, deep in a property",
      withOp(ok, "components:\n  schemas:\n    A:\n      properties:\n        b: {allOf: {}}\n"),
      "#/components/schemas/A/properties/b/allOf",
      10,
      "must be a list, not a mapping",
    ],
    [
      "items as a string",
      withOp(ok, "components:\n  schemas:\n    A: {items: x}\n"),
      "#/components/schemas/A/items",
      8,
      'must be a mapping, not a string ("x")',
    ],
    [
      "a component schema that is a boolean",
      withOp(ok, "components:\n  schemas:\n    A: false\n"),
      "#/components/schemas/A",
      8,
      "must be a mapping, not a boolean (false)",
    ],
    [
      "an allOf item that is a string",
      withOp(ok, "components:\n  schemas:\n    A: {allOf: [{}, x]}\n"),
      "#/components/schemas/A/allOf/1",
      8,
      'must be a mapping, not a string ("x")',
    ],
    [
      "a property schema that is a number",
      withOp(ok, "components:\n  schemas:\n    A: {properties: {a: 1}}\n"),
      "#/components/schemas/A/properties/a",
      8,
      "must be a mapping or string, not a number (1)",
    ],
    [
      "enum as a string",
      withOp(ok, "components:\n  schemas:\n    A: {enum: x}\n"),
      "#/components/schemas/A/enum",
      8,
      "must be a list",
    ],
    [
      "a component response header that is a list",
      withOp(ok, "components:\n  responses:\n    R: {description: d, headers: {h: []}}\n"),
      "#/components/responses/R/headers/h",
      8,
      "a list",
    ],
  ] as const)("%s", (_, text, pointer, line, message) => {
    const error = refusal(text);
    expect(error.code).toBe("bad-shape");
    expect(error.at).toEqual({ file: "spec.yaml", pointer, line });
    expect(error.message).toMatch(new RegExp(`^spec\\.yaml:${line} ${escape(pointer)}: `));
    expect(error.message).toContain(message);
  });

  it("names the line in JSON text too", () => {
    const text = JSON.stringify({ openapi: "3.1.0", info: {}, paths: "p" }, null, 2);
    expect(refusal(text).at).toEqual({ file: "spec.yaml", pointer: "#/paths", line: 4 });
  });
});

describe("the loader accepts what the upstream history has and the repairs fix", () => {
  it.each([
    ["property schemas written as strings (120-126)", "{properties: {_id: string}}"],
    ["required as a boolean or a string", "{required: true, properties: {a: {required: a}}}"],
    ["an unquoted null type (127-135)", "{type: null}"],
    ["items as a list (tuple form)", "{type: array, items: [{type: string}]}"],
    ["a $ref with sibling properties", "{$ref: '#/components/schemas/B', properties: {a: {}}}"],
    [
      "boolean additional/unevaluated schemas",
      "{additionalProperties: false, unevaluatedProperties: true}",
    ],
    ["nested schema namespaces (105-146)", "{Parts: {Base: {type: object}}}"],
  ])("%s", (_, schema) => {
    const text = withOp(ok, `components:\n  schemas:\n    A: ${schema}\n    B: {}\n`);
    expect(loadSpecText(text, "spec.yaml").doc.components).toBeDefined();
  });

  it("a path item that is only a $ref counts as declaring operations", () => {
    expect(() => loadSpecText(`${head}paths:\n  /a: {$ref: x.yaml}\n`)).not.toThrow();
  });
});

mkdirSync(join(projectRoot, ".cache"), { recursive: true });
const temp = mkdtempSync(join(projectRoot, ".cache", "validate-shape-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("after repair, every local $ref must resolve", () => {
  const dangling = {
    openapi: "3.0.1",
    info: { title: "t", version: "1" },
    paths: {
      "/a": {
        get: {
          tags: ["a"],
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Nope" } } },
            },
          },
        },
      },
    },
  };

  it("refuses a dangling ref with its pointer", () => {
    const file = join(temp, "dangling.json");
    writeFileSync(file, JSON.stringify(dangling));
    expect(() => repairedSpecFile(file)).toThrow(
      `${file} #/paths/~1a/get/responses/200/content/application~1json/schema/$ref: ` +
        "$ref #/components/schemas/Nope does not resolve",
    );
  });

  it("accepts refs that resolve, in lists and nested mappings, and leaves external refs alone", () => {
    const doc = {
      ...dangling,
      components: { schemas: { Nope: { allOf: [{ $ref: "#/components/schemas/Nope" }] } } },
      "x-other": [{ $ref: "other.yaml#/x" }],
    };
    expect(() => assertRepairedShape(doc, "f.json")).not.toThrow();
    expect(() => assertRepairedShape({ ...doc, "x-l": [[{ $ref: "#/no" }]] }, "f.json")).toThrow(
      expect.objectContaining({
        code: "bad-ref",
        at: { file: "f.json", pointer: "#/x-l/0/0/$ref" },
      }),
    );
  });

  it("refuses a $ref that is not a string where the spec holds objects, not in literal data", () => {
    const doc = {
      ...dangling,
      components: {
        schemas: {
          Nope: { allOf: [{ $ref: { to: "#/x" } }] },
        },
      },
    };
    expect(() => assertRepairedShape(doc, "f.json")).toThrow(
      expect.objectContaining({
        code: "bad-shape",
        at: { file: "f.json", pointer: "#/components/schemas/Nope/allOf/0/$ref" },
      }),
    );
    const literal = { type: "object", example: { $ref: 3 }, default: { $ref: "#/no" } };
    const withData = { ...dangling, components: { schemas: { Nope: literal } } };
    expect(() => assertRepairedShape(withData, "f.json")).not.toThrow();
  });
});

describe("npm run generate -- --spec <wrong shape>", { timeout: workBudget("cli", 1) }, () => {
  it("exits 1 with the pointer and line, the output folder untouched", async () => {
    const spec = join(temp, "paths-string.yaml");
    writeFileSync(spec, `${head}paths: string\n`);
    const out = join(temp, "out");
    mkdirSync(out);
    writeFileSync(join(out, "keep.txt"), "mine");
    const main = join(projectRoot, "generator", "main.ts");
    const args = ["--import", "tsx", main, "--spec", spec, "--out", out, "--force"];
    const result = await promisify(execFile)(process.execPath, args, { cwd: projectRoot }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: ${spec}:3 #/paths: must be a mapping, not a string ("string")\n`,
    );
    expect(readdirSync(out)).toEqual(["keep.txt"]);
    expect(readFileSync(join(out, "keep.txt"), "utf8")).toBe("mine");
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
