import { responseContentMissing } from "../../../spec/repairs/response-content-missing.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const APP = "/groups/{groupId}/apps/{appId}";
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const op = (status: string, response: Record<string, unknown>) => ({
  responses: { [status]: { description: "d", ...response } },
});
const message = { $ref: "#/components/schemas/Message" };
const webhook = { $ref: "#/components/schemas/IncomingWebhook" };
const WEBHOOKS = `${APP}/services/{serviceId}/incoming_webhooks`;

const known = (withContent: boolean) =>
  openapi({
    paths: {
      [`${APP}/export`]: {
        get: op(
          "200",
          withContent
            ? { content: { "application/zip": { schema: { type: "string", format: "binary" } } } }
            : {},
        ),
      },
      [`${APP}/services/{serviceId}/commands/{commandName}`]: {
        post: op(
          "200",
          withContent
            ? json({ description: "The command's result; its shape depends on the command." })
            : {},
        ),
      },
      [`${APP}/user_registrations/by_email/{email}/send_confirm`]: {
        post: op(
          "200",
          withContent
            ? json({
                type: "object",
                properties: {
                  token: {
                    type: "string",
                    description: "The confirmation token sent to the user.",
                  },
                  token_id: { type: "string", description: "The ID of the confirmation token." },
                },
              })
            : {},
        ),
      },
    },
  });

const resources = (withContent: boolean) =>
  openapi({
    paths: {
      [`${APP}/push/notifications`]: {
        get: op("200", json({ type: "array", items: message })),
        post: op("201", withContent ? json(message) : {}),
      },
      [`${APP}/push/notifications/{messageId}`]: { get: op("200", json(message)) },
      [WEBHOOKS]: {
        get: op("200", json({ type: "array", items: webhook })),
        post: op("201", withContent ? json(webhook) : {}),
      },
      [`${WEBHOOKS}/{incomingWebhookId}`]: { get: op("200", withContent ? json(webhook) : {}) },
    },
  });

/** Versions 000-021 (app and provider creates), 000-126 (service config), 108-136 (endpoints). */
const historical = (withContent: boolean) =>
  openapi({
    paths: {
      "/groups/{groupId}/apps": { post: op("201", withContent ? json(app) : {}) },
      "/groups/{groupId}/apps/{appId}": { get: op("200", json(app)) },
      [`${APP}/auth_providers`]: { post: op("201", withContent ? json(provider) : {}) },
      [`${APP}/auth_providers/{providerId}`]: { get: op("200", json(provider)) },
      [`${APP}/security/private_endpoints`]: { post: op("201", withContent ? json(endpoint) : {}) },
      [`${APP}/security/private_endpoints/{privateEndpointId}`]: { get: op("200", json(endpoint)) },
      [`${APP}/services/{serviceId}/config`]: {
        get: op(
          "200",
          withContent ? json({ type: "object", description: "The service's configuration." }) : {},
        ),
      },
    },
  });
const app = { $ref: "#/components/schemas/Application" };
const provider = { $ref: "#/components/schemas/AuthProvider" };
const endpoint = { $ref: "#/components/schemas/PrivateEndpoint" };

const unknownBodies = openapi({
  paths: {
    [`${APP}/services/{serviceId}/rules/{ruleId}`]: { put: op("200", {}) },
    [`${APP}/multi_data_sources`]: { post: op("201", {}) },
    [`${APP}/things`]: { delete: op("204", {}) },
    // A create that is not listed gets nothing, even where a read would say what it returns.
    [`${APP}/widgets`]: { post: op("201", {}) },
    [`${APP}/widgets/{widgetId}`]: { get: op("200", json(message)) },
    [`${APP}/other`]: { get: { responses: { "200": { $ref: "#/components/responses/R" } } } },
  },
});

repairTable(
  responseContentMissing,
  [
    {
      name: "export zip, command result and confirmation token",
      given: known(false),
      want: known(true),
      fixes: [
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1export/get/responses/200",
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1services~1{serviceId}~1commands~1{commandName}/post/responses/200",
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1user_registrations~1by_email~1{email}~1send_confirm/post/responses/200",
      ],
    },
    {
      name: "creates and reads return the resource (from GET one, else the list's items)",
      given: resources(false),
      want: resources(true),
      fixes: [
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1push~1notifications/post/responses/201",
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1services~1{serviceId}~1incoming_webhooks/post/responses/201",
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1services~1{serviceId}~1incoming_webhooks~1{incomingWebhookId}/get/responses/200",
      ],
    },
    {
      name: "historical creates and the service config (000-136)",
      given: historical(false),
      want: historical(true),
      fixes: [
        "#/paths/~1groups~1{groupId}~1apps/post/responses/201",
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1auth_providers/post/responses/201",
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1security~1private_endpoints/post/responses/201",
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1services~1{serviceId}~1config/get/responses/200",
      ],
    },
  ],
  [known(true), resources(true), historical(true), unknownBodies],
);
