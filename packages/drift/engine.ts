import { pairFacts } from "./compare/facts.js";
import { matchOperations } from "./compare/match-operations.js";
import { SchemaDiffer } from "./compare/schema-diff.js";
import type { SpecModel } from "./model/spec-model.js";
import { DOCUMENTATION_RULES } from "./rules/documentation.js";
import { RULES } from "./rules/index.js";
import type { DriftContext, Rule, RuleFinding } from "./rules/rule.js";
import { surfaceDiff, type SurfaceDiff } from "./surface.js";
import { SEVERITIES, severityRank, type Change, type Summary } from "./types.js";

/** Operation counts for the headline. */
export interface OperationCounts {
  old: number;
  new: number;
  added: number;
  removed: number;
  /** Matched operations with at least one change that is not documentation only. */
  changed: number;
}

/** The result of comparing two specs. */
export interface DriftReport {
  summary: Summary;
  operations: OperationCounts;
  changes: Change[];
  surface: SurfaceDiff;
}

/**
 * Compares two prepared specs: matches operations, computes per-operation facts once, runs every
 * rule, folds findings under removed operations into them, and returns the changes in a
 * deterministic order (severity, path, method, rule, location, detail).
 */
export function compareSpecs(
  before: SpecModel,
  after: SpecModel,
  rules: readonly Rule[] = RULES,
): DriftReport {
  const matching = matchOperations(before.operations, after.operations);
  const differ = new SchemaDiffer(before.resolver, after.resolver);
  const facts = matching.pairs.map((pair) => pairFacts(pair, differ));
  const ctx: DriftContext = { old: before, new: after, matching, facts, differ };
  const findings: RuleFinding[] = [];
  for (const rule of rules) {
    for (const finding of rule.check(ctx, findings)) findings.push({ ...finding, rule });
  }
  const changes = fold(findings, new Set(matching.removed.map((op) => `${op.method} ${op.path}`)));
  changes.sort(compareChanges);
  const summary = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Summary;
  for (const c of changes) summary[c.severity]++;
  const changed = new Set(
    changes
      .filter((c) => c.method !== null && !DOCUMENTATION_RULES.has(c.rule))
      .filter((c) => c.rule !== "operation-added" && c.rule !== "operation-removed")
      .map((c) => `${c.method} ${c.path}`),
  );
  return {
    summary,
    operations: {
      old: before.operations.length,
      new: after.operations.length,
      added: matching.added.length,
      removed: matching.removed.length,
      changed: changed.size,
    },
    changes,
    surface: surfaceDiff(before, after, matching),
  };
}

/** Findings about a removed operation (other than its removal) are counted into the removal. */
function fold(findings: readonly RuleFinding[], removed: ReadonlySet<string>): Change[] {
  const folded = new Map<string, number>();
  const kept: RuleFinding[] = [];
  for (const f of findings) {
    const key = f.operation ? `${f.operation.method} ${f.operation.path}` : undefined;
    if (key !== undefined && removed.has(key) && f.rule.id !== "operation-removed") {
      folded.set(key, (folded.get(key) ?? 0) + 1);
    } else kept.push(f);
  }
  return kept.map((f): Change => {
    const key = f.operation ? `${f.operation.method} ${f.operation.path}` : "";
    const count = f.rule.id === "operation-removed" ? folded.get(key) : undefined;
    return {
      rule: f.rule.id,
      severity: f.rule.severity,
      method: f.operation?.method ?? null,
      path: f.operation?.path ?? null,
      operationId: f.operation?.operationId ?? null,
      location: f.location ?? null,
      detail: f.detail,
      ...(count ? { folded: count } : {}),
    };
  });
}

function compareChanges(a: Change, b: Change): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    cmp(a.path ?? "", b.path ?? "") ||
    cmp(a.method ?? "", b.method ?? "") ||
    cmp(a.rule, b.rule) ||
    cmp(a.location ?? "", b.location ?? "") ||
    cmp(a.detail, b.detail)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
