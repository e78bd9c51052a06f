/**
 * path-params-not-in-template (D21)
 *
 * What is wrong: `/groups/{groupId}/apps/{appId}/security/access_list/{ipId}` declares a path
 * parameter `ip_id` (025, 030-034) while its template says `{ipId}`: the declared parameter can
 * never be filled and the template's one is undeclared.
 *
 * Evidence: DEFECTS.md D21 (and D20 for the `{ipId}` side); from 035 upstream declares `ipId`.
 *
 * Repair: a declared path parameter missing from the template is renamed to the undeclared
 * template name it matches ignoring case and `_`; with no such match it is removed.
 * Touches: `#/paths/<path>/parameters/<i>` and `#/paths/<path>/<method>/parameters/<i>`.
 */
import { HTTP_METHODS, isObject, type JsonObject } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { templateNames } from "./shared.js";

const loose = (name: string): string => name.toLowerCase().replace(/_/g, "");

export const pathParamsNotInTemplate: Repair = {
  id: "path-params-not-in-template",
  defects: ["D21"],
  title: "Declared path parameters missing from the template are renamed to their match or removed",
  inPinned: false,
  apply(doc, ctx) {
    if (!isObject(doc.paths)) return;
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!isObject(item)) continue;
      const names = templateNames(path);
      const holders: [JsonObject, string][] = [[item, childPointer("#/paths", path)]];
      for (const m of HTTP_METHODS)
        if (isObject(item[m]))
          holders.push([item[m] as JsonObject, childPointer("#/paths", path, m)]);
      for (const [holder, pointer] of holders) {
        if (!Array.isArray(holder.parameters)) continue;
        const kept: unknown[] = [];
        holder.parameters.forEach((p, i) => {
          const at = childPointer(pointer, "parameters", i);
          if (
            !isObject(p) ||
            p.in !== "path" ||
            typeof p.name !== "string" ||
            names.includes(p.name)
          ) {
            kept.push(p);
            return;
          }
          const match = names.find((n) => loose(n) === loose(p.name as string));
          if (match) {
            ctx.fixed(`${at}/name`, `"${p.name}" -> "${match}" (the template's spelling)`);
            p.name = match;
            kept.push(p);
          } else {
            ctx.fixed(at, `removed path parameter "${p.name}": not in the template`);
          }
        });
        holder.parameters = kept;
      }
    }
  },
};
