import { describe, expect, it } from "vitest";
import { repairSpec } from "../../../spec/repair.js";
import { itemsTuple } from "../../../spec/repairs/items-tuple.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const services = (items: unknown) =>
  openapi({
    paths: {
      "/services": {
        get: {
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { type: "array", items } } },
            },
          },
        },
      },
    },
  });
const ref = { $ref: "#/components/schemas/ServiceResponse" };

repairTable(
  itemsTuple,
  [
    {
      name: "a one-element items list becomes its schema (120-126)",
      given: services([ref]),
      want: services(ref),
      fixes: ["#/paths/~1services/get/responses/200/content/application~1json/schema/items"],
    },
  ],
  [services(ref), openapi({})],
);

describe("items-tuple on a real tuple", () => {
  it("fails rather than guess", () => {
    expect(() => repairSpec(services([ref, ref]), { repairs: [itemsTuple] })).toThrow(
      /tuple of 2 schemas/,
    );
  });
});
