import type { OperationMatching } from "../compare/match-operations.js";
import type { PairFacts } from "../compare/facts.js";
import type { SchemaDiffer } from "../compare/schema-diff.js";
import type { SpecModel } from "../model/spec-model.js";
import type { Finding, RuleInfo } from "../types.js";

/** What every rule is given: both specs, the operation matching and the per-operation facts. */
export interface DriftContext {
  old: SpecModel;
  new: SpecModel;
  matching: OperationMatching;
  /** One entry per matched operation, in the matching's order. */
  facts: readonly PairFacts[];
  differ: SchemaDiffer;
}

/** A finding produced by a rule, tagged with the rule that produced it. */
export interface RuleFinding extends Finding {
  rule: RuleInfo;
}

/**
 * A rule: a stable id, a client-side severity and a check. `earlier` holds the findings of the
 * rules that ran before it (only fallback rules look at it).
 */
export interface Rule extends RuleInfo {
  check(ctx: DriftContext, earlier: readonly RuleFinding[]): Finding[];
}

/** Declares a rule; the object literal stays readable and its type is checked. */
export function rule(
  id: string,
  severity: Rule["severity"],
  summary: string,
  check: Rule["check"],
): Rule {
  return { id, severity, summary, check };
}

/** Quotes a spec value in a detail line. */
export function q(value: string): string {
  return `\`${value}\``;
}
