/**
 * path-trailing-slash (D26)
 *
 * What is wrong: `/groups/{groupId}/apps/{appId}/measurements/` ends with a slash (006-034);
 * redocly reports `no-path-trailing-slash` and a client would build a different URL than for
 * every other path.
 *
 * Evidence: DEFECTS.md D26; from 035 upstream spells it without the slash.
 *
 * Repair: the trailing slash is dropped from the path key (kept in place); a collision with an
 * existing path is an error.
 * Touches: `#/paths/<path ending in />`.
 */
import { isObject } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { renameKey } from "./shared.js";

export const pathTrailingSlash: Repair = {
  id: "path-trailing-slash",
  defects: ["D26"],
  title: "Paths ending in `/` lose the slash",
  inPinned: false,
  apply(doc, ctx) {
    if (!isObject(doc.paths)) return;
    for (const path of Object.keys(doc.paths)) {
      if (path.length <= 1 || !path.endsWith("/")) continue;
      const next = path.replace(/\/+$/, "");
      if (next in doc.paths)
        throw new Error(`dropping the trailing slash of ${path} would collide with ${next}`);
      renameKey(doc.paths, path, next);
      ctx.fixed(childPointer("#/paths", path), `renamed to ${next}`);
    }
  },
};
