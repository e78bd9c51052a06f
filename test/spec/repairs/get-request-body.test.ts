import { getRequestBody } from "../../../spec/repairs/get-request-body.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const BI = "/groups/{groupId}/apps/{appId}/services/{serviceId}/commands/build_info";
const ok = { responses: { "200": { description: "ok" } } };
const body = {
  description: "An empty object.",
  required: true,
  content: { "application/json": { schema: { properties: {} } } },
};

repairTable(
  getRequestBody,
  [
    {
      name: "the build_info GET loses its empty body (000-012)",
      given: openapi({ paths: { [BI]: { get: { requestBody: body, ...ok } } } }),
      want: openapi({ paths: { [BI]: { get: ok } } }),
      fixes: [
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1services~1{serviceId}~1commands~1build_info/get/requestBody",
      ],
    },
  ],
  [
    openapi({
      paths: {
        [BI]: { get: ok, post: { requestBody: body, ...ok }, delete: { requestBody: body, ...ok } },
      },
    }),
  ],
);
