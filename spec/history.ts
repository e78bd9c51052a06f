import { existsSync } from "node:fs";
import { join } from "node:path";
import { corpusDir, readManifest, SHARED_ENV } from "./corpus.js";
import { SpecError } from "./errors.js";
import { lintFiles, type LintReport } from "./lint.js";
import { loadSpecFile, type LoadedSpec } from "./load.js";
import { writeRepaired } from "./pipeline.js";
import { repairSpec, type RepairResult } from "./repair.js";

/** One upstream version of the spec, as listed in `spec/history-manifest.json`. */
export interface HistoryVersion {
  /** Three-digit position in the history, e.g. "059". */
  index: string;
  date: string;
  commit: string;
  /** Absolute path of the YAML file. */
  path: string;
}

/**
 * The historical versions, oldest first: the committed manifest, with each file's path in the
 * corpus folder (see corpus.ts). Throws, saying how to get it, when that folder is missing.
 */
export function historyVersions(): HistoryVersion[] {
  const { dir } = corpusDir();
  if (!existsSync(dir)) {
    throw new SpecError(
      "file-missing",
      `the spec history (corpus) is not there: run \`npm run corpus:fetch\`, or set ${SHARED_ENV} ` +
        "to a folder holding spec/history/",
      { file: dir },
    );
  }
  return readManifest().map((e) => ({
    index: e.file.slice(0, 3),
    date: e.date,
    commit: e.commit,
    path: join(dir, e.file),
  }));
}

/** What happened to one version: refused at load, or repaired and linted. */
export type VersionOutcome =
  | { version: HistoryVersion; refused: SpecError }
  | {
      version: HistoryVersion;
      repairs: RepairResult[];
      repairedFile: string;
      repaired: LintReport;
      /** The upstream file as redocly reads it (a YAML it cannot parse is one `parse` error). */
      upstream?: LintReport;
      /** The upstream document as our loader reads it, unrepaired, written as JSON. */
      loaded?: LintReport;
    };

type Prepared =
  | { version: HistoryVersion; refused: SpecError }
  | { version: HistoryVersion; repairs: RepairResult[]; repairedFile: string; loadedFile: string };

/**
 * Loads, repairs and lints versions: repaired documents are written as JSON under `outDir` and
 * linted in one redocly process (its start-up dominates). With `upstream`, the original files and
 * the unrepaired documents as loaded are linted too, for before/after figures: the second counts
 * the content errors of files whose YAML redocly refuses. A version the loader refuses is
 * reported, not thrown.
 */
export async function runHistory(
  versions: readonly HistoryVersion[],
  options: { outDir: string; upstream?: boolean },
): Promise<VersionOutcome[]> {
  const prepared = versions.map((version) => prepare(version, options));
  const linted = prepared.filter(
    (p): p is Extract<Prepared, { repairedFile: string }> => "repairedFile" in p,
  );
  const files = linted.map((p) => p.repairedFile);
  if (options.upstream) files.push(...linted.flatMap((p) => [p.version.path, p.loadedFile]));
  const reports = new Map((await lintFiles(files)).map((r) => [r.file, r]));
  return prepared.map((p) => {
    if (!("repairedFile" in p)) return p;
    const { loadedFile, ...rest } = p;
    const repaired = reports.get(p.repairedFile)!;
    if (!options.upstream) return { ...rest, repaired };
    return {
      ...rest,
      repaired,
      upstream: reports.get(p.version.path)!,
      loaded: reports.get(loadedFile)!,
    };
  });
}

function prepare(
  version: HistoryVersion,
  options: { outDir: string; upstream?: boolean },
): Prepared {
  let loaded: LoadedSpec;
  try {
    loaded = loadSpecFile(version.path);
  } catch (error) {
    if (error instanceof SpecError && error.code === "parse-error")
      return { version, refused: error };
    throw error;
  }
  const { doc, results } = repairSpec(loaded.doc, { mode: "lenient", file: version.path });
  const repairedFile = join(options.outDir, `${version.index}.repaired.json`);
  const loadedFile = join(options.outDir, `${version.index}.loaded.json`);
  writeRepaired(doc, repairedFile);
  if (options.upstream) writeRepaired(loaded.doc, loadedFile);
  return { version, repairs: results, repairedFile, loadedFile };
}
