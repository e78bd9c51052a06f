import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecFile, loadSpecText } from "../../spec/load.js";
import { sha256 } from "../../spec/source.js";
import { caughtSpecError } from "../helpers/spec-error.js";

describe("loadSpecText", () => {
  it("parses a document and hashes the text", () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {/a: {get: {}}}\n";
    const loaded = loadSpecText(text, "t.yaml");
    expect(loaded.doc.openapi).toBe("3.1.0");
    expect(loaded.sha256).toBe(sha256(text));
    expect(loaded.findings).toEqual([]);
  });

  it("keeps the last value of a duplicate key and reports it with pointer and line", () => {
    const text = [
      "openapi: 3.0.1",
      "paths:",
      "  /a/{x}:",
      "    parameters: [{name: first}]",
      "    get: {}",
      "    parameters: [{name: second}]",
      "",
    ].join("\n");
    const loaded = loadSpecText(text, "dup.yaml");
    expect(
      (loaded.doc.paths as Record<string, { parameters: unknown[] }>)["/a/{x}"]!.parameters,
    ).toEqual([{ name: "second" }]);
    expect(loaded.findings).toEqual([
      {
        defect: "duplicate-key",
        pointer: "#/paths/~1a~1{x}/parameters",
        line: 6,
        detail: 'duplicate key "parameters" (line 6); the last value is kept',
      },
    ]);
  });

  it("refuses invalid YAML with file, line and column", () => {
    const error = caughtSpecError(() =>
      loadSpecText("openapi: 3.0.1\npaths: [1,\n  b: 2", "bad.yaml"),
    );
    expect(error.code).toBe("parse-error");
    expect(error.at).toMatchObject({ file: "bad.yaml", line: 3 });
    expect(error.message).toMatch(/^bad\.yaml:3:\d+: not valid YAML: /);
  });

  it("refuses a document that is not OpenAPI 3.0/3.1, naming #/openapi", () => {
    const error = caughtSpecError(() => loadSpecText("swagger: '2.0'\n", "old.yaml"));
    expect(error.code).toBe("not-openapi");
    expect(error.message).toBe(
      "old.yaml #/openapi: not an OpenAPI 3.0/3.1 document (openapi: null)",
    );
    expect(caughtSpecError(() => loadSpecText("- a\n", "list.yaml")).message).toBe(
      "list.yaml: the document is not a mapping",
    );
  });
});

describe("loadSpecFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "load-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("names a missing file", () => {
    const file = join(dir, "absent.yaml");
    const error = caughtSpecError(() => loadSpecFile(file));
    expect(error.code).toBe("file-missing");
    expect(error.message).toBe(`${file}: cannot read the spec file`);
  });

  it("reads a file it can parse", () => {
    const file = join(dir, "ok.json");
    writeFileSync(
      file,
      JSON.stringify({ openapi: "3.0.1", info: {}, paths: { "/a": { get: {} } } }),
    );
    expect(loadSpecFile(file).doc.openapi).toBe("3.0.1");
  });
});
