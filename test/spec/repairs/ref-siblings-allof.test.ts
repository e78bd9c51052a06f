import { refSiblingsAllOf } from "../../../spec/repairs/ref-siblings-allof.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const ServiceConfig = { type: "object", properties: { name: { type: "string" } } };
const withSchemas = (schemas: Record<string, unknown>) =>
  openapi({ components: { schemas: { ServiceConfig, ...schemas } } });
const responseProps = {
  _id: { type: "string" },
  name: { type: "string" },
  type: { type: "string" },
  version: { type: "number" },
  last_modified: { type: "number" },
};

repairTable(
  refSiblingsAllOf,
  [
    {
      name: "ServiceResponse keeps _id, name, type, version, last_modified (127-146)",
      given: withSchemas({
        ServiceResponse: { $ref: "#/components/schemas/ServiceConfig", properties: responseProps },
      }),
      want: withSchemas({
        ServiceResponse: {
          allOf: [{ $ref: "#/components/schemas/ServiceConfig" }, { properties: responseProps }],
        },
      }),
      fixes: ["#/components/schemas/ServiceResponse/$ref"],
    },
    {
      name: "annotations stay beside the allOf, constraints move in (Role fields)",
      given: withSchemas({
        Role: {
          properties: {
            fields: {
              type: "object",
              description: "Field rules.",
              $ref: "#/components/schemas/ServiceConfig",
              "x-note": 1,
            },
          },
        },
      }),
      want: withSchemas({
        Role: {
          properties: {
            fields: {
              description: "Field rules.",
              "x-note": 1,
              allOf: [{ $ref: "#/components/schemas/ServiceConfig" }, { type: "object" }],
            },
          },
        },
      }),
      fixes: ["#/components/schemas/Role/properties/fields/$ref"],
    },
    {
      name: "3.0 nullable stays outside, where it widens the whole value",
      given: withSchemas({
        N: { $ref: "#/components/schemas/ServiceConfig", nullable: true, required: ["name"] },
      }),
      want: withSchemas({
        N: {
          nullable: true,
          allOf: [{ $ref: "#/components/schemas/ServiceConfig" }, { required: ["name"] }],
        },
      }),
    },
    {
      name: "an existing allOf is kept after the ref and its siblings",
      given: withSchemas({
        X: {
          $ref: "#/components/schemas/ServiceConfig",
          required: ["name"],
          allOf: [{ title: "t" }],
        },
      }),
      want: withSchemas({
        X: {
          allOf: [
            { $ref: "#/components/schemas/ServiceConfig" },
            { required: ["name"] },
            { title: "t" },
          ],
        },
      }),
    },
  ],
  [
    withSchemas({
      A: {
        $ref: "#/components/schemas/ServiceConfig",
        description: "only an annotation",
        example: { name: "x" },
      },
    }),
    withSchemas({
      A: { allOf: [{ $ref: "#/components/schemas/ServiceConfig" }, { properties: responseProps }] },
    }),
  ],
);
