import { hoistNestedSchemas } from "../../../spec/repairs/hoist-nested-schemas.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const base = { allOf: [{ $ref: "#/components/schemas/Logs/Parts/BaseLog" }, { title: "API" }] };

repairTable(
  hoistNestedSchemas,
  [
    {
      name: "two-level namespace, refs from outside and inside",
      given: openapi({
        components: {
          schemas: {
            AppLog: { oneOf: [{ $ref: "#/components/schemas/Logs/API" }] },
            Logs: {
              Parts: { BaseLog: { type: "object", properties: { _id: { type: "string" } } } },
              API: base,
            },
            Zed: { type: "string" },
          },
        },
      }),
      want: openapi({
        components: {
          schemas: {
            AppLog: { oneOf: [{ $ref: "#/components/schemas/LogsAPI" }] },
            LogsPartsBaseLog: { type: "object", properties: { _id: { type: "string" } } },
            LogsAPI: {
              allOf: [{ $ref: "#/components/schemas/LogsPartsBaseLog" }, { title: "API" }],
            },
            Zed: { type: "string" },
          },
        },
      }),
      fixes: [
        "#/components/schemas/Logs/Parts/BaseLog",
        "#/components/schemas/Logs/API",
        "#/components/schemas/AppLog/oneOf/0/$ref",
        "#/components/schemas/Logs/API/allOf/0/$ref",
      ],
    },
    {
      name: "ref into a property of a nested schema, from a path",
      given: openapi({
        paths: {
          "/x": {
            get: {
              responses: {
                "200": {
                  description: "ok",
                  content: {
                    "application/json": {
                      schema: { $ref: "#/components/schemas/Logs/Parts/BaseLog/properties/_id" },
                    },
                  },
                },
              },
            },
          },
        },
        components: { schemas: { Logs: { Parts: { BaseLog: { properties: { _id: {} } } } } } },
      }),
      want: openapi({
        paths: {
          "/x": {
            get: {
              responses: {
                "200": {
                  description: "ok",
                  content: {
                    "application/json": {
                      schema: { $ref: "#/components/schemas/LogsPartsBaseLog/properties/_id" },
                    },
                  },
                },
              },
            },
          },
        },
        components: { schemas: { LogsPartsBaseLog: { properties: { _id: {} } } } },
      }),
    },
  ],
  [
    openapi({
      components: { schemas: { A: { type: "object", properties: { b: { type: "string" } } } } },
    }),
    openapi({ components: { schemas: { Free: { "x-note": { a: 1 } } } } }),
    openapi({}),
  ],
);
