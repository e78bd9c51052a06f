import { childPointer } from "../../../spec/pointer.js";
import { untypedObjectResponses } from "../../../spec/repairs/untyped-object-responses.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const APP = "/groups/{groupId}/apps/{appId}";
const remove = (schema: unknown) => ({
  delete: {
    responses: {
      "200": {
        description: "OK",
        content: { "application/json": { schema: structuredClone(schema) } },
      },
    },
  },
});
const spec = (schema: unknown) =>
  openapi({
    paths: {
      [`${APP}/triggers/{triggerId}`]: remove(schema),
      [`${APP}/endpoints/{endpointId}`]: remove(schema),
    },
  });
const at = (path: string) =>
  childPointer(
    "#/paths",
    `${APP}${path}`,
    "delete",
    "responses",
    "200",
    "content",
    "application/json",
    "schema",
  );

repairTable(
  untypedObjectResponses,
  [
    {
      name: "{properties: {}} becomes an empty object",
      given: spec({ properties: {} }),
      want: spec({ type: "object", properties: {}, additionalProperties: false }),
      fixes: [at("/triggers/{triggerId}"), at("/endpoints/{endpointId}")],
    },
  ],
  [
    spec({ type: "object", properties: {} }),
    spec({ properties: { a: { type: "string" } } }),
    openapi({}),
  ],
);
