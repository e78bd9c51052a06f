import { join } from "node:path";
import { writeFileAtomic } from "./atomic.js";
import type { OpenApiDocument } from "./json.js";
import { loadSpecFile, loadSpecText, type LoadFinding } from "./load.js";
import { repairSpec, type RepairResult } from "./repair.js";
import { cacheDir, readPinnedSpec } from "./source.js";
import { assertRepairedShape } from "./validate-shape.js";

/** A spec after load and repair: what the generator, emulator schemas and drift consume. */
export interface RepairedSpec {
  /** The repaired document. */
  doc: OpenApiDocument;
  /** sha256 of the upstream bytes it came from. */
  sha256: string;
  /** Where it came from (file path or `<spec>`). */
  file: string;
  /** What the loader tolerated (duplicate keys). */
  loadFindings: LoadFinding[];
  /** What each repair did. */
  repairs: RepairResult[];
}

/**
 * Loads and repairs the verified pinned spec; a repair whose defect is gone upstream is an error,
 * and so is a `$ref` that resolves to nothing.
 */
export function repairedPinnedSpec(): RepairedSpec {
  const { text, file } = readPinnedSpec();
  const loaded = loadSpecText(text, file);
  const { doc, results } = repairSpec(loaded.doc, { mode: "pinned", file });
  assertRepairedShape(doc, file);
  return { doc, sha256: loaded.sha256, file, loadFindings: loaded.findings, repairs: results };
}

/**
 * Loads and repairs any spec file (historical versions, a new upstream spec), leniently. A `$ref`
 * that still resolves to nothing after repair is refused with its pointer.
 */
export function repairedSpecFile(file: string): RepairedSpec {
  const loaded = loadSpecFile(file);
  const { doc, results } = repairSpec(loaded.doc, { mode: "lenient", file });
  assertRepairedShape(doc, file);
  return { doc, sha256: loaded.sha256, file, loadFindings: loaded.findings, repairs: results };
}

/** Where the repaired pinned spec is written for redocly and for people to read. */
export const repairedPinnedPath = join(cacheDir, "openapi-admin-v3.repaired.json");

/** Writes a repaired document as JSON (stable key order as produced by the repairs). */
export function writeRepaired(doc: OpenApiDocument, file: string): void {
  writeFileAtomic(file, JSON.stringify(doc, null, 2) + "\n");
}
