import { undeclaredQueryParameters } from "../../../spec/repairs/undeclared-query-parameters.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const USERS = "/groups/{groupId}/apps/{appId}/users";
const after = { $ref: "#/components/parameters/UsersAfter" };
const status = {
  name: "status",
  in: "query",
  required: false,
  description: "Only list users in this state.",
  schema: { type: "string", enum: ["enabled", "disabled"] },
};
const providerTypes = {
  name: "provider_types",
  in: "query",
  required: false,
  description:
    "Only list users with an identity from one of these authentication providers: a comma-separated list of provider types (`local-userpass,api-key`).",
  schema: { type: "string" },
};
const spec = (parameters: unknown[]) =>
  openapi({
    paths: { [USERS]: { get: { parameters, responses: { "200": { description: "ok" } } } } },
  });

repairTable(
  undeclaredQueryParameters,
  [
    {
      name: "status and provider_types join the list's parameters",
      given: spec([after]),
      want: spec([after, status, providerTypes]),
      fixes: ["#/paths/~1groups~1{groupId}~1apps~1{appId}~1users/get/parameters"],
    },
    {
      name: "only the missing one is added",
      given: spec([status]),
      want: spec([status, providerTypes]),
    },
  ],
  [spec([after, status, providerTypes]), openapi({})],
);
