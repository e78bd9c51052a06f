import type { SchemaDelta } from "../compare/schema-delta.js";
import { table } from "./delta-table.js";
import type { Rule } from "./rule.js";

const required = (d: SchemaDelta) => d.required === true;
const optional = (d: SchemaDelta) => d.required !== true;

/** What a client sends: narrowing breaks callers, widening does not. */
export const requestPropertyRules: readonly Rule[] = table("request", [
  {
    id: "request-property-added-required",
    severity: "breaking",
    kinds: ["property-added"],
    when: required,
    summary: "A new required request property: existing calls lack it.",
  },
  {
    id: "request-property-added-optional",
    severity: "non-breaking",
    kinds: ["property-added"],
    when: optional,
    summary: "A new optional request property.",
  },
  {
    id: "request-property-removed",
    severity: "breaking",
    kinds: ["property-removed"],
    summary:
      "A request property is gone: setting it no longer type-checks and the server ignores or rejects it.",
  },
  {
    id: "request-property-became-required",
    severity: "breaking",
    kinds: ["became-required"],
    summary: "An optional request property became required.",
  },
  {
    id: "request-property-became-optional",
    severity: "non-breaking",
    kinds: ["became-optional"],
    summary: "A required request property became optional.",
  },
  {
    id: "request-property-type-changed",
    severity: "breaking",
    kinds: ["type-changed", "type-narrowed"],
    summary: "A request property's type changed or narrowed: values clients send may be refused.",
  },
  {
    id: "request-property-type-widened",
    severity: "non-breaking",
    kinds: ["type-widened"],
    summary: "A request property accepts more types.",
  },
  {
    id: "request-property-became-nullable",
    severity: "non-breaking",
    kinds: ["became-nullable"],
    summary: "A request property now accepts null.",
  },
  {
    id: "request-property-became-not-nullable",
    severity: "breaking",
    kinds: ["became-not-nullable"],
    summary: "A request property no longer accepts null.",
  },
  {
    id: "request-property-enum-value-removed",
    severity: "breaking",
    kinds: ["enum-values-removed", "became-enum"],
    summary:
      "A request property accepts fewer values (an enum value removed, or it became an enum).",
  },
  {
    id: "request-property-enum-value-added",
    severity: "non-breaking",
    kinds: ["enum-values-added", "enum-dropped"],
    summary: "A request property accepts more values.",
  },
  {
    id: "request-one-of-variant-added",
    severity: "non-breaking",
    kinds: ["variant-added"],
    summary: "A request union (oneOf/anyOf) accepts another variant.",
  },
  {
    id: "request-one-of-variant-removed",
    severity: "breaking",
    kinds: ["variant-removed"],
    summary: "A request union no longer accepts a variant.",
  },
  {
    id: "request-property-constraint-changed",
    severity: "potentially-breaking",
    kinds: ["constraint-changed"],
    summary:
      "A request constraint changed (format, bounds, pattern, default…): values may be refused or defaults differ.",
  },
]);
