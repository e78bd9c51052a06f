import type { DriftResult } from "../drift.js";
import type { DriftInputError } from "../source.js";

/**
 * The JSON report: `summary` (counts per severity), `operations` (counts), `changes` (sorted),
 * `surface` (generated client names) and `specs` (sources and hashes). Same input, same bytes.
 */
export function renderJson(result: DriftResult): string {
  const { summary, operations, changes, surface, specs } = result;
  return JSON.stringify({ summary, operations, changes, surface, specs }, null, 2) + "\n";
}

/** The JSON form of an unusable input: which side, why, and where when known. */
export function renderJsonError(error: DriftInputError): string {
  const body = {
    error: {
      code: "unusable-input",
      side: error.side,
      source: error.source,
      reason: error.reason,
      message: error.detail,
      line: error.line ?? null,
      column: error.column ?? null,
      pointer: error.pointer ?? null,
    },
  };
  return JSON.stringify(body, null, 2) + "\n";
}
