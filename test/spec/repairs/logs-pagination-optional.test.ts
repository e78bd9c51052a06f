import { logsPaginationOptional } from "../../../spec/repairs/logs-pagination-optional.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const LOGS = "/groups/{groupId}/apps/{appId}/logs";
const props = {
  logs: { type: "array" },
  nextEndDate: { type: "string" },
  nextSkip: { type: "integer" },
};
const logs = (required?: string[]) =>
  openapi({
    paths: {
      [LOGS]: {
        get: {
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: { ...(required ? { required } : {}), properties: props },
                },
              },
            },
          },
        },
      },
    },
  });

repairTable(
  logsPaginationOptional,
  [
    {
      name: "both pagination fields leave required, logs stays",
      given: logs(["logs", "nextEndDate", "nextSkip"]),
      want: logs(["logs"]),
      fixes: [
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1logs/get/responses/200/content/application~1json/schema/required",
      ],
    },
    { name: "an emptied list is removed", given: logs(["nextEndDate", "nextSkip"]), want: logs() },
  ],
  [logs(["logs"]), logs(), openapi({})],
);
