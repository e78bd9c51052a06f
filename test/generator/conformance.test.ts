/**
 * Request conformance: every operation of the pinned spec, called through the generated namespaces
 * with synthesised schema-valid arguments, must put on the wire exactly what the repaired spec
 * describes (method, path with encoded parameters, query names and values, content type, body),
 * and the 2xx body must come back as the result. Arguments are synthesised from
 * generated/operation-schemas.json, but every check is made against the repaired spec itself
 * (its schemas compiled with ajv where they stand in the document), so a generator bug that shows
 * up in both the client and that file cannot validate itself. operation-schemas.test.ts checks
 * that file against the spec.
 */
import createClient from "openapi-fetch";
import { beforeAll, describe, expect, it } from "vitest";
import { createNamespaces, type Invoke, type OperationInfo } from "../../generated/client.js";
import { sendOperation } from "../../generated/contract.js";
import { operations } from "../../generated/operation-table.js";
import type { paths } from "../../generated/schema.js";
import { repairedPinnedSpec } from "../../spec/pipeline.js";
import { parseMultipart } from "./helpers/multipart.js";
import { sample, type SampleContext } from "./helpers/sample.js";
import { specOperations, type SpecParameter } from "./helpers/spec-operations.js";
import { specView } from "./helpers/spec-view.js";
import { DocumentValidators } from "./helpers/validators.js";
import { operationSchemas } from "./helpers/operation-schemas.js";

const document = operationSchemas;
/** For synthesis only: the sampler picks union branches with these. */
const ops = new DocumentValidators(
  document,
  "https://appservices-admin.test/operation-schemas.json",
);
/**
 * For every check: the repaired spec, as OpenAPI 3.1 (JSON Schema 2020-12) schemas, seen as a
 * request (a required readOnly property is not required; see spec-view.ts).
 */
const repaired = repairedPinnedSpec().doc;
const spec = new DocumentValidators(
  specView(repaired, "write"),
  "https://appservices-admin.test/repaired-spec.json",
);
const fromSpec = specOperations(repaired);

const BASE = "https://admin.test/api/admin/v3.0";
// Awkward on purpose: a space, a slash, a non-ASCII letter and URL delimiters must all be encoded.
const PATH_TEXT = "a b/é?#%";
const QUERY_TEXT = "q &=é+";

