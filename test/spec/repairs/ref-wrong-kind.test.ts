import { describe, expect, it } from "vitest";
import { repairSpec } from "../../../spec/repair.js";
import { refWrongKind } from "../../../spec/repairs/ref-wrong-kind.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const parameters = {
  GroupId: {
    name: "groupId",
    in: "path",
    required: true,
    description: "An Atlas Project/Group ID.",
    schema: { type: "string" },
  },
};
const app = (groupId: unknown) =>
  openapi(
    { components: { parameters, schemas: { Application: { properties: { group_id: groupId } } } } },
    "3.0.1",
  );
const PE = "/groups/{groupId}/apps/{appId}/security/private_endpoints/{privateEndpointId}";
const put = (response: unknown) =>
  openapi({
    paths: {
      [PE]: { put: { responses: { "200": response, "404": { description: "Not Found" } } } },
    },
  });

repairTable(
  refWrongKind,
  [
    {
      name: "a schema ref to a parameter becomes the parameter's schema (000-034)",
      given: app({ $ref: "#/components/parameters/GroupId" }),
      want: app({ type: "string", description: "An Atlas Project/Group ID." }),
      fixes: ["#/components/schemas/Application/properties/group_id/$ref"],
    },
    {
      name: "a response ref to a schema becomes JSON content (108-126)",
      given: put({ description: "Updated", $ref: "#/components/schemas/PrivateEndpoint" }),
      want: put({
        description: "Updated",
        content: {
          "application/json": { schema: { $ref: "#/components/schemas/PrivateEndpoint" } },
        },
      }),
      fixes: [
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1security~1private_endpoints~1{privateEndpointId}/put/responses/200/$ref",
      ],
    },
    {
      name: "a missing description stays missing (response-description-missing fills it)",
      given: put({ $ref: "#/components/schemas/PrivateEndpoint" }),
      want: put({
        content: {
          "application/json": { schema: { $ref: "#/components/schemas/PrivateEndpoint" } },
        },
      }),
    },
  ],
  [app({ type: "string" }), put({ $ref: "#/components/responses/Updated" })],
);

describe("ref-wrong-kind on a parameter without a schema", () => {
  it("fails naming the ref and where it is used", () => {
    const doc = openapi({
      components: {
        parameters: { P: { name: "p", in: "query", content: {} } },
        schemas: { S: { $ref: "#/components/parameters/P" } },
      },
    });
    expect(() => repairSpec(doc, { repairs: [refWrongKind] })).toThrow(
      /#\/components\/parameters\/P has no schema to use at #\/components\/schemas\/S/,
    );
  });
});
