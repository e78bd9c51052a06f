/**
 * The 2xx responses without content whose body is known (response-content-missing), each with
 * its evidence. A response not listed here stays without content and is a spec:lint finding.
 */
import { cli, type Evidence, history, STITCH_CORE, stitch } from "../evidence.js";
import type { HttpMethod, JsonObject } from "../json.js";
import { APP_PATH } from "./shared.js";

export interface KnownResponse {
  path: string;
  method: HttpMethod;
  status: string;
  media: string;
  /** A fixed body schema, or … */
  schema?: JsonObject;
  /** … the path whose GET declares the resource (its 200 schema, or that list's items). */
  schemaOf?: string;
  evidence: Evidence[];
  /** Whether the pinned spec lacks this content (else only historical versions do). */
  inPinned: boolean;
}

const json = "application/json";

export const RESPONSES: readonly KnownResponse[] = [
  {
    path: "/groups/{groupId}/apps",
    method: "post",
    status: "201",
    media: json,
    schemaOf: "/groups/{groupId}/apps/{appId}",
    evidence: [
      cli("cloud/realm/app.go", "CreateApp expects 201 and decodes the created App"),
      history("022-146", "declare the created app"),
    ],
    inPinned: false,
  },
  {
    path: `${APP_PATH}/auth_providers`,
    method: "post",
    status: "201",
    media: json,
    schemaOf: `${APP_PATH}/auth_providers/{providerId}`,
    evidence: [
      stitch("test/admin/authProviders.test.js", "reads the created provider's _id and type"),
      history("022-146", "declare the created provider"),
    ],
    inPinned: false,
  },
  {
    path: `${APP_PATH}/push/notifications`,
    method: "post",
    status: "201",
    media: json,
    schemaOf: `${APP_PATH}/push/notifications/{messageId}`,
    evidence: [
      stitch(
        "test/admin/push.test.js",
        '"creating push notifications should work" reads the created message\'s state',
      ),
    ],
    inPinned: true,
  },
  {
    path: `${APP_PATH}/services/{serviceId}/incoming_webhooks`,
    method: "post",
    status: "201",
    media: json,
    schemaOf: `${APP_PATH}/services/{serviceId}/incoming_webhooks`,
    evidence: [
      stitch(
        "test/admin/service.test.js",
        '"creating an incoming webhook should work" compares the created _id and name with the list',
      ),
    ],
    inPinned: true,
  },
  {
    path: `${APP_PATH}/services/{serviceId}/incoming_webhooks/{incomingWebhookId}`,
    method: "get",
    status: "200",
    media: json,
    schemaOf: `${APP_PATH}/services/{serviceId}/incoming_webhooks`,
    evidence: [
      stitch(
        "test/admin/service.test.js",
        '"fetching an incoming webhook should work" reads its _id and name',
      ),
    ],
    inPinned: true,
  },
  {
    path: `${APP_PATH}/security/private_endpoints`,
    method: "post",
    status: "201",
    media: json,
    schemaOf: `${APP_PATH}/security/private_endpoints/{privateEndpointId}`,
    evidence: [history("137-146", "declare the created PrivateEndpoint")],
    inPinned: false,
  },
  {
    path: `${APP_PATH}/services/{serviceId}/config`,
    method: "get",
    status: "200",
    media: json,
    schema: { type: "object", description: "The service's configuration." },
    evidence: [
      stitch(
        "test/admin/service.test.js",
        '"fetching service config should work" gets {accessKeyId, region}',
      ),
    ],
    inPinned: false,
  },
  {
    path: `${APP_PATH}/export`,
    method: "get",
    status: "200",
    media: "application/zip",
    schema: { type: "string", format: "binary" },
    evidence: [
      cli("cloud/realm/export.go", "Export reads the body as a zip named by Content-Disposition"),
      stitch("src/admin.js", "export() asks for Accept: application/zip"),
    ],
    inPinned: true,
  },
  {
    path: `${APP_PATH}/services/{serviceId}/commands/{commandName}`,
    method: "post",
    status: "200",
    media: json,
    schema: { description: "The command's result; its shape depends on the command." },
    evidence: [
      stitch("test/admin/service.test.js", "runCommand('list_databases') returns a list of names"),
    ],
    inPinned: true,
  },
  {
    path: `${APP_PATH}/user_registrations/by_email/{email}/send_confirm`,
    method: "post",
    status: "200",
    media: json,
    schema: {
      type: "object",
      properties: {
        token: { type: "string", description: "The confirmation token sent to the user." },
        token_id: { type: "string", description: "The ID of the confirmation token." },
      },
    },
    evidence: [
      {
        kind: "stitch-sdk",
        ref: `${STITCH_CORE}/userRegistrations/UserRegistrationsResources.ts: ConfirmationEmail {token, token_id} decoded from sendConfirmation`,
      },
    ],
    inPinned: true,
  },
];
