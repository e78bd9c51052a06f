import { describe, expect, it } from "vitest";
import { repairSpec } from "../../../spec/repair.js";
import { invalidTypeValues } from "../../../spec/repairs/invalid-type-values.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const schema = (props: Record<string, unknown>) =>
  openapi({ components: { schemas: { S: { type: "object", properties: props } } } }, "3.0.1");
const ops = ["INSERT", "UPDATE", "REPLACE", "DELETE"];

repairTable(
  invalidTypeValues,
  [
    {
      name: '"array of strings" moves its enum into items (000-034)',
      given: schema({ operation_types: { type: "array of strings", enum: ops } }),
      want: schema({ operation_types: { type: "array", items: { type: "string", enum: ops } } }),
      fixes: ["#/components/schemas/S/properties/operation_types/type"],
    },
    {
      name: "Go type names become strings with a format (025, 030-034)",
      given: schema({
        _id: { type: "ObjectID" },
        ip: { type: "net.IP" },
        network: { type: "net.IPNet" },
      }),
      want: schema({
        _id: { type: "string", format: "ObjectID" },
        ip: { type: "string", format: "net.IP" },
        network: { type: "string", format: "net.IPNet" },
      }),
    },
    {
      name: "int and a type with trailing punctuation (138-142)",
      given: schema({ value: { type: "int" }, name: { type: "string;" } }),
      want: schema({ value: { type: "integer" }, name: { type: "string" } }),
    },
  ],
  [
    schema({ a: { type: "string", format: "ObjectID" }, b: { type: ["string", "null"] } }),
    openapi({}),
  ],
);

describe("invalid-type-values on an unknown value", () => {
  it("fails naming the value and the pointer", () => {
    expect(() =>
      repairSpec(schema({ when: { type: "time.Time" } }), { repairs: [invalidTypeValues] }),
    ).toThrow(/unknown type "time.Time" at #\/components\/schemas\/S\/properties\/when\/type/);
  });
});
