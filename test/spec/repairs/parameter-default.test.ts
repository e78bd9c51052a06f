import { parameterDefault } from "../../../spec/repairs/parameter-default.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const LOGS = "/groups/{groupId}/apps/{appId}/logs";
const EXPORT = "/groups/{groupId}/apps/{appId}/export";
const ok = { responses: { "200": { description: "ok" } } };
const doc = (
  skip: Record<string, unknown>,
  desc: Record<string, unknown>,
  template: Record<string, unknown>,
) =>
  openapi(
    {
      paths: {
        [LOGS]: { get: { parameters: [skip], ...ok } },
        [EXPORT]: { parameters: [template], get: ok },
      },
      components: { parameters: { UsersDesc: desc } },
    },
    "3.0.1",
  );

repairTable(
  parameterDefault,
  [
    {
      name: "defaults move into the schema (000-034, 101-126)",
      given: doc(
        { name: "skip", in: "query", default: 0, schema: { type: "integer" } },
        { name: "desc", in: "query", default: false, schema: { type: "boolean" } },
        { name: "template", in: "query", default: false },
      ),
      want: doc(
        { name: "skip", in: "query", schema: { type: "integer", default: 0 } },
        { name: "desc", in: "query", schema: { type: "boolean", default: false } },
        { name: "template", in: "query", schema: { default: false } },
      ),
      fixes: [
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1logs/get/parameters/0/default",
        "#/components/parameters/UsersDesc/default",
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1export/parameters/0/default",
      ],
    },
    {
      name: "a schema default already there wins",
      given: doc(
        { name: "skip", in: "query", default: 5, schema: { type: "integer", default: 0 } },
        { name: "desc", in: "query", schema: { type: "boolean" } },
        { name: "template", in: "query", schema: { type: "boolean" } },
      ),
      want: doc(
        { name: "skip", in: "query", schema: { type: "integer", default: 0 } },
        { name: "desc", in: "query", schema: { type: "boolean" } },
        { name: "template", in: "query", schema: { type: "boolean" } },
      ),
    },
  ],
  [
    doc(
      { name: "skip", in: "query", schema: { default: 0 } },
      { name: "d", in: "query" },
      { $ref: "#/components/parameters/X" },
    ),
  ],
);
