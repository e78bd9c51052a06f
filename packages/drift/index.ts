/**
 * API drift: compares two App Services Admin API specs and classifies every change for a client
 * of the generated SDK. See docs/drift.md.
 */
export { EXIT, HELP, exitCodeFor, runDriftCli, type CliIo } from "./cli.js";
export { driftBetween, runDrift, type DriftResult, type SpecInfo } from "./drift.js";
export { compareSpecs, type DriftReport, type OperationCounts } from "./engine.js";
export { buildSpecModel, type SpecModel } from "./model/spec-model.js";
export { renderJson, renderJsonError } from "./render/json.js";
export { renderMarkdown, renderMarkdownError } from "./render/markdown.js";
export { RULE_CATALOGUE, RULES } from "./rules/index.js";
export {
  DriftInputError,
  loadSpec,
  prepareSpec,
  readSpecSource,
  type PreparedSpec,
  type ReadOptions,
  type Side,
} from "./source.js";
export { surfaceDiff, type SurfaceDiff, type SurfaceNames, type SurfaceRename } from "./surface.js";
export { SEVERITIES, type Change, type RuleInfo, type Severity, type Summary } from "./types.js";
