import { describeDelta } from "../compare/describe.js";
import type { ParameterFact, PairFacts } from "../compare/facts.js";
import type { DeltaKind, SchemaDelta } from "../compare/schema-delta.js";
import type { ParameterModel } from "../model/operations.js";
import type { Finding } from "../types.js";
import { q, rule, type Rule } from "./rule.js";

function where(p: ParameterModel): string {
  return `${p.in} parameter ${p.name}`;
}

/** A rule over the parameters present on both sides or on one side of each matched operation. */
function perParameter(
  pick: (fact: ParameterFact, facts: PairFacts) => string | undefined,
): (ctx: { facts: readonly PairFacts[] }) => Finding[] {
  return (ctx) =>
    ctx.facts.flatMap((facts) =>
      facts.parameters.flatMap((fact) => {
        const detail = pick(fact, facts);
        const param = fact.new ?? fact.old!;
        return detail === undefined
          ? []
          : [{ operation: facts.ref, location: where(param), detail }];
      }),
    );
}

/** A rule over the schema differences of parameters present on both sides. */
function perDelta(
  kinds: readonly DeltaKind[],
): (ctx: { facts: readonly PairFacts[] }) => Finding[] {
  return (ctx) =>
    ctx.facts.flatMap((facts) =>
      facts.parameters.flatMap((fact) =>
        fact.deltas
          .filter((d) => kinds.includes(d.kind))
          .map((d: SchemaDelta) => ({
            operation: facts.ref,
            location: where(fact.new!),
            detail: `${q(fact.new!.name)}: ${describeDelta(d)}`,
          })),
      ),
    );
}

const TYPE_NARROWING: readonly DeltaKind[] = ["type-changed", "type-narrowed"];
/** Everything else a parameter schema can do: reported once, as potentially breaking. */
const OTHER: readonly DeltaKind[] = [
  "property-added",
  "property-removed",
  "became-required",
  "became-optional",
  "became-nullable",
  "became-not-nullable",
  "variant-added",
  "variant-removed",
  "constraint-changed",
];

/** Parameters matched by location and name (path parameters through renames), never by position. */
export const parameterRules: readonly Rule[] = [
  rule(
    "request-parameter-added-required",
    "breaking",
    "A new required parameter: existing calls lack it.",
    perParameter((f) => (!f.old && f.new?.required ? `required ${where(f.new)} added` : undefined)),
  ),
  rule(
    "request-parameter-added-optional",
    "non-breaking",
    "A new optional parameter.",
    perParameter((f) =>
      !f.old && f.new && !f.new.required ? `optional ${where(f.new)} added` : undefined,
    ),
  ),
  rule(
    "request-parameter-removed",
    "breaking",
    "A parameter is gone: passing it no longer type-checks and the server ignores or rejects it.",
    perParameter((f) => (f.old && !f.new ? `${where(f.old)} removed` : undefined)),
  ),
  rule(
    "request-parameter-became-required",
    "breaking",
    "An optional parameter became required.",
    perParameter((f) =>
      f.old && f.new && !f.old.required && f.new.required
        ? `${where(f.new)} became required`
        : undefined,
    ),
  ),
  rule(
    "request-parameter-became-optional",
    "non-breaking",
    "A required parameter became optional.",
    perParameter((f) =>
      f.old && f.new && f.old.required && !f.new.required
        ? `${where(f.new)} became optional`
        : undefined,
    ),
  ),
  rule(
    "request-parameter-serialization-changed",
    "breaking",
    "The parameter's style, explode or content type changed: the client encodes it in a way the server no longer reads.",
    perParameter((f) =>
      f.old && f.new && f.old.serialization !== f.new.serialization
        ? `${where(f.new)} serialization ${f.old.serialization} -> ${f.new.serialization}`
        : undefined,
    ),
  ),
  rule(
    "request-parameter-type-changed",
    "breaking",
    "The parameter's type changed or narrowed: values clients send may no longer be accepted.",
    perDelta(TYPE_NARROWING),
  ),
  rule(
    "request-parameter-type-widened",
    "non-breaking",
    "The parameter accepts more types than before.",
    perDelta(["type-widened"]),
  ),
  rule(
    "request-parameter-enum-value-removed",
    "breaking",
    "The parameter accepts fewer values (an enum value removed, or it became an enum).",
    perDelta(["enum-values-removed", "became-enum"]),
  ),
  rule(
    "request-parameter-enum-value-added",
    "non-breaking",
    "The parameter accepts more values (an enum value added, or no longer an enum).",
    perDelta(["enum-values-added", "enum-dropped"]),
  ),
  rule(
    "request-parameter-schema-changed",
    "potentially-breaking",
    "Another change to the parameter's schema (nullability, bounds, format, default, object shape).",
    perDelta(OTHER),
  ),
];
