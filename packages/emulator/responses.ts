import type { Reply } from "./http.js";
import type { OperationSchema, ResponseSchema } from "./operation-schemas.js";
import type { SchemaRegistry } from "./schema-registry.js";
import { shape, type ShapeOptions } from "./shape.js";

/** The success response an operation answers with: its lowest 2xx (200, or 204 for DELETE, when none is declared). */
export function successResponse(op: OperationSchema): { status: number; response: ResponseSchema } {
  let found = successes.get(op);
  if (!found) successes.set(op, (found = firstSuccess(op)));
  return found;
}

const successes = new WeakMap<OperationSchema, { status: number; response: ResponseSchema }>();

function firstSuccess(op: OperationSchema): { status: number; response: ResponseSchema } {
  const code = Object.keys(op.responses ?? {})
    .filter((c) => /^2\d\d$/.test(c))
    .sort()[0];
  if (code === undefined) return { status: op.method === "DELETE" ? 204 : 200, response: {} };
  return { status: Number(code), response: op.responses![code]! };
}

/**
 * Statuses where the real server is known to differ from the spec's declared success status.
 * Keyed by operationId; each names its evidence. (A repaired spec that agrees makes an entry moot.)
 */
export const STATUS_EVIDENCE: Record<string, { status: number; evidence: string }> = {
  adminUpdateValue: {
    status: 204,
    evidence:
      "the emulator's earlier, hand-written Values model (kept): an update answers no content; spec 200",
  },
  adminImportApplication: {
    status: 204,
    evidence:
      "realm-cli internal/cloud/realm/import.go: Import expects http.StatusNoContent; only diff=true answers 200 (Diff expects http.StatusOK)",
  },
};

/** The status the emulator answers an operation's success with (the spec's, unless evidence differs). */
export function answerStatus(id: string, op: OperationSchema): number {
  return STATUS_EVIDENCE[id]?.status ?? successResponse(op).status;
}

/**
 * The reply to an operation from stored state: its success status (or `status`), and the data
 * shaped by the response schema when the operation declares a JSON body, else no body at all.
 */
export function replyFor(
  registry: SchemaRegistry | undefined,
  id: string,
  op: OperationSchema,
  data: unknown,
  status?: number,
  options: Pick<ShapeOptions, "open"> = {},
): Reply {
  const success = successResponse(op);
  const code = status ?? STATUS_EVIDENCE[id]?.status ?? success.status;
  const response = op.responses?.[String(code)] ?? success.response;
  if (!response.schema || !(response.mediaType ?? "").includes("json") || code === 204)
    return { status: code };
  if (!registry) return { status: code, body: data };
  const check = registry.check(`${id}:${code}`, response.schema);
  return {
    status: code,
    body: shape(response.schema, data, (r) => registry.resolveRef(r), { check, ...options }),
  };
}
