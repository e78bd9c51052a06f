import type { OutputUnit } from "../vendor/json-schema.js";
import type { AppFolder } from "./app-folder.js";
import type { ConfigIssue } from "./errors.js";
import { fileKindOf } from "./file-kinds.js";
import { locateJson } from "./json-position.js";
import { validatorFor, type SchemaDocument } from "./schema-validators.js";

/**
 * Checks every JSON file of the folder against the schema of its kind (see `FILE_KINDS`) and
 * returns one issue per problem, placed at its line and column. Files the layout does not define
 * are left alone.
 */
export function validateFolder(folder: AppFolder, schemas: SchemaDocument): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [file, value] of folder.json) {
    const kind = fileKindOf(file);
    if (!kind) continue;
    const errors = validatorFor(schemas, kind)(value);
    if (errors.length === 0) continue;
    const text = folder.text.get(file) ?? "";
    for (const error of reportable(errors)) {
      const pointer = error.instanceLocation.replace(/^#/, "");
      issues.push({
        file,
        ...locateJson(text, decodeURIComponent(pointer)),
        pointer: decodeURIComponent(pointer),
        message: `${kind.what}: ${error.error.replace(/^Instance/, "value")}`,
      });
    }
  }
  return issues;
}

// Keywords that only say "something below failed"; the failure below is the one to show.
const WRAPPERS = new Set([
  "$ref",
  "allOf",
  "properties",
  "items",
  "prefixItems",
  "additionalProperties",
  "patternProperties",
  "unevaluatedProperties",
  "dependentSchemas",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
]);

/**
 * The errors worth showing. For a `oneOf`/`anyOf` that failed, only the alternative that came
 * closest (fewest errors) is kept, so a trigger of type `SCHEDULED` is told what a scheduled
 * trigger lacks, not what a database trigger would need. Wrapper errors whose cause is listed
 * are dropped.
 */
export function reportable(errors: readonly OutputUnit[]): OutputUnit[] {
  let kept = [...errors];
  const alternatives = kept
    .filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf")
    .sort((a, b) => a.keywordLocation.length - b.keywordLocation.length);
  for (const alternative of alternatives) {
    if (!kept.includes(alternative)) continue;
    const prefix = `${alternative.keywordLocation}/`;
    const branches = new Map<string, OutputUnit[]>();
    for (const e of kept) {
      if (!e.keywordLocation.startsWith(prefix)) continue;
      const branch = e.keywordLocation.slice(prefix.length).split("/")[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    // No branch errors: several alternatives matched; the error itself says so.
    if (branches.size === 0) continue;
    const best = [...branches.values()].reduce((a, b) => (leaves(b) < leaves(a) ? b : a));
    kept = kept.filter(
      (e) => e !== alternative && (!e.keywordLocation.startsWith(prefix) || best.includes(e)),
    );
  }
  return kept.filter(
    (e) =>
      !WRAPPERS.has(e.keyword) ||
      !kept.some(
        (other) => other !== e && other.keywordLocation.startsWith(`${e.keywordLocation}/`),
      ),
  );
}

function leaves(errors: readonly OutputUnit[]): number {
  return errors.filter((e) => !WRAPPERS.has(e.keyword)).length;
}
