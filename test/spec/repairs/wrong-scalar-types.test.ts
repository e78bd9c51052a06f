import { wrongScalarTypes } from "../../../spec/repairs/wrong-scalar-types.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const providerNames = ["anon-user", "api-key"];
const schemas = (providers: Record<string, unknown>, clusterId: Record<string, unknown>) =>
  openapi({
    components: {
      schemas: {
        AuthenticationTrigger: {
          allOf: [
            { $ref: "#/components/schemas/BaseTrigger" },
            { properties: { config: { properties: { providers } } } },
          ],
        },
        AtlasClusterServiceConfigInstance: {
          $ref: "#/components/schemas/AtlasClusterServiceConfig",
          properties: { clusterId },
        },
      },
    },
  });

repairTable(
  wrongScalarTypes,
  [
    {
      name: "providers is a list, clusterId a string (pinned)",
      given: schemas(
        { type: "string", description: "type(s)", enum: providerNames },
        { type: "number", example: "05e821b3975d271289f372e3a" },
      ),
      want: schemas(
        { type: "array", description: "type(s)", items: { type: "string", enum: providerNames } },
        { type: "string", example: "05e821b3975d271289f372e3a" },
      ),
      fixes: [
        "#/components/schemas/AuthenticationTrigger/allOf/1/properties/config/properties/providers",
        "#/components/schemas/AtlasClusterServiceConfigInstance/properties/clusterId/type",
      ],
    },
  ],
  [schemas({ type: "array", items: { type: "string" } }, { type: "string" }), openapi({})],
);
