/**
 * Findings: what the repaired spec still leaves unsaid that no evidence settles. They are not lint
 * errors (the spec is valid), but a client cannot be typed right until someone finds out, so
 * `npm run spec:lint` prints each with its JSON pointer.
 */
import { isObject, type OpenApiDocument } from "./json.js";
import { childPointer } from "./pointer.js";
import { eachOperation } from "./walk.js";

export interface Finding {
  pointer: string;
  message: string;
}

/**
 * Every 2xx response other than 204 that declares no content: the server may well send a body,
 * but without evidence of its shape the response stays untyped (response-content-missing repairs
 * only the ones whose body is known).
 */
export function responseBodyFindings(doc: OpenApiDocument): Finding[] {
  const findings: Finding[] = [];
  eachOperation(doc, (op, site) => {
    if (!isObject(op.responses)) return;
    for (const [status, response] of Object.entries(op.responses)) {
      if (!/^2\d\d$/.test(status) || status === "204" || !isObject(response)) continue;
      if ("content" in response || "$ref" in response) continue;
      const id = typeof op.operationId === "string" ? ` (${op.operationId})` : "";
      findings.push({
        pointer: childPointer(site.pointer, "responses", status),
        message: `${site.method.toUpperCase()} ${site.path} ${status}${id}: no content declared and no evidence of the body; its result stays untyped`,
      });
    }
  });
  return findings;
}
