/**
 * Request conformance: every operation of the pinned spec, called through the generated namespaces
 * with synthesised schema-valid arguments, must put on the wire exactly what the repaired spec
 * describes (method, path with encoded parameters, query names and values, content type, body),
 * checked with ajv against generated/operation-schemas.json; and the 2xx body must come back as
 * the result.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import createClient from "openapi-fetch";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createNamespaces,
  operations,
  type Invoke,
  type OperationInfo,
} from "../../generated/client.js";
import type { paths } from "../../generated/schema.js";
import { repairedPinnedSpec } from "../../spec/pipeline.js";
import { projectRoot } from "../../spec/source.js";
import { eachOperation } from "../../spec/walk.js";
import { parseMultipart } from "./helpers/multipart.js";
import { sample, type SampleContext } from "./helpers/sample.js";

interface OperationSchema {
  method: string;
  path: string;
  parameters: {
    name: string;
    in: "path" | "query";
    required: boolean;
    schema: Record<string, unknown>;
  }[];
  requestBody?: { required: boolean; mediaType: string; schema?: Record<string, unknown> };
  responses: Record<string, { mediaType?: string; schema?: Record<string, unknown> }>;
}

const document = JSON.parse(
  readFileSync(join(projectRoot, "generated", "operation-schemas.json"), "utf8"),
) as {
  components: { schemas: Record<string, Record<string, unknown>> };
  operations: Record<string, OperationSchema>;
};
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(document, "ops");
const at = (pointer: string) => ajv.getSchema(`ops#${pointer}`)!;
const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();
/** Compiles a schema taken out of the document, its `#/components/...` refs pointed back into it. */
function compile(schema: object) {
  let validate = compiled.get(schema);
  if (!validate) {
    const rebased = JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"ops#/'));
    validate = ajv.compile(rebased);
    compiled.set(schema, validate);
  }
  return validate;
}

const BASE = "https://admin.test/api/admin/v3.0";
// Awkward on purpose: a space, a slash, a non-ASCII letter and URL delimiters must all be encoded.
const PATH_TEXT = "a b/é?#%";
const QUERY_TEXT = "q &=é+";

describe("request conformance of every pinned operation", () => {
  beforeAll(() => {
    // The table, the schemas file and the repaired pinned spec must agree on the operation set.
    const fromSpec: string[] = [];
    eachOperation(repairedPinnedSpec().doc, (op) => fromSpec.push(String(op.operationId)));
    expect(operations.map((o) => o.operationId).sort()).toEqual(fromSpec.sort());
    expect(Object.keys(document.operations).sort()).toEqual(fromSpec.sort());
  });

  it.each(operations.map((info) => ({ id: info.operationId, info })))("$id", async ({ info }) => {
    const schema = document.operations[info.operationId]!;
    const pointer = `/operations/${info.operationId}`;
    const ctx = (text: string): SampleContext => ({
      components: document.components.schemas,
      text,
      compile: (s) => compile(s as object),
    });

    const params: Record<string, unknown> = {};
    schema.parameters.forEach((p, i) => {
      const value = sample(p.schema, ctx(p.in === "path" ? PATH_TEXT : QUERY_TEXT));
      expect(at(`${pointer}/parameters/${i}/schema`)(value), `${p.name} sample`).toBe(true);
      params[p.name] = value;
    });
    let body: unknown;
    if (schema.requestBody?.schema) {
      body = sample(schema.requestBody.schema, ctx("text"));
      if (!schema.requestBody.mediaType.startsWith("multipart/")) {
        const validate = at(`${pointer}/requestBody/schema`);
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
      _info: OperationInfo,
      _params: unknown,
      send: () => Promise<{ data?: unknown; error?: unknown }>,
    ) => {
      const result = await send();
      expect(result.error, "the fake server answered 2xx").toBeUndefined();
      return result.data as T;
    };
    const namespaces = createNamespaces(client, invoke) as unknown as Record<
      string,
      Record<string, (p: unknown) => Promise<unknown>>
    >;
    const result = await namespaces[info.namespace]![info.name]!(params);

    // Method and path, every path parameter percent-encoded in its place.
    const request = captured!;
    expect(request.method).toBe(info.method);
    const url = new URL(request.url);
    const expectedPath = schema.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(String(params[name])),
    );
    expect(url.origin + url.pathname).toBe(BASE + expectedPath);

    // Query: only declared names, every required one, each value valid once decoded.
    const declared = new Map(
      schema.parameters.flatMap((p, i) => (p.in === "query" ? [[p.name, { p, i }] as const] : [])),
    );
    for (const name of new Set(url.searchParams.keys()))
      expect(declared.has(name), `undeclared query ${name}`).toBe(true);
    for (const [name, { p, i }] of declared) {
      const values = url.searchParams.getAll(name);
      if (p.required) expect(values.length, `required query ${name}`).toBeGreaterThan(0);
      if (values.length === 0) continue;
      const decoded = decodeQuery(values, p.schema);
      expect(
        at(`${pointer}/parameters/${i}/schema`)(decoded),
        `query ${name}=${values.join(",")}`,
      ).toBe(true);
      expect(decoded).toEqual(params[name]);
    }

    // Content type and body against the request body schema.
    const sent = Buffer.from(await request.arrayBuffer());
    if (!schema.requestBody) {
      expect(sent.length, "no body for an operation without requestBody").toBe(0);
    } else {
      const contentType = request.headers.get("content-type") ?? "";
      const mediaType = schema.requestBody.mediaType;
      expect(contentType.split(";")[0]).toBe(mediaType);
      const wire = mediaType.startsWith("multipart/")
        ? fromMultipart(contentType, sent, body)
        : JSON.parse(sent.toString("utf8"));
      const validate = at(`${pointer}/requestBody/schema`);
      expect(validate(wire), JSON.stringify(validate.errors)).toBe(true);
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

/** Query strings back to typed values, as the parameter's schema reads them. */
function decodeQuery(values: string[], schema: Record<string, unknown>): unknown {
  const one = (v: string, s: Record<string, unknown>): unknown =>
    s.type === "integer" || s.type === "number"
      ? Number(v)
      : s.type === "boolean"
        ? v === "true"
          ? true
          : v === "false"
            ? false
            : v
        : v;
  return schema.type === "array"
    ? values.map((v) => one(v, (schema.items ?? {}) as Record<string, unknown>))
    : one(values[0]!, schema);
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
