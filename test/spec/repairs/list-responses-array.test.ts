import { listResponsesArray } from "../../../spec/repairs/list-responses-array.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const APP = "/groups/{groupId}/apps/{appId}";
const list = (path: string, schema: Record<string, unknown>) =>
  openapi({
    paths: {
      [path]: {
        get: {
          responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
        },
      },
    },
  });
const ptr = (path: string) =>
  `#/paths/${path.replace(/\//g, "~1")}/get/responses/200/content/application~1json/schema`;
const draft = { $ref: "#/components/schemas/DeploymentDraft" };
const webhook = { $ref: "#/components/schemas/IncomingWebhook" };
const WEBHOOKS = `${APP}/services/{serviceId}/incoming_webhooks`;

repairTable(
  listResponsesArray,
  [
    {
      name: "GET drafts returns an array of drafts",
      given: list(`${APP}/drafts`, draft),
      want: list(`${APP}/drafts`, { type: "array", items: draft }),
      fixes: [ptr(`${APP}/drafts`)],
    },
    {
      name: "GET incoming_webhooks returns an array of webhooks",
      given: list(WEBHOOKS, webhook),
      want: list(WEBHOOKS, { type: "array", items: webhook }),
      fixes: [ptr(WEBHOOKS)],
    },
  ],
  [
    list(`${APP}/drafts`, { type: "array", items: draft }),
    list(`${APP}/functions`, draft),
    openapi({}),
  ],
);
