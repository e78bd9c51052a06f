/**
 * Hostile spec text (specprobe): YAML alias bombs and malformed `$ref` escapes are refused with a
 * SpecError naming the file (and the `$ref`'s pointer), never a hang or an internal error.
 */
import { describe, expect, it } from "vitest";
import { loadSpecText } from "../../spec/load.js";
import { fromPointer } from "../../spec/pointer.js";
import { assertRepairedShape } from "../../spec/validate-shape.js";
import { caughtSpecError } from "../helpers/spec-error.js";

const HEAD = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";
const PATHS =
  "paths:\n  /a:\n    get:\n      operationId: a\n      tags: [x]\n      responses: {'200': {description: ok}}\n";

/** Ten levels of nine aliases each: 9^10 strings once expanded, a few hundred bytes as text. */
function aliasBomb(): string {
  let text = '  x-l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i <= 9; i++)
    text += `  x-l${i}: &l${i} [${Array(9)
      .fill(`*l${i - 1}`)
      .join(",")}]\n`;
  return text;
}

describe("YAML anchors and aliases", () => {
  it("refuses an alias bomb, naming the file, before anything walks the document", () => {
    const error = caughtSpecError(() =>
      loadSpecText(`${HEAD}info-x:\n${aliasBomb()}${PATHS}`, "bomb.yaml"),
    );
    expect(error.code).toBe("parse-error");
    expect(error.message).toMatch(/^bomb\.yaml: not usable YAML: its aliases \(\*name\) expand/);
  });

  it("refuses an alias bomb in a spec with duplicate keys too (the careful parser's path)", () => {
    const text = `${HEAD}info: {title: t, version: '2'}\ninfo-x:\n${aliasBomb()}${PATHS}`;
    expect(caughtSpecError(() => loadSpecText(text, "bomb.yaml")).code).toBe("parse-error");
  });

  it("loads a large spec that reuses one anchor hundreds of times (more than yaml's default of 100)", () => {
    const ok = "responses: {'200': {description: ok}}";
    const paths = Array.from(
      { length: 300 },
      (_, i) =>
        `  /p${i}:\n    get: {operationId: p${i}, tags: [x], ${ok}, parameters: [*limit]}\n`,
    ).join("");
    const text = `${HEAD}x-limit: &limit {name: limit, in: query, schema: {type: integer}}\npaths:\n${paths}`;
    const { doc } = loadSpecText(text, "many.yaml");
    const got = doc as unknown as { paths: Record<string, { get: { parameters: unknown[] } }> };
    expect(got.paths["/p299"]!.get.parameters).toEqual([
      { name: "limit", in: "query", schema: { type: "integer" } },
    ]);
  });

  it("refuses an alias inside its own anchor (a document that contains itself), with its line", () => {
    const text = `${HEAD}x-schema: &self\n  type: object\n  properties:\n    child: *self\n${PATHS}`;
    const error = caughtSpecError(() => loadSpecText(text, "self.yaml"));
    expect(error.code).toBe("parse-error");
    expect(error.message).toBe(
      "self.yaml:6:12: not usable YAML: the alias *self is inside the node its anchor &self names: the document would contain itself",
    );
  });

  it("still loads anchors reused as templates, with the same values as written out", () => {
    const ok = "responses: {'200': {description: ok}}";
    const anchored = `${HEAD}paths:\n  /a:\n    get: &op {operationId: a, tags: [x], ${ok}}\n  /b:\n    get: *op\n    put: *op\n`;
    const plain = `${HEAD}paths:\n  /a:\n    get: {operationId: a, tags: [x], ${ok}}\n  /b:\n    get: {operationId: a, tags: [x], ${ok}}\n    put: {operationId: a, tags: [x], ${ok}}\n`;
    expect(loadSpecText(anchored, "a.yaml").doc).toEqual(loadSpecText(plain, "p.yaml").doc);
  });
});

describe("$ref escapes", () => {
  it("keeps a malformed percent-escape as written rather than throwing URIError", () => {
    expect(fromPointer("#/components/schemas/a%zz")).toEqual(["components", "schemas", "a%zz"]);
    expect(fromPointer("#/components/schemas/a%20b~1c")).toEqual([
      "components",
      "schemas",
      "a b/c",
    ]);
  });

  it("reports a $ref with a malformed percent-escape as not resolving, with its pointer", () => {
    const text = `${HEAD}paths:\n  /a:\n    get:\n      operationId: a\n      tags: [x]\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/a%zz'}\n`;
    const { doc } = loadSpecText(text, "bad.yaml");
    const error = caughtSpecError(() => assertRepairedShape(doc, "bad.yaml"));
    expect(error.message).toBe(
      "bad.yaml #/paths/~1a/get/responses/200/content/application~1json/schema/$ref: " +
        "$ref #/components/schemas/a%zz does not resolve",
    );
  });
});

describe("$ref to the whole document", () => {
  it("is refused with its pointer (openapi-typescript failed on it without one)", () => {
    const text = `${HEAD}paths:\n  /a:\n    get:\n      operationId: a\n      tags: [x]\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#'}\n`;
    const { doc } = loadSpecText(text, "root.yaml");
    const error = caughtSpecError(() => assertRepairedShape(doc, "root.yaml"));
    expect(error.code).toBe("bad-ref");
    expect(error.message).toBe(
      "root.yaml #/paths/~1a/get/responses/200/content/application~1json/schema/$ref: " +
        "$ref # names the whole document, not a component",
    );
  });
});

describe("path templates", () => {
  const withPath = (path: string) =>
    `${HEAD}paths:\n  '${path}':\n    get:\n      operationId: a\n      tags: [x]\n      responses: {'200': {description: ok}}\n`;

  it.each(["/apps/{appId", "/apps/appId}", "/apps/{}", "/apps/{a{b}}", "/apps/{a/b}"])(
    "refuses %s with its pointer (the client would request the braces literally)",
    (path) => {
      const error = caughtSpecError(() => loadSpecText(withPath(path), "p.yaml"));
      expect(error.code).toBe("bad-shape");
      expect(error.message).toContain(`p.yaml:4 #/paths/${path.replace(/\//g, "~1")}: the path`);
      expect(error.message).toContain("outside a {name} template");
    },
  );

  it.each(["/apps", "/apps/{appId}", "/apps/{appId}/x/{b}.{c}", "/a/{x-y_z.1}"])(
    "accepts %s",
    (path) => {
      expect(() => loadSpecText(withPath(path), "p.yaml")).not.toThrow();
    },
  );
});
