import { pathParamsUndeclared } from "../../../spec/repairs/path-params-undeclared.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const BI = "/groups/{groupId}/apps/{appId}/services/{serviceId}/commands/build_info";
const components = {
  parameters: {
    GroupId: { name: "groupId", in: "path", required: true, schema: { type: "string" } },
    AppId: { name: "appId", in: "path", required: true, schema: { type: "string" } },
  },
};
const ok = { responses: { "200": { description: "ok" } } };
const doc = (pathLevel: unknown[] | undefined, opLevel?: unknown[]) =>
  openapi({
    paths: {
      [BI]: {
        get: { ...ok, ...(opLevel ? { parameters: opLevel } : {}) },
        ...(pathLevel ? { parameters: pathLevel } : {}),
      },
    },
    components,
  });
const refs = [
  { $ref: "#/components/parameters/GroupId" },
  { $ref: "#/components/parameters/AppId" },
];
const serviceId = { name: "serviceId", in: "path", required: true, schema: { type: "string" } };

repairTable(
  pathParamsUndeclared,
  [
    {
      name: "declares all three, by component ref where one exists (000-034)",
      given: doc(undefined),
      want: doc([...refs, serviceId]),
      fixes: [
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1services~1{serviceId}~1commands~1build_info/parameters",
      ],
    },
    {
      name: "names declared on the operation count (multi_data_sources, 134-135, declares none)",
      given: doc(undefined, [serviceId]),
      want: doc(refs, [serviceId]),
    },
  ],
  [doc([...refs, serviceId]), doc(refs, [serviceId]), openapi({})],
);
