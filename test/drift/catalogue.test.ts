import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_CATALOGUE } from "../../packages/drift/rules/index.js";

/**
 * The severities, pinned: changing one is a decision about what clients may rely on, so it must
 * show up here (and in docs/drift.md) rather than slip in with a refactoring.
 */
const SEVERITY: Record<string, string> = {
  "operation-added": "non-breaking",
  "operation-removed": "breaking",
  "operation-moved": "breaking",
  "operation-id-changed": "breaking",
  "operation-id-respelled": "non-breaking",
  "operation-namespace-changed": "breaking",
  "path-parameter-renamed": "breaking",
  "operation-deprecated": "non-breaking",
  "request-parameter-added-required": "breaking",
  "request-parameter-added-optional": "non-breaking",
  "request-parameter-removed": "breaking",
  "request-parameter-became-required": "breaking",
  "request-parameter-became-optional": "non-breaking",
  "request-parameter-serialization-changed": "breaking",
  "request-parameter-type-changed": "breaking",
  "request-parameter-type-widened": "non-breaking",
  "request-parameter-enum-value-removed": "breaking",
  "request-parameter-enum-value-added": "non-breaking",
  "request-parameter-schema-changed": "potentially-breaking",
  "request-body-added-required": "breaking",
  "request-body-added-optional": "non-breaking",
  "request-body-removed": "breaking",
  "request-body-became-required": "breaking",
  "request-body-became-optional": "non-breaking",
  "request-body-media-type-removed": "breaking",
  "request-body-media-type-added": "non-breaking",
  "request-property-added-required": "breaking",
  "request-property-added-optional": "non-breaking",
  "request-property-removed": "breaking",
  "request-property-became-required": "breaking",
  "request-property-became-optional": "non-breaking",
  "request-property-type-changed": "breaking",
  "request-property-type-widened": "non-breaking",
  "request-property-became-nullable": "non-breaking",
  "request-property-became-not-nullable": "breaking",
  "request-property-enum-value-removed": "breaking",
  "request-property-enum-value-added": "non-breaking",
  "request-one-of-variant-added": "non-breaking",
  "request-one-of-variant-removed": "breaking",
  "request-property-constraint-changed": "potentially-breaking",
  "response-success-status-removed": "breaking",
  "response-success-status-changed": "potentially-breaking",
  "response-success-status-added": "potentially-breaking",
  "response-success-status-documented": "non-breaking",
  "response-media-type-removed": "breaking",
  "response-media-type-added": "non-breaking",
  "response-error-status-added": "non-breaking",
  "response-error-status-removed": "non-breaking",
  "response-property-added": "non-breaking",
  "response-property-removed": "breaking",
  "response-property-became-optional": "breaking",
  "response-property-became-required": "non-breaking",
  "response-property-type-changed": "breaking",
  "response-property-type-narrowed": "non-breaking",
  "response-property-became-nullable": "breaking",
  "response-property-became-not-nullable": "non-breaking",
  "response-property-enum-value-added": "potentially-breaking",
  "response-property-enum-value-removed": "potentially-breaking",
  "response-one-of-variant-added": "potentially-breaking",
  "response-one-of-variant-removed": "potentially-breaking",
  "response-property-constraint-changed": "non-breaking",
  "schema-added": "non-breaking",
  "schema-removed": "breaking",
  "schema-changed": "potentially-breaking",
  "operation-security-added": "potentially-breaking",
  "operation-security-removed": "non-breaking",
  "operation-security-changed": "potentially-breaking",
  "global-security-changed": "potentially-breaking",
  "security-scheme-removed": "breaking",
  "security-scheme-added": "non-breaking",
  "security-scheme-changed": "breaking",
  "server-url-changed": "potentially-breaking",
  "server-removed": "potentially-breaking",
  "server-added": "non-breaking",
  "operation-documentation-changed": "non-breaking",
  "schema-documentation-changed": "non-breaking",
  "spec-documentation-changed": "non-breaking",
  "operation-other-change": "non-breaking",
};

describe("rule catalogue", () => {
  it("has the pinned ids and severities, in run order", () => {
    expect(Object.fromEntries(RULE_CATALOGUE.map((r) => [r.id, r.severity]))).toEqual(SEVERITY);
    expect(RULE_CATALOGUE.map((r) => r.id)).toEqual(Object.keys(SEVERITY));
  });

  it("has every rule the issue asks for", () => {
    const required = [
      "operation-added",
      "operation-removed",
      "operation-moved",
      "operation-id-changed",
      "path-parameter-renamed",
      "request-parameter-added-required",
      "request-parameter-added-optional",
      "request-parameter-removed",
      "request-parameter-became-required",
      "request-parameter-type-changed",
      "request-parameter-enum-value-removed",
      "request-parameter-serialization-changed",
      "request-body-added-required",
      "request-body-removed",
      "request-body-became-required",
      "request-body-media-type-removed",
      "request-property-added-required",
      "request-property-removed",
      "request-property-became-required",
      "request-property-type-changed",
      "request-property-enum-value-removed",
      "response-success-status-removed",
      "response-success-status-changed",
      "response-property-removed",
      "response-property-became-optional",
      "response-property-became-nullable",
      "response-property-type-changed",
      "response-property-enum-value-added",
      "response-property-enum-value-removed",
      "request-one-of-variant-added",
      "request-one-of-variant-removed",
      "response-one-of-variant-added",
      "response-one-of-variant-removed",
      "schema-removed",
      "schema-added",
      "operation-security-changed",
      "global-security-changed",
      "server-url-changed",
    ];
    expect(required.filter((id) => !(id in SEVERITY))).toEqual([]);
  });

  it("each rule has a one-line summary", () => {
    for (const r of RULE_CATALOGUE) expect(r.summary, r.id).toMatch(/^[A-Z].{10,}\.$/);
  });

  it("each rule is exercised by a case of a rule table (test/drift/rules)", () => {
    const dir = join(import.meta.dirname, "rules");
    const tables = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), "utf8"))
      .join("\n");
    const untested = RULE_CATALOGUE.map((r) => r.id).filter(
      (id) => !new RegExp(`["'\`]${id} `).test(tables),
    );
    expect(untested).toEqual([]);
  });

  it("each rule is documented in docs/drift.md with its severity", () => {
    const docs = readFileSync(join(import.meta.dirname, "..", "..", "docs", "drift.md"), "utf8");
    // Table cells may be padded by prettier.
    const row = (id: string, severity: string) =>
      new RegExp(`^\\|\\s*\`${id}\`\\s*\\|\\s*${severity}\\s*\\|`, "m");
    const missing = RULE_CATALOGUE.filter((r) => !row(r.id, r.severity).test(docs)).map(
      (r) => r.id,
    );
    expect(missing).toEqual([]);
  });
});
