import type { JsonObject } from "../../spec/json.js";
import type { RepairResult } from "../../spec/repair.js";
import type { ApiModel } from "../model/types.js";
import { headerText } from "./header.js";

/**
 * `meta.json`: which spec bytes and which repairs made this output, and how much of it there is,
 * so a reviewer sees at a glance what a regeneration changed.
 */
export function metaJson(
  model: ApiModel,
  repairs: readonly RepairResult[],
  files: readonly string[],
): JsonObject {
  const applied = repairs.filter((r) => r.status === "applied");
  return {
    $comment: headerText(model.specSha256),
    specSha256: model.specSha256,
    openapi: model.openapi,
    info: { title: model.title ?? null, version: model.version ?? null },
    repairs: applied.map((r) => ({ id: r.id, defects: r.defects, fixes: r.fixes.length })),
    counts: {
      operations: model.operations.length,
      namespaces: model.namespaces.length,
      models: model.schemas.length,
      paths: new Set(model.operations.map((op) => op.path)).size,
      deprecatedOperations: model.operations.filter((op) => op.deprecated).length,
      deprecatedAliases: model.operations.filter((op) => op.deprecatedAlias).length,
      repairsApplied: applied.length,
      repairFixes: applied.reduce((n, r) => n + r.fixes.length, 0),
    },
    files: [...files].sort(),
  };
}
