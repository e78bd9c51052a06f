/**
 * duplicate-operation-ids (D22)
 *
 * What is wrong: versions 120-126 declare `adminGetServiceConfig` and `adminUpdateServiceConfig`
 * twice: on `/groups/{groupId}/apps/{appId}/services/{serviceId}/config` and on
 * `/groups/{groupId}/apps/{appId}/services/config`. The second path has no `{serviceId}`, so it
 * cannot address a service's configuration; openapi-typescript refuses the document and an SDK
 * would get two methods of one name.
 *
 * Evidence: DEFECTS.md D22; from 127 on upstream keeps only `…/services/{serviceId}/config`.
 *
 * Repair: a path item whose every operation duplicates an operationId that a path with more
 * template parameters also declares is removed. Any other duplicate is an error, so a new one is
 * noticed rather than silently resolved.
 * Touches: `#/paths/~1groups~1{groupId}~1apps~1{appId}~1services~1config`.
 */
import { isObject, HTTP_METHODS } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { eachOperation } from "../walk.js";
import { templateNames } from "./shared.js";

export const duplicateOperationIds: Repair = {
  id: "duplicate-operation-ids",
  defects: ["D22"],
  title: "Remove the bogus path whose operations duplicate the real ones' operationIds",
  inPinned: false,
  apply(doc, ctx) {
    const byId = new Map<string, string[]>();
    eachOperation(doc, (op, site) => {
      if (typeof op.operationId === "string")
        byId.set(op.operationId, [...(byId.get(op.operationId) ?? []), site.path]);
    });
    const duplicated = [...byId].filter(([, paths]) => paths.length > 1);
    if (duplicated.length === 0 || !isObject(doc.paths)) return;
    const paths = doc.paths;
    const bogus = new Set<string>();
    for (const [id, where] of duplicated) {
      const most = Math.max(...where.map((p) => templateNames(p).length));
      const losers = where.filter((p) => templateNames(p).length < most);
      if (losers.length !== where.length - 1)
        throw new Error(`operationId ${id} is declared on ${where.join(" and ")}`);
      losers.forEach((p) => bogus.add(p));
    }
    for (const path of bogus) {
      const item = paths[path];
      const ids = HTTP_METHODS.map((m) =>
        isObject(item) && isObject(item[m]) ? item[m].operationId : undefined,
      ).filter(Boolean);
      const allDuplicated = ids.every((id) => duplicated.some(([d]) => d === id));
      if (!allDuplicated)
        throw new Error(`${path} mixes duplicated and unique operationIds; remove by hand`);
      delete paths[path];
      ctx.fixed(
        childPointer("#/paths", path),
        `removed: its operations ${ids.join(", ")} duplicate those of a path with more parameters`,
      );
    }
  },
};
