/**
 * The vocabulary of the drift report: severities, rules and the changes they find.
 * Severity is always from the point of view of a client: code written against the SDK generated
 * from the old spec, and requests that SDK sends, once the API follows the new spec.
 */

/** How a change affects a client, worst first. */
export type Severity = "breaking" | "potentially-breaking" | "non-breaking";

/** Every severity, worst first: the order of summaries, sections and sorting. */
export const SEVERITIES: readonly Severity[] = ["breaking", "potentially-breaking", "non-breaking"];

/** Rank of a severity: 0 is the worst. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** What a rule is, independent of any spec: its stable id, severity and one-line meaning. */
export interface RuleInfo {
  /** Stable kebab-case id, used in reports and by `--fail-on` consumers. */
  readonly id: string;
  readonly severity: Severity;
  /** One line: the change it reports and why it has this severity. */
  readonly summary: string;
}

/** The operation a change belongs to, as it appears in the report. */
export interface OperationRef {
  /** Upper case (`GET`). */
  method: string;
  /** Path template as written in the spec (the new one for matched operations). */
  path: string;
  operationId: string | null;
}

/** One finding of a rule before the engine stamps it with the rule's id and severity. */
export interface Finding {
  operation?: OperationRef;
  /** Where inside the operation or spec: `query parameter limit`, `response 200 › data[].name`. */
  location?: string;
  /** One line saying what changed, with old and new values where they help. */
  detail: string;
  /** Component schema the change is about, for spec-level schema findings. */
  schema?: string;
}

/** One reported change: the JSON report's `changes[]` entry. */
export interface Change {
  rule: string;
  severity: Severity;
  method: string | null;
  path: string | null;
  operationId: string | null;
  location: string | null;
  detail: string;
  /** How many findings under a removed operation were folded into this one. */
  folded?: number;
}

/** Counts per severity. */
export type Summary = Record<Severity, number>;
