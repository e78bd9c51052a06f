/**
 * response-content-missing (D12, semantic)
 *
 * What is wrong: 2xx responses other than 204 declare no `content` although the server sends a
 * body (13 in the pinned spec, up to 17 per version), so generated clients type the result as "no
 * body". Each response whose body is known is listed in RESPONSES with its evidence; any other is
 * left alone and reported by `npm run spec:lint` as a finding (spec/findings.ts), never inferred.
 *
 * Evidence: per response, in RESPONSES (the clients that read these bodies, or the later spec
 * versions that declare them).
 *
 * Repair: the response gets `content: {<media>: {schema}}`: a fixed schema, or the resource schema
 * of the named read operation (its 200 JSON schema; the item schema where that is a list).
 * Touches: `#/paths/<path>/<method>/responses/<status>` of each response in RESPONSES.
 */
import { fact } from "../evidence.js";
import { isObject, type JsonObject, type OpenApiDocument } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { RESPONSES, type KnownResponse } from "./known-responses.js";
import { jsonSchemaOf, operationAt } from "./shared.js";

const targetOf = (r: KnownResponse) =>
  childPointer("#/paths", r.path, r.method, "responses", r.status);

export const responseContentMissing: Repair = {
  id: "response-content-missing",
  defects: ["D12"],
  title: "2xx responses whose body is known get its content; the others become lint findings",
  inPinned: true,
  facts: RESPONSES.map((r) =>
    fact(
      targetOf(r),
      `content ${r.media}: ${r.schemaOf ? `the resource of GET ${r.schemaOf.replace(/^\/groups\/\{groupId\}\/apps\/\{appId\}(?=\/)/, "…")}` : "as listed"}`,
      r.evidence,
      r.inPinned,
    ),
  ),
  apply(doc, ctx) {
    for (const r of RESPONSES) {
      const found = operationAt(doc, r.path, r.method);
      const responses = found?.op.responses;
      const response = isObject(responses) ? responses[r.status] : undefined;
      if (!isObject(response) || "content" in response || "$ref" in response) continue;
      const schema = r.schema ? structuredClone(r.schema) : resourceOf(doc, r.schemaOf!);
      if (!schema) continue;
      response.content = { [r.media]: { schema } };
      ctx.fixed(targetOf(r), `content ${r.media} added`);
    }
  },
};

/** The 200 JSON schema of `GET path`, or its item schema when it is a list. */
function resourceOf(doc: OpenApiDocument, path: string): JsonObject | undefined {
  const found = operationAt(doc, path, "get");
  const responses = found?.op.responses as Record<string, unknown> | undefined;
  const schema = found ? jsonSchemaOf(responses?.["200"], found.pointer)?.schema : undefined;
  if (schema?.type === "array")
    return isObject(schema.items) ? structuredClone(schema.items) : undefined;
  return schema ? structuredClone(schema) : undefined;
}
