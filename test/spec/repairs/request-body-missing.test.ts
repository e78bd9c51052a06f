import { childPointer } from "../../../spec/pointer.js";
import { requestBodyMissing } from "../../../spec/repairs/request-body-missing.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const APP = "/groups/{groupId}/apps/{appId}";
const FUNCTION = `${APP}/functions/{functionId}`;
const VALUE = `${APP}/values/{valueId}`;
const SERVICE = `${APP}/services/{serviceId}`;
const COMMAND = `${SERVICE}/commands/{commandName}`;
const MESSAGE = `${APP}/push/notifications/{messageId}`;
const ok = { "200": { description: "ok" } };
const schemas = { FunctionConstructor: {}, ValueConstructor: {}, NewMessage: {} };
const body = (schema: unknown, required: boolean, description: string) => ({
  description,
  required,
  content: { "application/json": { schema } },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const spec = (withBodies: boolean, components: Record<string, unknown> = schemas) => {
  const op = (b: unknown) => ({
    operationId: "x",
    ...(withBodies && b ? { requestBody: b } : {}),
    responses: ok,
  });
  return openapi({
    paths: {
      [FUNCTION]: {
        get: { responses: ok },
        put: op(
          body(ref("FunctionConstructor"), true, "The function's new configuration and source."),
        ),
      },
      [VALUE]: { put: op(body(ref("ValueConstructor"), true, "The value's new definition.")) },
      [SERVICE]: {
        patch: op(
          body(
            {
              type: "object",
              description: "The service fields to change (the spec does not describe them).",
            },
            true,
            "The changes to the service.",
          ),
        ),
      },
      [COMMAND]: {
        post: op(
          body(
            {
              type: "object",
              description: "The command's arguments; which ones depends on the command.",
            },
            false,
            "The command's arguments.",
          ),
        ),
      },
      [MESSAGE]: { put: op(body(ref("NewMessage"), true, "The push notification's new content.")) },
      [`${APP}/users/{userId}/enable`]: { put: { responses: { "204": { description: "ok" } } } },
    },
    components: { schemas: components },
  });
};

const at = (path: string, method: string) => childPointer("#/paths", path, method, "requestBody");

repairTable(
  requestBodyMissing,
  [
    {
      name: "the five writes get their body; a bodiless enable stays bodiless",
      given: spec(false),
      want: spec(true),
      fixes: [
        at(FUNCTION, "put"),
        at(VALUE, "put"),
        at(SERVICE, "patch"),
        at(COMMAND, "post"),
        at(MESSAGE, "put"),
      ],
    },
    {
      name: "a version without the constructor schemas gets only the free-form bodies",
      given: spec(false, {}),
      want: (() => {
        const doc = spec(false, {});
        const full = spec(true, {});
        const paths = doc.paths as Record<string, Record<string, unknown>>;
        const fullPaths = full.paths as Record<string, Record<string, unknown>>;
        paths[SERVICE] = fullPaths[SERVICE]!;
        paths[COMMAND] = fullPaths[COMMAND]!;
        return doc;
      })(),
      fixes: [at(SERVICE, "patch"), at(COMMAND, "post")],
    },
  ],
  [spec(true), openapi({ paths: { [FUNCTION]: { get: { responses: ok } } } })],
);
