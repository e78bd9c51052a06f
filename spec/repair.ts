import { SpecError } from "./errors.js";
import type { Fact } from "./evidence.js";
import { dialectOf, type OpenApiDocument } from "./json.js";
import { repairs as allRepairs } from "./repairs/index.js";

/** One change a repair made, at a JSON pointer of the document as it was when the repair ran. */
export interface RepairFix {
  pointer: string;
  detail: string;
}

/** What a repair is given besides the document. */
export interface RepairContext {
  /** "3.0" or "3.1": some repairs write different but equivalent forms per dialect. */
  readonly dialect: "3.0" | "3.1";
  /** Records one change. A repair that records nothing was not applicable. */
  fixed(pointer: string, detail: string): void;
}

/**
 * A repair of one class of upstream defect. It mutates the document in place, records every change
 * with `ctx.fixed`, and is idempotent: run on its own output it records nothing.
 */
export interface Repair {
  /** Stable kebab-case id, also the module's file name. */
  readonly id: string;
  /** The defect classes of `../shared/spec/DEFECTS.md` it addresses (`D4`, …), or a local name. */
  readonly defects: readonly string[];
  /** One line: what is wrong upstream and what the repair does. */
  readonly title: string;
  /**
   * True when the pinned spec has this defect. Finding nothing to repair in the pinned spec is then
   * an error: upstream fixed it, so the repair should be removed.
   */
  readonly inPinned: boolean;
  /**
   * For a semantic repair (one that changes what the spec means, not how it is written): every
   * change it can make, each with its evidence. `spec/EVIDENCE.md` is rendered from these.
   */
  readonly facts?: readonly Fact[];
  apply(doc: OpenApiDocument, ctx: RepairContext): void;
}

export interface RepairResult {
  id: string;
  title: string;
  defects: readonly string[];
  status: "applied" | "not-applicable";
  fixes: RepairFix[];
}

export interface RepairOptions {
  /**
   * "pinned": a repair marked `inPinned` that finds nothing is an error (see {@link Repair.inPinned}).
   * "lenient" (default): it is reported as not applicable, as for historical versions.
   */
  mode?: "pinned" | "lenient";
  /** The repairs to run, in order (default: all, in their documented order). */
  repairs?: readonly Repair[];
  /** File name used in error messages. */
  file?: string;
}

/**
 * Runs the repairs, in order, on a copy of `input` and returns the repaired document with a
 * per-repair report. The input is never modified. A semantic repair (one with `facts`) may only
 * change what its facts name; in `"pinned"` mode each fact marked `inPinned` must have applied.
 */
export function repairSpec(
  input: OpenApiDocument,
  options: RepairOptions = {},
): { doc: OpenApiDocument; results: RepairResult[] } {
  const doc = structuredClone(input);
  const dialect = dialectOf(doc);
  const results: RepairResult[] = [];
  const gone: string[] = [];
  for (const repair of options.repairs ?? allRepairs) {
    const fixes: RepairFix[] = [];
    try {
      repair.apply(doc, { dialect, fixed: (pointer, detail) => fixes.push({ pointer, detail }) });
    } catch (cause) {
      if (cause instanceof SpecError) throw cause;
      throw new SpecError(
        "repair-failed",
        `repair "${repair.id}" failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        { file: options.file },
        { cause },
      );
    }
    if (repair.facts) checkFacts(repair, repair.facts, fixes, options, gone);
    else if (options.mode === "pinned" && repair.inPinned && fixes.length === 0)
      gone.push(`"${repair.id}"`);
    results.push({
      id: repair.id,
      title: repair.title,
      defects: repair.defects,
      status: fixes.length > 0 ? "applied" : "not-applicable",
      fixes,
    });
  }
  if (gone.length > 0) {
    throw new SpecError(
      "repair-target-gone",
      `the pinned spec no longer has the defect fixed by ${gone.join(", ")}: ` +
        "upstream fixed it, so remove the repair or the fact (and its entry in spec/repairs/index.ts)",
      { file: options.file },
    );
  }
  return { doc, results };
}

/** Every change of a semantic repair is one of its facts; pinned facts must all have applied. */
function checkFacts(
  repair: Repair,
  facts: readonly Fact[],
  fixes: readonly RepairFix[],
  options: RepairOptions,
  gone: string[],
): void {
  const targets = new Set(facts.map((f) => f.target));
  const stray = fixes.find((f) => !targets.has(f.pointer));
  if (stray) {
    throw new SpecError(
      "repair-failed",
      `repair "${repair.id}" changed ${stray.pointer}, which none of its facts names (every semantic change needs its evidence)`,
      { file: options.file, pointer: stray.pointer },
    );
  }
  if (options.mode !== "pinned") return;
  const applied = new Set(fixes.map((f) => f.pointer));
  for (const fact of facts) {
    if (fact.inPinned && !applied.has(fact.target)) gone.push(`"${repair.id}" at ${fact.target}`);
  }
}
