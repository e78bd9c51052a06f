import { itemsWithoutArrayType } from "../../../spec/repairs/items-without-array-type.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const APP = "/groups/{groupId}/apps/{appId}";
const getting = (path: string, schema: Record<string, unknown>, method = "get") =>
  openapi({
    paths: {
      [path]: {
        [method]: {
          responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
        },
      },
    },
  });
const ptr = (path: string, method = "get") =>
  `#/paths/${path.replace(/\//g, "~1")}/${method}/responses/200/content/application~1json/schema`;

const accessList = {
  properties: {
    current_ip: { type: "string" },
    allowed_ips: { type: "array", items: { type: "object" } },
  },
};

repairTable(
  itemsWithoutArrayType,
  [
    {
      name: "a list response gets type: array first (GET functions)",
      given: getting(`${APP}/functions`, {
        items: { $ref: "#/components/schemas/FunctionSummary" },
        description: "d",
      }),
      want: getting(`${APP}/functions`, {
        type: "array",
        items: { $ref: "#/components/schemas/FunctionSummary" },
        description: "d",
      }),
      fixes: [ptr(`${APP}/functions`)],
    },
    {
      name: "a property schema (ThirdPartyServiceRule actions)",
      given: openapi({
        components: {
          schemas: { Rule: { properties: { actions: { items: { type: "string" } } } } },
        },
      }),
      want: openapi({
        components: {
          schemas: {
            Rule: { properties: { actions: { type: "array", items: { type: "string" } } } },
          },
        },
      }),
      fixes: ["#/components/schemas/Rule/properties/actions"],
    },
    {
      name: "the access list is one object: items is unwrapped",
      given: getting(`${APP}/security/access_list`, { items: accessList }),
      want: getting(`${APP}/security/access_list`, accessList),
      fixes: [ptr(`${APP}/security/access_list`)],
    },
    {
      name: "a service's configuration is one object",
      given: getting(`${APP}/services/{serviceId}/config`, {
        items: { anyOf: [{ $ref: "#/components/schemas/A" }] },
      }),
      want: getting(`${APP}/services/{serviceId}/config`, {
        anyOf: [{ $ref: "#/components/schemas/A" }],
      }),
    },
    {
      name: "updating one value returns the value",
      given: getting(
        `${APP}/values/{valueId}`,
        { items: { $ref: "#/components/schemas/NewValue" } },
        "put",
      ),
      want: getting(`${APP}/values/{valueId}`, { $ref: "#/components/schemas/NewValue" }, "put"),
    },
  ],
  [
    getting(`${APP}/functions`, { type: "array", items: { type: "string" } }),
    getting(`${APP}/security/access_list`, accessList),
    openapi({ components: { schemas: { A: { $ref: "#/components/schemas/B", items: {} } } } }),
  ],
);