describe("request conformance of every pinned operation", () => {
  beforeAll(() => {
    // The table, the schemas file and the repaired pinned spec must agree on the operation set.
    const ids = [...fromSpec.keys()].sort();
    expect(operations.map((o) => o.operationId).sort()).toEqual(ids);
    expect(Object.keys(document.operations).sort()).toEqual(ids);
  });

  it.each(operations.map((info) => ({ id: info.operationId, info })))("$id", async ({ info }) => {
    const schema = document.operations[info.operationId]!;
    const declared = fromSpec.get(info.operationId)!;
    const ctx = (text: string): SampleContext => ({
      components: document.components.schemas,
      sections: document.components,
      text,
      compile: (s) => ops.of(s as object),
    });
    const specParam = (name: string, where: string) => {
      const p = declared.parameters.find((q) => q.name === name && q.in === where);
      expect(p, `${where} parameter ${name} is declared by the spec`).toBeDefined();
      return p!;
    };

    const params: Record<string, unknown> = {};
    // Of each exactly-one-of group only the first name is given.
    const leftOut = new Set(schema.exactlyOneOf?.flatMap((group) => group.slice(1)));
    for (const p of schema.parameters) {
      if (leftOut.has(p.name)) continue;
      const value = sample(p.schema, ctx(p.in === "path" ? PATH_TEXT : QUERY_TEXT));
      const validate = spec.at(specParam(p.name, p.in).schemaPointer);
      expect(validate(value), `${p.name} sample: ${JSON.stringify(validate.errors)}`).toBe(true);
      params[p.name] = value;
    }
    let body: unknown;
    if (schema.requestBody?.schema) {
      body = sample(schema.requestBody.schema, ctx("text"));
      const bodySchema = declared.requestBody?.content[schema.requestBody.mediaType];
      if (bodySchema && !schema.requestBody.mediaType.startsWith("multipart/")) {
        const validate = spec.at(bodySchema);
        expect(validate(body), `body sample: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
      params.body = body;
    }

    const [status, response] = Object.entries(schema.responses).find(([s]) => s.startsWith("2"))!;
    const responseBody =
      response.schema && response.mediaType?.includes("json")
        ? sample(response.schema, ctx("reply"))
        : undefined;
    const responseBytes =
      response.mediaType && !response.mediaType.includes("json")
        ? new Uint8Array([80, 75, 3, 4, 0, 255])
        : undefined;
    let captured: Request | undefined;
    const client = createClient<paths>({
      baseUrl: BASE,
      fetch: async (request) => {
        captured = request;
        const payload =
          responseBody !== undefined ? JSON.stringify(responseBody) : (responseBytes ?? null);
        return new Response(Number(status) === 204 ? null : payload, {
          status: Number(status),
          headers: response.mediaType ? { "Content-Type": response.mediaType } : {},
        });
      },
    });
    const invoke: Invoke = async <T>(
      operation: OperationInfo,
      given: Readonly<Record<string, unknown>>,
    ) => {
      const result = await sendOperation(client, operation, given);
      expect(result.error, "the fake server answered 2xx").toBeUndefined();
      return result.data as T;
    };
    const namespaces = createNamespaces(invoke) as unknown as Record<
      string,
      Record<string, (p: unknown) => Promise<unknown>>
    >;
    const result = await namespaces[info.namespace]![info.name]!(params);

    // Method and path (the spec's), every path parameter percent-encoded in its place.
    const request = captured!;
    expect(request.method).toBe(declared.method);
    const url = new URL(request.url);
    const expectedPath = declared.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const p = specParam(name, "path");
      const validate = spec.at(p.schemaPointer);
      expect(validate(params[name]), `path ${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      return encodeURIComponent(String(params[name]));
    });
    expect(url.origin + url.pathname).toBe(BASE + expectedPath);

    // Query: only names the spec declares, every one it requires, each value valid once decoded.
    const query = new Map(
      declared.parameters.flatMap((p) => (p.in === "query" ? [[p.name, p]] : [])),
    );
    for (const name of new Set(url.searchParams.keys()))
      expect(query.has(name), `undeclared query ${name}`).toBe(true);
    const groups = declared.exactlyOneOf as string[][] | undefined;
    for (const group of groups ?? []) {
      const given = group.filter((name) => url.searchParams.has(name));
      expect(given, `exactly one of ${group.join(", ")}`).toHaveLength(1);
    }
    for (const [name, p] of query) {
      const values = url.searchParams.getAll(name);
      if (p.required) expect(values.length, `required query ${name}`).toBeGreaterThan(0);
      if (values.length === 0) continue;
      const decoded = decodeQuery(values, p);
      const validate = spec.at(p.schemaPointer);
      expect(
        validate(decoded),
        `query ${name}=${values.join(",")}: ${JSON.stringify(validate.errors)}`,
      ).toBe(true);
      expect(decoded).toEqual(params[name]);
    }

    // Content type and body against the spec's request body.
    const sent = Buffer.from(await request.arrayBuffer());
    const contentType = request.headers.get("content-type") ?? "";
    if (!declared.requestBody) {
      expect(sent.length, "no body for an operation without requestBody").toBe(0);
    } else if (sent.length > 0 || declared.requestBody.required) {
      const mediaType = contentType.split(";")[0]!;
      expect(Object.keys(declared.requestBody.content), "content type").toContain(mediaType);
      const wire = mediaType.startsWith("multipart/")
        ? fromMultipart(contentType, sent, body)
        : JSON.parse(sent.toString("utf8"));
      const bodySchema = declared.requestBody.content[mediaType];
      if (bodySchema) {
        const validate = spec.at(bodySchema);
        expect(validate(wire), JSON.stringify(validate.errors)).toBe(true);
      }
    }

    // The result is the 2xx body, parsed the way its media type needs.
    if (responseBytes) {
      expect(result).toBeInstanceOf(Blob);
      expect(new Uint8Array(await (result as Blob).arrayBuffer())).toEqual(responseBytes);
    } else {
      expect(result).toEqual(responseBody);
    }
  });
});

/** Query strings back to typed values, as the parameter's schema in the spec reads them. */
function decodeQuery(values: string[], param: SpecParameter): unknown {
  const typeOf = (s: Record<string, unknown>) =>
    Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  const one = (v: string, s: Record<string, unknown>): unknown => {
    const type = typeOf(s);
    if (type === "integer" || type === "number") return Number(v);
    if (type === "boolean" && (v === "true" || v === "false")) return v === "true";
    return v;
  };
  return typeOf(param.schema) === "array"
    ? values.map((v) => one(v, (param.schema.items ?? {}) as Record<string, unknown>))
    : one(values[0]!, param.schema);
}

/**
 * A multipart body back to an object: one property per part (named by its Content-Disposition),
 * JSON parts parsed, byte parts compared with what was sent and then read as text for the schema.
 */
function fromMultipart(contentType: string, bytes: Buffer, sent: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of parseMultipart(contentType, bytes)) {
    const name = /name="([^"]+)"/.exec(part.headers["content-disposition"] ?? "")?.[1];
    expect(name, "each part is named").toBeDefined();
    const original = (sent as Record<string, unknown>)[name!];
    if (part.headers["content-type"] === "application/json")
      out[name!] = JSON.parse(part.body.toString("utf8"));
    else {
      expect(part.headers["content-type"]).toBe("application/octet-stream");
      expect(new Uint8Array(part.body)).toEqual(original);
      out[name!] = part.body.toString("latin1");
    }
  }
  return out;
}
