import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../spec/json.js";
import { compareSpecs, type DriftReport } from "../../packages/drift/engine.js";
import { buildSpecModel } from "../../packages/drift/model/spec-model.js";
import type { Change } from "../../packages/drift/types.js";

/** A minimal OpenAPI document: the given paths, plus any top-level parts. */
export function doc(
  paths: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  version = "3.1.0",
): OpenApiDocument {
  return { openapi: version, info: { title: "t", version: "3.0" }, paths, ...extra };
}

/** One operation `POST /things` (operationId `adminCreateThing`, tag `things`) with overrides. */
export function thingOp(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    operationId: "adminCreateThing",
    tags: ["things"],
    responses: { "204": { description: "done" } },
    ...overrides,
  };
}

/** A document whose only operation sends `schema` as its JSON request body. */
export function requestDoc(
  schema: unknown,
  components: Record<string, unknown> = {},
): OpenApiDocument {
  const requestBody = { required: true, content: { "application/json": { schema } } };
  return doc(
    { "/things": { post: thingOp({ requestBody }) } },
    { components: { schemas: components } },
  );
}

/** A document whose only operation returns `schema` as its JSON 200 body. */
export function responseDoc(
  schema: unknown,
  components: Record<string, unknown> = {},
): OpenApiDocument {
  const responses = { "200": { description: "ok", content: { "application/json": { schema } } } };
  return doc(
    { "/things": { get: thingOp({ operationId: "adminGetThing", responses }) } },
    { components: { schemas: components } },
  );
}

/** Compares two documents (no repairs: the rules themselves are under test). */
export function compare(before: OpenApiDocument, after: OpenApiDocument): DriftReport {
  return compareSpecs(buildSpecModel(before), buildSpecModel(after));
}

/** A change as one line: `rule METHOD path | location | detail (+n folded)` (`-` when absent). */
export function line(c: Change): string {
  const op = c.method === null ? "-" : `${c.method} ${c.path}`;
  return `${c.rule} ${op} | ${c.location ?? "-"} | ${c.detail}${c.folded ? ` (+${c.folded} folded)` : ""}`;
}

/** The changes between two documents, as lines, in report order. */
export function changeLines(before: OpenApiDocument, after: OpenApiDocument): string[] {
  return compare(before, after).changes.map(line);
}

/** One row of a rule table: given the old and new documents, exactly these changes. */
export interface RuleCase {
  name: string;
  old: OpenApiDocument;
  new: OpenApiDocument;
  want: string[];
}

/**
 * The table-driven contract of a rule group: each case yields exactly `want` (in report order),
 * and comparing a document with itself yields nothing.
 */
export function ruleTable(title: string, cases: RuleCase[]): void {
  describe(title, () => {
    it.each(cases)("$name", ({ old: before, new: after, want }) => {
      expect(changeLines(before, after)).toEqual(want);
    });
    it.each(cases)("no change against itself: $name", ({ old: before, new: after }) => {
      expect(compare(before, structuredClone(before)).changes).toEqual([]);
      expect(compare(after, structuredClone(after)).changes).toEqual([]);
    });
  });
}
