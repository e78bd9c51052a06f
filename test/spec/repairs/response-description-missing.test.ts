import { responseDescriptionMissing } from "../../../spec/repairs/response-description-missing.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const PE = "/groups/{groupId}/apps/{appId}/security/private_endpoints";
const body = { content: { "application/json": { schema: { type: "array" } } } };
const doc = (ok: Record<string, unknown>, shared: Record<string, unknown>) =>
  openapi({
    paths: {
      [PE]: {
        get: { responses: { "200": ok, "404": { $ref: "#/components/responses/NotFound" } } },
      },
    },
    components: { responses: { NotFound: shared } },
  });

repairTable(
  responseDescriptionMissing,
  [
    {
      name: "responses without description get the reason phrase (108-126)",
      given: doc(body, {}),
      want: doc({ ...body, description: "OK" }, { description: "Not Found" }),
      fixes: [
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1security~1private_endpoints/get/responses/200/description",
        "#/components/responses/NotFound/description",
      ],
    },
  ],
  // An empty description is valid and left alone.
  [doc({ ...body, description: "" }, { description: "Not found" })],
);
