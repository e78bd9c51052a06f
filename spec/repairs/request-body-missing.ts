/**
 * request-body-missing (semantic)
 *
 * What is wrong: writes that take a JSON document declare no request body in any of the 146
 * versions, so a typed call cannot send the change it exists for: `updateFunction`,
 * `updateValue`, `updateService`, `updateMessage` (PUT/PATCH the resource) and `runCommand` (the
 * command's arguments). Of the 22 PUT/PATCH/POST operations without a body in the pinned spec, these
 * five carry one; the other 17 are listed in spec/EVIDENCE.md with why they stay bodiless.
 *
 * Evidence: the Stitch admin client sends each of these bodies (`src/admin.js`), and its
 * integration tests, run against the real server, update functions, values and push messages with
 * the resource document and run service commands with their arguments; `FunctionResource.update`
 * of the later TypeScript client does the same (DESIGN "Sources of truth").
 *
 * Repair: the operation gets `requestBody: {content: {application/json: {schema}}}`, the schema
 * being the resource's own constructor schema where the spec has one (skipped when that schema is
 * absent in a version), else a free-form object.
 * Touches: `#/paths/<path>/<method>/requestBody` of each operation in FACTS.
 */
import { type Evidence, fact, STITCH_CORE, stitch } from "../evidence.js";
import { isObject, type HttpMethod, type JsonObject } from "../json.js";
import { childPointer, getAt } from "../pointer.js";
import type { Repair } from "../repair.js";
import { APP_PATH, insertAfter, operationAt } from "./shared.js";

interface Missing {
  path: string;
  method: HttpMethod;
  /** A component schema name, or a free-form object schema. */
  schema: string | JsonObject;
  required: boolean;
  description: string;
  evidence: Evidence[];
}

const MISSING: Missing[] = [
  {
    path: `${APP_PATH}/functions/{functionId}`,
    method: "put",
    schema: "FunctionConstructor",
    required: true,
    description: "The function's new configuration and source.",
    evidence: [
      stitch("src/admin.js", "functions().function(id).update(data) PUTs the function as JSON"),
      stitch(
        "test/admin/functions.test.js",
        '"updating function should work" sends {name, source}',
      ),
      {
        kind: "stitch-sdk",
        ref: `${STITCH_CORE}/functions/FunctionsResources.ts: FunctionResource.update(data) PUTs it`,
      },
    ],
  },
  {
    path: `${APP_PATH}/values/{valueId}`,
    method: "put",
    schema: "ValueConstructor",
    required: true,
    description: "The value's new definition.",
    evidence: [
      stitch("src/admin.js", "values().value(id).update(data) PUTs the value as JSON"),
      stitch(
        "test/admin/values.test.js",
        '"can update a value" PUTs the value it created, changed',
      ),
    ],
  },
  {
    path: `${APP_PATH}/services/{serviceId}`,
    method: "patch",
    schema: {
      type: "object",
      description: "The service fields to change (the spec does not describe them).",
    },
    required: true,
    description: "The changes to the service.",
    evidence: [stitch("src/admin.js", "services().service(id).update(data) PATCHes JSON")],
  },
  {
    path: `${APP_PATH}/services/{serviceId}/commands/{commandName}`,
    method: "post",
    schema: {
      type: "object",
      description: "The command's arguments; which ones depends on the command.",
    },
    required: false,
    description: "The command's arguments.",
    evidence: [
      stitch("src/admin.js", "services().service(id).runCommand(name, data) POSTs data as JSON"),
      stitch("test/admin/service.test.js", "runCommand('list_collections', {database_name})"),
    ],
  },
  {
    path: `${APP_PATH}/push/notifications/{messageId}`,
    method: "put",
    schema: "NewMessage",
    required: true,
    description: "The push notification's new content.",
    evidence: [
      stitch("src/admin.js", "pushNotification(id).update(data) PUTs the message as JSON"),
      stitch(
        "test/admin/push.test.js",
        '"updating push notification should work" PUTs the message',
      ),
    ],
  },
];

const pointerOf = (m: Missing) => childPointer("#/paths", m.path, m.method, "requestBody");

export const requestBodyMissing: Repair = {
  id: "request-body-missing",
  defects: ["request-body-missing"],
  title:
    "Writes that send a JSON document (function, value, service, message updates; commands) get their request body",
  inPinned: true,
  facts: MISSING.map((m) =>
    fact(
      pointerOf(m),
      `body ${typeof m.schema === "string" ? m.schema : "free-form object"}${m.required ? "" : " (optional)"}`,
      m.evidence,
    ),
  ),
  apply(doc, ctx) {
    for (const m of MISSING) {
      const found = operationAt(doc, m.path, m.method);
      if (!found || "requestBody" in found.op) continue;
      const ref = `#/components/schemas/${String(m.schema)}`;
      if (typeof m.schema === "string" && !isObject(getAt(doc, ref))) continue;
      const schema = typeof m.schema === "string" ? { $ref: ref } : structuredClone(m.schema);
      insertAfter(found.op, beforeResponses(found.op), "requestBody", {
        description: m.description,
        required: m.required,
        content: { "application/json": { schema } },
      });
      ctx.fixed(
        pointerOf(m),
        `request body added (${typeof m.schema === "string" ? m.schema : "object"})`,
      );
    }
  },
};

/** The key the body goes after: the last one before `responses`, as the spec writes bodies. */
function beforeResponses(op: JsonObject): string | undefined {
  const keys = Object.keys(op);
  const at = keys.indexOf("responses");
  return at > 0 ? keys[at - 1] : undefined;
}
