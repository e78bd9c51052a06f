import { describe, expect, it } from "vitest";
import { repairSpec } from "../../../spec/repair.js";
import { propertySchemaStrings } from "../../../spec/repairs/property-schema-strings.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const response = (props: Record<string, unknown>) =>
  openapi({ components: { schemas: { ServiceResponse: { type: "object", properties: props } } } });

repairTable(
  propertySchemaStrings,
  [
    {
      name: "TypeScript-like strings become type schemas (120-126)",
      given: response({
        _id: "string;",
        version: "number;",
        ok: "boolean",
        kept: { type: "string" },
      }),
      want: response({
        _id: { type: "string" },
        version: { type: "number" },
        ok: { type: "boolean" },
        kept: { type: "string" },
      }),
      fixes: [
        "#/components/schemas/ServiceResponse/properties/_id",
        "#/components/schemas/ServiceResponse/properties/version",
        "#/components/schemas/ServiceResponse/properties/ok",
      ],
    },
  ],
  [response({ _id: { type: "string" } }), openapi({})],
);

describe("property-schema-strings on a string that names no type", () => {
  it("fails with the pointer and the value", () => {
    expect(() =>
      repairSpec(response({ when: "Date;" }), { repairs: [propertySchemaStrings] }),
    ).toThrow(/#\/components\/schemas\/ServiceResponse\/properties\/when is the string "Date;"/);
  });
});
