import { operationWithout2xx } from "../../../spec/repairs/operation-without-2xx.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const AL = "/groups/{groupId}/apps/{appId}/security/access_list/{ipId}";
const doc = (session: Record<string, unknown>, ip: Record<string, unknown>) =>
  openapi({
    paths: {
      "/auth/session": { delete: { responses: session } },
      [AL]: { delete: { responses: ip } },
    },
  });
const added = { "204": { description: "Successfully deleted." } };

repairTable(
  operationWithout2xx,
  [
    {
      name: "logout and the access-list delete get 204 (022-084)",
      given: doc(
        { "401": { description: "Unauthorized" } },
        { "404": { description: "Not found" } },
      ),
      want: doc(
        { ...added, "401": { description: "Unauthorized" } },
        { ...added, "404": { description: "Not found" } },
      ),
      fixes: [
        "#/paths/~1auth~1session/delete/responses/204",
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1security~1access_list~1{ipId}/delete/responses/204",
      ],
    },
  ],
  [
    doc({ "204": { description: "ok" } }, { "2XX": { description: "ok" } }),
    // Only DELETE is known to answer 204; a GET without 2xx is not guessed.
    openapi({ paths: { "/x": { get: { responses: { "404": { description: "nf" } } } } } }),
  ],
);
