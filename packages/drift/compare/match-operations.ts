import type { OperationModel } from "../model/operations.js";

/** An operation present in both specs. */
export interface OperationPair {
  old: OperationModel;
  new: OperationModel;
  /** `path`: same method and path template (parameter names aside); `operationId`: it moved. */
  matchedBy: "path" | "operationId";
}

export interface OperationMatching {
  pairs: OperationPair[];
  removed: OperationModel[];
  added: OperationModel[];
}

/**
 * Pairs operations of two specs: first by method and path template with parameter names blanked
 * (so renaming `{appID}` to `{appId}` keeps the pair), then the rest by an operationId that is
 * unique on both sides (the operation moved to another method or path). What is left was removed
 * or added. Results are sorted by path then method.
 */
export function matchOperations(
  olds: readonly OperationModel[],
  news: readonly OperationModel[],
): OperationMatching {
  const pairs: OperationPair[] = [];
  const restOld: OperationModel[] = [];
  const newByKey = groupBy(news, (op) => op.key);
  const usedNew = new Set<OperationModel>();
  for (const [key, group] of groupBy(olds, (op) => op.key)) {
    const candidates = newByKey.get(key) ?? [];
    if (group.length === 1 && candidates.length === 1) {
      pairs.push({ old: group[0]!, new: candidates[0]!, matchedBy: "path" });
      usedNew.add(candidates[0]!);
      continue;
    }
    // Two templates that differ only in parameter names: pair the exact paths, then by operationId.
    for (const op of group) {
      const twin =
        candidates.find((c) => !usedNew.has(c) && c.path === op.path) ??
        candidates.find(
          (c) => !usedNew.has(c) && c.operationId !== null && c.operationId === op.operationId,
        );
      if (twin) {
        pairs.push({ old: op, new: twin, matchedBy: "path" });
        usedNew.add(twin);
      } else restOld.push(op);
    }
  }
  const restNew = news.filter((op) => !usedNew.has(op));
  const removed: OperationModel[] = [];
  const oldIds = groupBy(restOld, (op) => op.operationId ?? "");
  const newIds = groupBy(restNew, (op) => op.operationId ?? "");
  const moved = new Set<OperationModel>();
  for (const op of restOld) {
    const id = op.operationId;
    const target = id === null ? undefined : newIds.get(id);
    if (id !== null && target?.length === 1 && oldIds.get(id)?.length === 1) {
      pairs.push({ old: op, new: target[0]!, matchedBy: "operationId" });
      moved.add(target[0]!);
    } else removed.push(op);
  }
  return {
    pairs: pairs.sort((a, b) => compareOps(a.new, b.new)),
    removed: removed.sort(compareOps),
    added: restNew.filter((op) => !moved.has(op)).sort(compareOps),
  };
}

/** Order of operations in every listing: path, then method. */
export function compareOps(a: OperationModel, b: OperationModel): number {
  return a.path < b.path
    ? -1
    : a.path > b.path
      ? 1
      : a.method < b.method
        ? -1
        : a.method > b.method
          ? 1
          : 0;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
