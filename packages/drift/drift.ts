import { compareSpecs, type DriftReport } from "./engine.js";
import { loadSpec, type PreparedSpec, type ReadOptions } from "./source.js";

/** Where a compared spec came from. */
export interface SpecInfo {
  source: string;
  sha256: string;
  openapi: string;
  /** Ids of the repairs that changed something in it. */
  repairs: string[];
}

/** A drift report with the identity of both specs. */
export interface DriftResult extends DriftReport {
  specs: { old: SpecInfo; new: SpecInfo };
}

function info(spec: PreparedSpec): SpecInfo {
  return { source: spec.source, sha256: spec.sha256, openapi: spec.openapi, repairs: spec.repairs };
}

/** Compares two prepared specs. */
export function driftBetween(before: PreparedSpec, after: PreparedSpec): DriftResult {
  return {
    ...compareSpecs(before.model, after.model),
    specs: { old: info(before), new: info(after) },
  };
}

/**
 * Loads, repairs and compares two specs given as files or http(s) URLs. An unusable spec throws a
 * `DriftInputError` saying which side and where.
 */
export async function runDrift(
  oldSource: string,
  newSource: string,
  options: ReadOptions = {},
): Promise<DriftResult> {
  const before = await loadSpec(oldSource, "old", options);
  const after = await loadSpec(newSource, "new", options);
  return driftBetween(before, after);
}
