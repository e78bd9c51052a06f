import { overRequiredProperties } from "../../../spec/repairs/over-required-properties.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const schemas = (repaired: boolean) =>
  openapi({
    components: {
      schemas: {
        BaseTrigger: {
          required: repaired
            ? ["name", "type", "config"]
            : ["name", "type", "config", "event_processors"],
        },
        AtlasClusterServiceConfig: {
          required: repaired
            ? ["clusterName"]
            : ["clusterName", "readPreference", "wireProtocolEnabled"],
        },
        LogForwarderConstructor: {
          required: repaired ? ["action", "name"] : ["action", "disabled", "name"],
        },
        FunctionConstructor: {
          required: repaired ? ["name", "source"] : ["name", "private", "source"],
        },
        NewValue: { required: repaired ? ["name"] : ["name", "private", "value"] },
        ValueConstructor: {
          required: repaired ? ["name"] : ["name", "private", "from_secret", "value"],
        },
      },
    },
  });

const S = "#/components/schemas";

repairTable(
  overRequiredProperties,
  [
    {
      name: "each over-required name leaves `required`, the rest stays",
      given: schemas(false),
      want: schemas(true),
      fixes: [
        `${S}/BaseTrigger/required`,
        `${S}/AtlasClusterServiceConfig/required`,
        `${S}/LogForwarderConstructor/required`,
        `${S}/FunctionConstructor/required`,
        `${S}/NewValue/required`,
        `${S}/ValueConstructor/required`,
      ],
    },
    {
      name: "a `required` left empty is removed",
      given: openapi({
        components: { schemas: { LogForwarderConstructor: { required: ["disabled"] } } },
      }),
      want: openapi({ components: { schemas: { LogForwarderConstructor: {} } } }),
      fixes: [`${S}/LogForwarderConstructor/required`],
    },
  ],
  [schemas(true), openapi({ components: { schemas: { BaseTrigger: {} } } })],
);
