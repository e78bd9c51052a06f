import { table } from "./delta-table.js";
import type { Rule } from "./rule.js";

/** What a client receives: anything it may now see that it could not before, or no longer sees. */
export const responsePropertyRules: readonly Rule[] = table("response", [
  {
    id: "response-property-added",
    severity: "non-breaking",
    kinds: ["property-added"],
    summary: "A new response property.",
  },
  {
    id: "response-property-removed",
    severity: "breaking",
    kinds: ["property-removed"],
    summary: "A response property is gone: code reading it no longer type-checks.",
  },
  {
    id: "response-property-became-optional",
    severity: "breaking",
    kinds: ["became-optional"],
    summary: "A response property may now be absent: its type gains `undefined`.",
  },
  {
    id: "response-property-became-required",
    severity: "non-breaking",
    kinds: ["became-required"],
    summary: "A response property is now always present.",
  },
  {
    id: "response-property-type-changed",
    severity: "breaking",
    kinds: ["type-changed", "type-widened"],
    summary:
      "A response property's type changed or widened: clients receive values of a type they do not expect.",
  },
  {
    id: "response-property-type-narrowed",
    severity: "non-breaking",
    kinds: ["type-narrowed"],
    summary: "A response property's type narrowed (e.g. from any to string).",
  },
  {
    id: "response-property-became-nullable",
    severity: "breaking",
    kinds: ["became-nullable"],
    summary: "A response property may now be null: its type gains `null`.",
  },
  {
    id: "response-property-became-not-nullable",
    severity: "non-breaking",
    kinds: ["became-not-nullable"],
    summary: "A response property is no longer null.",
  },
  {
    id: "response-property-enum-value-added",
    severity: "potentially-breaking",
    kinds: ["enum-values-added", "enum-dropped"],
    summary:
      "A response property may hold a value clients do not handle (exhaustive switches, lookups).",
  },
  {
    id: "response-property-enum-value-removed",
    severity: "potentially-breaking",
    kinds: ["enum-values-removed", "became-enum"],
    summary:
      "A response enum lost a value: TypeScript code comparing against it no longer type-checks.",
  },
  {
    id: "response-one-of-variant-added",
    severity: "potentially-breaking",
    kinds: ["variant-added"],
    summary: "A response union has another variant clients may not handle.",
  },
  {
    id: "response-one-of-variant-removed",
    severity: "potentially-breaking",
    kinds: ["variant-removed"],
    summary: "A response union lost a variant: code narrowing to it no longer type-checks.",
  },
  {
    id: "response-property-constraint-changed",
    severity: "non-breaking",
    kinds: ["constraint-changed"],
    summary: "A response constraint changed (format, bounds, pattern, default…).",
  },
]);
