import { describe, expect, it } from "vitest";
import { driftBetween } from "../../packages/drift/drift.js";
import { DriftInputError, prepareSpec } from "../../packages/drift/source.js";
import { loadSpecText } from "../../spec/load.js";
import { repairSpec } from "../../spec/repair.js";

const yaml = (paths: string) => `openapi: 3.0.1
info: {title: t, version: "3.0"}
paths:
${paths}`;

describe("loading specs for drift", () => {
  it("refuses invalid YAML with its line and column", () => {
    const text = yaml("  /a:\n    get:\n      description: one\n     two: three\n");
    let error: unknown;
    try {
      prepareSpec(text, "bad.yaml", "new");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DriftInputError);
    expect(error).toMatchObject({
      side: "new",
      source: "bad.yaml",
      reason: "parse-error",
      line: 7,
    });
    expect((error as Error).message).toMatch(/^new spec bad\.yaml:7:\d+: not valid YAML/);
  });

  it("refuses a document that is not OpenAPI 3.0/3.1", () => {
    expect(() => prepareSpec('{"swagger": "2.0"}', "old.json", "old")).toThrow(
      expect.objectContaining({ side: "old", reason: "not-openapi" }),
    );
  });

  it("tolerates duplicate keys (D2: the last value wins) and compares", () => {
    const dup = (last: string) =>
      yaml(`  /a:
    parameters:
      - {name: first, in: query, schema: {type: string}}
    parameters:
      - {name: ${last}, in: query, schema: {type: string}}
    get:
      operationId: adminGetA
      tags: [a]
      responses: {"204": {description: ok}}
`);
    const result = driftBetween(
      prepareSpec(dup("second"), "a.yaml", "old"),
      prepareSpec(dup("third"), "b.yaml", "new"),
    );
    expect(result.changes.map((c) => `${c.rule} ${c.location}`)).toEqual([
      "request-parameter-removed query parameter second",
      "request-parameter-added-optional query parameter third",
    ]);
  });

  it("compares exactly what the repair pipeline produces, whatever repairs exist", () => {
    const text = yaml(`  /groups/{groupId}/apps/{appId}/logs/:
    get:
      operationId: adminGetLogs
      tags: [logs]
      responses: {"200": {description: ok, content: {application/json: {schema: {items: {type: string}}}}}}
`);
    const prepared = prepareSpec(text, "a.yaml", "old");
    const { doc, results } = repairSpec(loadSpecText(text, "a.yaml").doc, { mode: "lenient" });
    expect(prepared.model.doc).toEqual(doc);
    expect(prepared.repairs).toEqual(
      results.filter((r) => r.status === "applied").map((r) => r.id),
    );
    expect(prepared.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
