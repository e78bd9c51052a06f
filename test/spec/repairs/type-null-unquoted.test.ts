import { typeNullUnquoted } from "../../../spec/repairs/type-null-unquoted.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const config = (branch: Record<string, unknown>, version = "3.1.0") =>
  openapi(
    {
      components: {
        schemas: {
          PushPullAppConfig: {
            properties: {
              custom_user_data: { oneOf: [{ $ref: "#/components/schemas/C" }, branch] },
            },
          },
        },
      },
    },
    version,
  );

repairTable(
  typeNullUnquoted,
  [
    {
      name: 'YAML null becomes "null" in 3.1 (127-135)',
      given: config({ type: null }),
      want: config({ type: "null" }),
      fixes: ["#/components/schemas/PushPullAppConfig/properties/custom_user_data/oneOf/1/type"],
    },
    {
      name: "in 3.0 the branch is spelled with nullable",
      given: config({ type: null }, "3.0.1"),
      want: config({ nullable: true, enum: [null] }, "3.0.1"),
    },
  ],
  [config({ type: "null" }), config({ nullable: true, enum: [null] }, "3.0.1")],
);
