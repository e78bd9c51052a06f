import type { RunningEmulator } from "../../packages/emulator/index.js";
import { objectIdFrom } from "../../packages/emulator/ids.js";
import type { OperationSchema } from "../../packages/emulator/operation-schemas.js";
import type { SchemaRegistry } from "../../packages/emulator/schema-registry.js";
import { checkResponse } from "../../packages/emulator/response-check.js";
import { answerStatus, successResponse } from "../../packages/emulator/responses.js";
import { synthesizeValid } from "./synthesize.js";
import { call, type Answer } from "./helpers.js";

/** A request that satisfies an operation's schemas, built from the schemas themselves. */
export interface ValidRequest {
  method: string;
  path: string;
  body?: unknown;
  /** A multipart/form-data body: one small file per binary property. */
  form?: FormData;
}

/** Bodies the schemas allow but the server's own rules refuse (an email, a Value's name). */
const BODIES: Record<string, unknown> = {
  adminCreateUser: { email: "someone@example.com", password: "secret-password" },
  adminCreateValue: { name: "conformance", private: false, value: 1 },
  // A free-form type string would be a service of no kind the configuration formats know.
  adminCreateService: { name: "conformance_svc", type: "twilio", config: { sid: "sid" } },
};

/** Builds a schema-valid request for `op` against the emulator's seeded project and app. */
export function validRequest(
  emu: RunningEmulator,
  registry: SchemaRegistry,
  id: string,
  op: OperationSchema,
): ValidRequest {
  const resolve = (ref: string) => registry.resolveRef(ref);
  let path = op.path;
  const query = new URLSearchParams();
  for (const p of op.parameters ?? []) {
    if (p.in === "path") {
      const choices = (p.schema as { enum?: unknown[] } | undefined)?.enum;
      const value =
        p.name === "groupId"
          ? emu.groupId
          : p.name === "appId"
            ? emu.appId
            : p.name === "email"
              ? "someone@example.com"
              : choices
                ? String(choices[0])
                : objectIdFrom(`${id}:${p.name}`);
      path = path.replace(`{${p.name}}`, encodeURIComponent(value));
    } else if (p.in === "query" && p.required) {
      const check = registry.check(`${id}:q:${p.name}`, p.schema ?? {});
      query.set(
        p.name,
        String(synthesizeValid(p.schema ?? {}, `${id}:${p.name}`, { resolve, check })),
      );
    }
  }
  const qs = query.toString();
  const request: ValidRequest = { method: op.method, path: qs ? `${path}?${qs}` : path };
  const rb = op.requestBody;
  if (BODIES[id]) {
    request.body = BODIES[id];
    return request;
  }
  if (rb?.schema && (rb.mediaType ?? "application/json").includes("json")) {
    const check = registry.check(`${id}:body`, rb.schema);
    request.body = synthesizeValid(rb.schema, `${id}:request`, { resolve, check });
    const problem = check(request.body);
    if (problem)
      throw new Error(
        `${id}: cannot build a valid request body (${problem.path} ${problem.message})`,
      );
  }
  if (rb?.schema && rb.mediaType === "multipart/form-data") request.form = formBody(rb.schema);
  return request;
}

/** A form with a small file for each binary property and a string for every other one. */
function formBody(schema: unknown): FormData {
  const form = new FormData();
  const properties = (schema as { properties?: Record<string, { format?: string }> }).properties;
  for (const [name, property] of Object.entries(properties ?? {})) {
    if (property.format === "binary") form.append(name, new Blob(["{}"]), `${name}.json`);
    else form.append(name, "x");
  }
  return form;
}

/**
 * Whether an answer that fails `checkAnswer`'s check is one the made-up request earns: its ids
 * name nothing stored (404, or 409 for a name taken), some operations need a real cluster (501
 * from the emulator), a made-up user token does not verify, and a function that is not there
 * cannot run.
 */
export function expectedRefusal(id: string, answer: Answer): boolean {
  const error = typeof answer.body?.error === "string";
  return (
    ((answer.status === 404 || answer.status === 409) && error) ||
    (answer.status === 501 && answer.body?.error_code === "NotSupportedByEmulator") ||
    (answer.status === 401 && id === "adminVerifyUserAccessToken") ||
    (answer.status === 400 &&
      (id === "adminExecuteFunction" || id === "adminExecuteFunctionSource"))
  );
}

/** Sends the request and says what is wrong with the answer, if anything. */
export async function checkAnswer(
  emu: RunningEmulator,
  registry: SchemaRegistry,
  token: string,
  id: string,
  op: OperationSchema,
): Promise<{ problem?: string; answer: Answer }> {
  const request = validRequest(emu, registry, id, op);
  const answer = await call(emu, request.method, request.path, {
    token,
    ...(request.form ? { body: request.form } : { json: request.body }),
  });
  const status = answerStatus(id, op);
  if (answer.status !== status)
    return { problem: `${id}: status ${answer.status}, want ${status}: ${answer.text}`, answer };
  const { response } = successResponse(op);
  const json = (answer.headers.get("content-type") ?? "").includes("json");
  const reply = json
    ? { status, body: answer.body }
    : { status, raw: { bytes: new Uint8Array(), contentType: "" } };
  const problem = checkResponse(registry, id, op, reply);
  if (problem) return { problem, answer };
  if (!response.schema && answer.text !== "")
    return { problem: `${id}: declared no content, got ${answer.text.slice(0, 100)}`, answer };
  return { answer };
}
