import { nullableIn31 } from "../../../spec/repairs/nullable-in-31.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const graphql = (data: Record<string, unknown>, version = "3.1.0") =>
  openapi({ components: { schemas: { Result: { properties: { data } } } } }, version);

repairTable(
  nullableIn31,
  [
    {
      name: "nullable: true becomes a type list (060)",
      given: graphql({ type: "object", nullable: true, description: "d" }),
      want: graphql({ type: ["object", "null"], description: "d" }),
      fixes: ["#/components/schemas/Result/properties/data/nullable"],
    },
    {
      name: "without a type it becomes anyOf with null",
      given: graphql({ $ref: "#/components/schemas/X", nullable: true }),
      want: graphql({ anyOf: [{ $ref: "#/components/schemas/X" }, { type: "null" }] }),
    },
    {
      name: "nullable: false is dropped",
      given: graphql({ type: "string", nullable: false }),
      want: graphql({ type: "string" }),
    },
  ],
  [graphql({ type: ["object", "null"] }), graphql({ type: "object", nullable: true }, "3.0.1")],
);
