import { readAppFolder, type AppFolder } from "./app-folder.js";
import { ConfigValidationError, type ConfigIssue } from "./errors.js";
import { buildImportPayload, type ImportPayload } from "./import-payload.js";
import { pushedNameIssues } from "./pushed-names.js";
import { loadConfigSchemas } from "./schema-validators.js";
import { validateFolder } from "./validate-folder.js";

/** A folder that passed every check, with the import body built from it. */
export interface LoadedFolder {
  dir: string;
  folder: AppFolder;
  payload: ImportPayload;
}

/**
 * Reads an app folder and checks it completely before anything is sent: every file parses, every
 * file matches its schema in the repaired spec, every name a pull writes a file after can be one
 * (`pushedNameIssues`), and the layout is whole (each function has its source). Throws one
 * `ConfigValidationError` listing every problem with file, line, column and JSON pointer.
 */
export async function loadAppFolder(dir: string): Promise<LoadedFolder> {
  const [{ folder, issues }, schemas] = await Promise.all([
    readAppFolder(dir),
    loadConfigSchemas(),
  ]);
  issues.push(...validateFolder(folder, schemas));
  // A name the schema refuses already is told once, by the schema.
  const placed = new Set(issues.map((issue) => `${issue.file}\u0000${issue.pointer}`));
  for (const issue of pushedNameIssues(folder)) {
    if (!placed.has(`${issue.file}\u0000${issue.pointer}`)) issues.push(issue);
  }
  const built = buildImportPayload(folder);
  issues.push(...built.issues);
  if (issues.length > 0) throw new ConfigValidationError(dir, issues.sort(byPlace));
  return { dir, folder, payload: built.payload };
}

function byPlace(a: ConfigIssue, b: ConfigIssue): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
