import { requiredUndefined } from "../../../spec/repairs/required-undefined.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const resolvers = (baseRequired: string[], resolverRequired?: string[]) =>
  openapi({
    components: {
      schemas: {
        CustomResolver: {
          allOf: [
            { $ref: "#/components/schemas/BaseCustomResolver" },
            {
              ...(resolverRequired ? { required: resolverRequired } : {}),
              properties: { _id: { type: "string" }, function_id: { type: "string" } },
            },
          ],
        },
        CustomResolverConstructor: {
          allOf: [
            { $ref: "#/components/schemas/BaseCustomResolver" },
            { required: ["function_name"], properties: { function_name: { type: "string" } } },
          ],
        },
        BaseCustomResolver: {
          type: "object",
          required: baseRequired,
          properties: { on_type: { type: "string" }, field_name: { type: "string" } },
        },
      },
    },
  });

const trigger = (required: string[]) =>
  openapi({
    components: {
      schemas: {
        DatabaseTrigger: {
          allOf: [
            { $ref: "#/components/schemas/BaseTrigger" },
            { properties: { config: { required, properties: { database: { type: "string" } } } } },
          ],
        },
        BaseTrigger: { type: "object", properties: { name: { type: "string" } } },
      },
    },
  });

const resolverWant = resolvers(["on_type", "field_name"], ["_id", "function_id"]);

repairTable(
  requiredUndefined,
  [
    {
      name: "names defined only by a composing schema move there (BaseCustomResolver, 127-146)",
      given: resolvers(["_id", "function_id", "on_type", "field_name"]),
      want: resolverWant,
      fixes: [
        "#/components/schemas/BaseCustomResolver/required",
        "#/components/schemas/BaseCustomResolver/required",
      ],
    },
    {
      name: "a name no schema defines is dropped, and an emptied list goes (DatabaseTrigger project, 067-112)",
      given: trigger(["database", "project"]),
      want: trigger(["database"]),
      fixes: ["#/components/schemas/DatabaseTrigger/allOf/1/properties/config/required"],
    },
  ],
  [
    resolverWant,
    // An allOf member may require what its siblings define.
    openapi({
      components: {
        schemas: {
          A: { allOf: [{ $ref: "#/components/schemas/B" }, { required: ["b"] }] },
          B: { properties: { b: {} } },
        },
      },
    }),
    // oneOf or additionalProperties make the defined names open: not judged.
    openapi({
      components: {
        schemas: { DataSource: { required: ["name"], oneOf: [{ properties: { name: {} } }] } },
      },
    }),
    openapi({
      components: {
        schemas: { Map: { required: ["k"], additionalProperties: { type: "string" } } },
      },
    }),
    // A ref that cannot be followed is not judged either.
    openapi({ components: { schemas: { X: { $ref: "other.yaml#/X", required: ["y"] } } } }),
  ],
);
