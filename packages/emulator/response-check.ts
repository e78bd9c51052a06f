import type { Reply } from "./http.js";
import type { OperationSchema } from "./operation-schemas.js";
import { STATUS_EVIDENCE } from "./responses.js";
import type { SchemaRegistry } from "./schema-registry.js";

/**
 * Answers where the emulator follows the real server against the spec, by operationId, with the
 * evidence: the response check accepts them. (A repaired spec that agrees makes an entry moot.)
 */
export const RESPONSE_EVIDENCE: Record<
  string,
  { status?: number; anyBody?: boolean; evidence: string }
> = {
  getAdminProfile: {
    anyBody: true,
    evidence:
      "an admin's identity has provider_type 'mongodb-cloud' (its login is /auth/providers/mongodb-cloud/login); the spec's ProviderType lists app-user providers only",
  },
  getAdminAuthProviders: {
    anyBody: true,
    evidence:
      "admin login providers ('mongodb-cloud') are not the app-user ProviderType enum the spec reuses",
  },
};

/**
 * What is wrong with a reply against its operation's declared responses, if anything: an
 * undeclared success status, or a JSON body its schema rejects (naming the JSON pointer).
 */
export function checkResponse(
  registry: SchemaRegistry,
  id: string,
  op: OperationSchema,
  reply: Reply,
): string | undefined {
  // Error answers have their own shape; a zip (export, pull as zip) is no JSON to check.
  if (reply.status >= 300 || reply.raw) return undefined;
  const known = RESPONSE_EVIDENCE[id];
  if (known?.anyBody) return undefined;
  const declared = op.responses?.[String(reply.status)];
  const allowed = reply.status === STATUS_EVIDENCE[id]?.status || reply.status === known?.status;
  if (!declared && !allowed) {
    const statuses = Object.keys(op.responses ?? {}).join(", ") || "none";
    return `${id}: status ${reply.status} is not declared (declared: ${statuses})`;
  }
  if (!declared?.schema || reply.body === undefined) return undefined;
  const problem = registry.check(`${id}:${reply.status}`, declared.schema)(reply.body);
  if (!problem) return undefined;
  return `${id}: response ${problem.path || "(root)"} ${problem.message}: ${JSON.stringify(reply.body).slice(0, 300)}`;
}
