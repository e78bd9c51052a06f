/**
 * operation-without-2xx (D17)
 *
 * What is wrong: operations that declare no success response (62 versions, 022-084):
 * `DELETE /auth/session` (logout) declares only 401, and
 * `DELETE …/security/access_list/{ipId}` only 404. A client has no success type for them.
 *
 * Evidence: DEFECTS.md D17; DESIGN §4 (Sessions): logout answers 204; the official CLI expects
 * 204 from the access-list delete (10gen/realm-cli internal/cloud/realm/access_list.go
 * AllowedIPDelete); every other DELETE of the API declares 204.
 *
 * Repair: a DELETE with no 2xx response gets `204` (no content). Other methods without a 2xx are
 * left alone: none is known, and their body could not be guessed.
 * Touches: `#/paths/<path>/delete/responses/204`.
 */
import { isObject } from "../json.js";
import type { Repair } from "../repair.js";
import { eachOperation } from "../walk.js";

export const operationWithout2xx: Repair = {
  id: "operation-without-2xx",
  defects: ["D17"],
  title: "DELETE operations without a success response get 204",
  inPinned: false,
  apply(doc, ctx) {
    eachOperation(doc, (op, site) => {
      if (site.method !== "delete") return;
      const responses = isObject(op.responses) ? op.responses : {};
      if (Object.keys(responses).some((code) => /^2(\d\d|XX)$/i.test(code))) return;
      op.responses = { "204": { description: "Successfully deleted." }, ...responses };
      ctx.fixed(`${site.pointer}/responses/204`, "added 204 No Content");
    });
  },
};
