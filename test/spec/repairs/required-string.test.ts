import { requiredString } from "../../../spec/repairs/required-string.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const schemas = (required: unknown) =>
  openapi({
    components: {
      schemas: {
        AtlasFederatedInstance: { allOf: [{ required, properties: { _id: { type: "string" } } }] },
      },
    },
  });

repairTable(
  requiredString,
  [
    {
      name: "string required inside an allOf member (127-146)",
      given: schemas("_id"),
      want: schemas(["_id"]),
      fixes: ["#/components/schemas/AtlasFederatedInstance/allOf/0/required"],
    },
  ],
  [schemas(["_id"]), openapi({})],
);
