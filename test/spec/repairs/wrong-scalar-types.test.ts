import { wrongScalarTypes } from "../../../spec/repairs/wrong-scalar-types.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const providerNames = ["anon-user", "api-key"];
interface Fields {
  providers: Record<string, unknown>;
  clusterId: Record<string, unknown>;
  requireAnyAudience: Record<string, unknown>;
  disabled: () => Record<string, unknown>;
}
const schemas = (f: Fields) =>
  openapi({
    components: {
      schemas: {
        AuthenticationTrigger: {
          allOf: [
            { $ref: "#/components/schemas/BaseTrigger" },
            { properties: { config: { properties: { providers: f.providers } } } },
          ],
        },
        AtlasClusterServiceConfigInstance: {
          $ref: "#/components/schemas/AtlasClusterServiceConfig",
          properties: { clusterId: f.clusterId },
        },
        CustomJwtAuthProvider: {
          allOf: [
            { $ref: "#/components/schemas/BaseAuthProvider" },
            {
              properties: { config: { properties: { requireAnyAudience: f.requireAnyAudience } } },
            },
          ],
        },
        ApiKey: { properties: { _id: { type: "string" }, disabled: f.disabled() } },
        ApiKeyResponse: { properties: { disabled: f.disabled() } },
      },
    },
  });

const S = "#/components/schemas";
const upstream: Fields = {
  providers: { type: "string", description: "type(s)", enum: providerNames },
  clusterId: { type: "number", example: "05e821b3975d271289f372e3a" },
  requireAnyAudience: { type: "string", default: false },
  disabled: () => ({ type: "string" }),
};
const repaired: Fields = {
  providers: {
    type: "array",
    description: "type(s)",
    items: { type: "string", enum: providerNames },
  },
  clusterId: { type: "string", example: "05e821b3975d271289f372e3a" },
  requireAnyAudience: { type: "boolean", default: false },
  disabled: () => ({ type: "boolean" }),
};

repairTable(
  wrongScalarTypes,
  [
    {
      name: "providers a list, clusterId a string, requireAnyAudience and disabled booleans (pinned)",
      given: schemas(upstream),
      want: schemas(repaired),
      fixes: [
        `${S}/AuthenticationTrigger/allOf/1/properties/config/properties/providers`,
        `${S}/AtlasClusterServiceConfigInstance/properties/clusterId`,
        `${S}/CustomJwtAuthProvider/allOf/1/properties/config/properties/requireAnyAudience`,
        `${S}/ApiKey/properties/disabled`,
        `${S}/ApiKeyResponse/properties/disabled`,
      ],
    },
    {
      name: "an older version with only the trigger providers",
      given: openapi({
        components: {
          schemas: {
            AuthenticationTrigger: {
              allOf: [
                {},
                { properties: { config: { properties: { providers: { type: "string" } } } } },
              ],
            },
          },
        },
      }),
      want: openapi({
        components: {
          schemas: {
            AuthenticationTrigger: {
              allOf: [
                {},
                {
                  properties: {
                    config: {
                      properties: { providers: { type: "array", items: { type: "string" } } },
                    },
                  },
                },
              ],
            },
          },
        },
      }),
    },
  ],
  [schemas(repaired), openapi({})],
);
