import { pathParamsNotInTemplate } from "../../../spec/repairs/path-params-not-in-template.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const AL = "/groups/{groupId}/apps/{appId}/security/access_list/{ipId}";
const shared = [
  { $ref: "#/components/parameters/GroupId" },
  { $ref: "#/components/parameters/AppId" },
];
const ip = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const ok = { responses: { "204": { description: "ok" } } };
const doc = (pathLevel: unknown[], opLevel?: unknown[]) =>
  openapi({
    paths: {
      [AL]: {
        parameters: pathLevel,
        delete: { ...ok, ...(opLevel ? { parameters: opLevel } : {}) },
      },
    },
  });

repairTable(
  pathParamsNotInTemplate,
  [
    {
      name: "ip_id is renamed to the template's ipId (025, 030-034)",
      given: doc([...shared, ip("ip_id")]),
      want: doc([...shared, ip("ipId")]),
      fixes: [
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1security~1access_list~1{ipId}/parameters/2/name",
      ],
    },
    {
      name: "a path parameter matching no template name is removed, on an operation too",
      given: doc([...shared, ip("ipId")], [ip("other"), { name: "q", in: "query" }]),
      want: doc([...shared, ip("ipId")], [{ name: "q", in: "query" }]),
      fixes: [
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1security~1access_list~1{ipId}/delete/parameters/0",
      ],
    },
  ],
  [doc([...shared, ip("ipId")]), openapi({})],
);
