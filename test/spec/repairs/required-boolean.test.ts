import { describe, expect, it } from "vitest";
import { repairSpec } from "../../../spec/repair.js";
import { requiredBoolean } from "../../../spec/repairs/required-boolean.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const trigger = (props: Record<string, unknown>, required?: string[]) =>
  openapi(
    {
      components: {
        schemas: {
          TriggerRequest: { type: "object", ...(required ? { required } : {}), properties: props },
        },
      },
    },
    "3.0.1",
  );

const logsParam = (schema: Record<string, unknown>, required?: boolean) =>
  openapi({
    paths: {
      "/logs": {
        get: {
          parameters: [
            { name: "limit", in: "query", ...(required === undefined ? {} : { required }), schema },
          ],
          responses: { "200": { description: "ok" } },
        },
      },
    },
  });

repairTable(
  requiredBoolean,
  [
    {
      name: "required: true on properties moves to the parent list (000-034)",
      given: trigger({
        name: { type: "string", required: true },
        type: { type: "string", required: true },
        x: { type: "string" },
      }),
      want: trigger({ name: { type: "string" }, type: { type: "string" }, x: { type: "string" } }, [
        "name",
        "type",
      ]),
      fixes: [
        "#/components/schemas/TriggerRequest/properties/name/required",
        "#/components/schemas/TriggerRequest/properties/type/required",
      ],
    },
    {
      name: "appends to an existing list without duplicates",
      given: trigger(
        { a: { type: "string", required: true }, b: { type: "string", required: true } },
        ["a"],
      ),
      want: trigger({ a: { type: "string" }, b: { type: "string" } }, ["a", "b"]),
    },
    {
      name: "required: false is dropped (logs nextEndDate, 000-034)",
      given: trigger({ nextEndDate: { type: "string", required: false } }),
      want: trigger({ nextEndDate: { type: "string" } }),
    },
    {
      name: "required: false on a parameter schema is dropped (042-050)",
      given: logsParam({ type: "integer", required: false }, false),
      want: logsParam({ type: "integer" }, false),
      fixes: ["#/paths/~1logs/get/parameters/0/schema/required"],
    },
    {
      name: "required: true on a parameter schema marks the parameter",
      given: logsParam({ type: "integer", required: true }),
      want: logsParam({ type: "integer" }, true),
    },
  ],
  [trigger({ a: { type: "string" } }, ["a"]), logsParam({ type: "integer" }, true)],
);

describe("required-boolean on a schema that is neither a property nor a parameter schema", () => {
  it("fails with the pointer", () => {
    const doc = openapi({ components: { schemas: { Top: { type: "object", required: true } } } });
    expect(() => repairSpec(doc, { repairs: [requiredBoolean] })).toThrow(
      /#\/components\/schemas\/Top\/required/,
    );
  });
});
