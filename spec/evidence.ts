/**
 * The vocabulary of semantic repairs: what a fact rests on. A structural repair fixes a spec that
 * tools cannot read; a semantic repair fixes what the spec *means* where the real API says
 * otherwise, so each of its changes carries the evidence for it. `spec/EVIDENCE.md` is rendered from
 * these facts (`npm run spec:evidence`).
 */

/**
 * Kinds of evidence, strongest first (DESIGN "Sources of truth"): behaviour observed from the real
 * server, the official CLI's requests and its tests against a real server, the Stitch admin SDKs'
 * requests and integration tests, the docs' prose and examples, the spec's own text, and how a
 * later spec version fixed the same defect.
 */
export const EVIDENCE_KINDS = ["observed", "cli", "stitch-sdk", "docs", "spec", "history"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** One piece of evidence: its kind and an exact reference (repository@commit path: symbol, …). */
export interface Evidence {
  readonly kind: EvidenceKind;
  readonly ref: string;
}

/** One change a semantic repair makes, where, and why it is right. */
export interface Fact {
  /** The JSON pointer the repair reports when it makes this change (`ctx.fixed`). */
  readonly target: string;
  /** What the repair does there, in a few words. */
  readonly change: string;
  readonly evidence: readonly Evidence[];
  /**
   * True when the pinned spec has this defect: in `"pinned"` mode the repair must then make this
   * change, so an upstream fix (or a moved target) is noticed and the fact removed.
   */
  readonly inPinned: boolean;
}

/** A fact; most concern the pinned spec, so `inPinned` defaults to true. */
export function fact(
  target: string,
  change: string,
  evidence: readonly Evidence[],
  inPinned = true,
): Fact {
  return { target, change, evidence, inPinned };
}

/** The official CLI, at the snapshot read (its tests ran against the real server). */
export const REALM_CLI = "10gen/realm-cli@f1b1983";
/** The Stitch-era admin client of the JS SDK and its integration tests (branch support/3.x). */
export const STITCH_V3 = "mongodb/stitch-js-sdk@e7b5540 (support/3.x)";
/** The later TypeScript admin client of the JS SDK. */
export const STITCH_CORE = "mongodb/stitch-js-sdk@8cbe507 packages/core/admin-client/src";
/** The docs' sources (reStructuredText), where the seeds come from. */
export const DOCS = "mongodb/docs-app-services@560e8dd";

/** The official CLI's request or response code (`path` under `internal/`). */
export function cli(path: string, what: string): Evidence {
  return { kind: "cli", ref: `${REALM_CLI} internal/${path}: ${what}` };
}

/** The Stitch admin client (`src/admin.js`) or one of its integration tests (`test/admin/…`). */
export function stitch(path: string, what: string): Evidence {
  return { kind: "stitch-sdk", ref: `${STITCH_V3} ${path}: ${what}` };
}

/** The docs: a seed file and heading (`../shared/seeds/…`) or a page of the docs' sources. */
export function docs(where: string, what: string): Evidence {
  return {
    kind: "docs",
    ref: where.startsWith("seed ") ? `${where}: ${what}` : `${DOCS} ${where}: ${what}`,
  };
}

/** The spec's own text, examples or other declarations (pointer into the pinned spec). */
export function specText(where: string, what: string): Evidence {
  return { kind: "spec", ref: `${where}: ${what}` };
}

/** A historical version that declares it right (`../shared/spec/history/`). */
export function history(versions: string, what: string): Evidence {
  return { kind: "history", ref: `versions ${versions}: ${what}` };
}

/** Observed behaviour of the real API as recorded in DESIGN §4. */
export function observed(section: string, what: string): Evidence {
  return { kind: "observed", ref: `DESIGN §4 ${section}: ${what}` };
}
