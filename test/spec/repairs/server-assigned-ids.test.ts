import { childPointer } from "../../../spec/pointer.js";
import { ID_DESCRIPTION } from "../../../spec/repairs/id-targets.js";
import { serverAssignedIds } from "../../../spec/repairs/server-assigned-ids.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const APP = "/groups/{groupId}/apps/{appId}";
const S = "#/components/schemas";
const id = (repaired: boolean, description?: string) => ({
  type: "string",
  ...(description ? { description } : {}),
  ...(repaired ? { readOnly: true } : {}),
});
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });

const spec = (r: boolean) =>
  openapi({
    paths: {
      [`${APP}/values`]: {
        post: {
          responses: {
            "201": {
              description: "ok",
              ...json({ $ref: `#/components/schemas/${r ? "Value" : "NewValue"}` }),
            },
          },
        },
      },
      [`${APP}/auth_providers`]: {
        get: {
          responses: {
            "200": {
              description: "ok",
              ...json({
                type: "array",
                items: r
                  ? {
                      allOf: [
                        { $ref: "#/components/schemas/BaseAuthProvider" },
                        {
                          type: "object",
                          properties: {
                            _id: { type: "string", description: ID_DESCRIPTION, readOnly: true },
                          },
                          required: ["_id"],
                        },
                      ],
                    }
                  : { $ref: "#/components/schemas/BaseAuthProvider" },
              }),
            },
          },
        },
      },
    },
    components: {
      schemas: {
        DeploymentDraft: {
          type: "object",
          properties: { _id: id(r, "The unique ID of the draft."), user_id: { type: "string" } },
          ...(r ? { required: ["_id"] } : {}),
        },
        CustomResolver: {
          allOf: [
            { $ref: "#/components/schemas/BaseCustomResolver" },
            {
              properties: { _id: id(r), function_id: { type: "string" } },
              required: ["_id", "function_id"],
            },
          ],
        },
        Message: {
          properties: {
            label: { type: "string" },
            ...(r ? { _id: { type: "string", description: ID_DESCRIPTION, readOnly: true } } : {}),
          },
          ...(r ? { required: ["_id"] } : {}),
        },
        NewValue: { properties: { name: { type: "string" } } },
        Value: { allOf: [{ properties: { _id: { type: "string" } } }] },
        BaseAuthProvider: { properties: { name: { type: "string" } } },
      },
    },
  });

repairTable(
  serverAssignedIds,
  [
    {
      name: "_id readOnly and required where defined, added where missing, the created value retargeted",
      given: spec(false),
      want: (() => {
        const doc = spec(true);
        // Value/allOf/0 is one of the holders too.
        const value = (doc.components as any).schemas.Value.allOf[0];
        value.properties._id.readOnly = true;
        value.required = ["_id"];
        return doc;
      })(),
      fixes: [
        `${S}/DeploymentDraft/properties/_id`,
        `${S}/CustomResolver/allOf/1/properties/_id`,
        `${S}/Message/properties/_id`,
        `${S}/Value/allOf/0/properties/_id`,
        childPointer(
          "#/paths",
          `${APP}/values`,
          "post",
          "responses",
          "201",
          "content",
          "application/json",
          "schema",
        ),
        childPointer(
          "#/paths",
          `${APP}/auth_providers`,
          "get",
          "responses",
          "200",
          "content",
          "application/json",
          "schema",
          "items",
        ),
      ],
    },
  ],
  [
    openapi({
      components: { schemas: { DeploymentDraft: { properties: { user_id: { type: "string" } } } } },
    }),
    openapi({}),
  ],
);
