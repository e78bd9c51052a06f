/**
 * path-template-casing (D20, casing)
 *
 * What is wrong: `GET /groups/{groupID}/apps/{appID}/services/{serviceId}/commands/build_info`
 * (000-021) spells its template names `groupID`/`appID` while every other path uses
 * `groupId`/`appId`, so the shared `GroupId`/`AppId` parameters can never match it and a client
 * would expose two spellings of the same value.
 *
 * Evidence: DEFECTS.md D20; from 022 upstream itself spells the path `{groupId}/{appId}`.
 *
 * Repair: a template name that differs only in letter case from a name other paths use more often
 * is renamed to that spelling, in the path key and in the parameters declared on it.
 * Touches: `#/paths/<path>` keys (renamed in place) and their path parameters' `name`.
 */
import { isObject, HTTP_METHODS, type JsonObject } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { renameKey, templateNames } from "./shared.js";

export const pathTemplateCasing: Repair = {
  id: "path-template-casing",
  defects: ["D20"],
  title:
    "Path template names spelled in a rare letter case take the spelling every other path uses",
  inPinned: false,
  apply(doc, ctx) {
    if (!isObject(doc.paths)) return;
    const paths = doc.paths;
    const uses = new Map<string, number>();
    for (const path of Object.keys(paths)) {
      for (const name of new Set(templateNames(path))) uses.set(name, (uses.get(name) ?? 0) + 1);
    }
    const preferred = (name: string): string => {
      let best = name;
      for (const [other, n] of uses) {
        if (other.toLowerCase() === name.toLowerCase() && n > (uses.get(best) ?? 0)) best = other;
      }
      return best;
    };
    for (const path of Object.keys(paths)) {
      const renames = templateNames(path).filter((n) => preferred(n) !== n);
      if (renames.length === 0) continue;
      const next = path.replace(/\{([^}]+)\}/g, (_, n: string) => `{${preferred(n)}}`);
      if (next in paths)
        throw new Error(`renaming ${path} to ${next} would collide with an existing path`);
      const item = paths[path];
      if (isObject(item)) renameParameters(item, renames, preferred);
      renameKey(paths, path, next);
      ctx.fixed(childPointer("#/paths", path), `renamed to ${next}`);
    }
  },
};

function renameParameters(
  item: JsonObject,
  names: string[],
  preferred: (n: string) => string,
): void {
  const lists = [
    item.parameters,
    ...HTTP_METHODS.map((m) =>
      isObject(item[m]) ? (item[m] as JsonObject).parameters : undefined,
    ),
  ];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      if (isObject(p) && p.in === "path" && typeof p.name === "string" && names.includes(p.name))
        p.name = preferred(p.name);
    }
  }
}
