import { exampleOnlyProperties } from "../../../spec/repairs/example-only-properties.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const untyped = (example: string) => ({ example, description: "d" });
const typed = (example: string) => ({ type: "string", example, description: "d" });
const spec = (make: (example: string) => Record<string, unknown>) =>
  openapi({
    components: {
      schemas: {
        LogsTriggerFailure: {
          allOf: [
            { $ref: "#/components/schemas/LogsPartsBaseLog" },
            {
              properties: {
                type: { const: "TRIGGER_FAILURE" },
                event_subscription_id: make("641ca0b87649edd250f7536c"),
                event_subscription_name: make("myScheduledTrigger"),
              },
            },
          ],
        },
        LogsPartsClientLog: {
          properties: {
            platform: { type: "string" },
            platform_version: make("111.0.0"),
            sdk_name: make("Realm Swift"),
            sdk_version: make("2.0.0"),
          },
        },
      },
    },
  });
const S = "#/components/schemas";

repairTable(
  exampleOnlyProperties,
  [
    {
      name: "string examples without a type become strings",
      given: spec(untyped),
      want: spec(typed),
      fixes: [
        `${S}/LogsTriggerFailure/allOf/1/properties/event_subscription_id`,
        `${S}/LogsTriggerFailure/allOf/1/properties/event_subscription_name`,
        `${S}/LogsPartsClientLog/properties/platform_version`,
        `${S}/LogsPartsClientLog/properties/sdk_name`,
        `${S}/LogsPartsClientLog/properties/sdk_version`,
      ],
    },
  ],
  [
    spec(typed),
    // A non-string example says nothing about a string type.
    openapi({
      components: { schemas: { LogsPartsClientLog: { properties: { sdk_name: { example: 2 } } } } },
    }),
  ],
);
