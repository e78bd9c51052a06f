/**
 * Namespace calls build their request without openapi-fetch (packages/client/operation-request.ts).
 * What reaches the wire must not change: for every pinned operation, with sampled parameters
 * (awkward texts that need encoding, every query shape the spec has) and body, the Request a
 * user's `fetch` gets is compared with the one openapi-fetch builds for the same operation
 * through `sendOperation` (the way namespace calls were sent before): method, URL, every header,
 * body bytes (multipart boundaries, random on each side, normalized).
 */
import createClient, { createQuerySerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { sendOperation, type OperationClient } from "../../generated/contract.js";
import { operations } from "../../generated/operation-table.js";
import { DiffDependencies } from "../../generated/operations/dependencies.js";
import { UploadHostedAsset } from "../../generated/operations/hosting.js";
import { createRuntime } from "../../packages/client/runtime.js";
import { operationRequest } from "../../packages/client/operation-request.js";
import { sample, type SampleContext } from "../generator/helpers/sample.js";
import { DocumentValidators } from "../generator/helpers/validators.js";
import { operationSchemas } from "../generator/helpers/operation-schemas.js";

const document = operationSchemas;
const validators = new DocumentValidators(document, "https://appservices-admin.test/ops.json");
const ctx = (text: string): SampleContext => ({
  components: document.components.schemas,
  sections: document.components,
  text,
  compile: (s) => validators.of(s as object),
});

const BASE = "http://127.0.0.1:9/api/admin/v3.0";
const APP_ID = "5f1a2b3c4d5e6f7a8b9c0d1e";

/** What a Request puts on the wire, its multipart boundary (if any) replaced by a fixed one. */
async function wire(request: Request) {
  const body = request.body === null ? "" : await request.text();
  const type = request.headers.get("content-type") ?? "";
  const boundary = /boundary=(.+)$/.exec(type)?.[1];
  const norm = (text: string) => (boundary ? text.split(boundary).join("BOUNDARY") : text);
  return {
    method: request.method,
    url: request.url,
    headers: [...request.headers].map(([k, v]) => [k, norm(v)]),
    body: norm(body),
    redirect: request.redirect,
  };
}

function capture() {
  const seen: Request[] = [];
  const fetch = async (request: Request) => {
    seen.push(request);
    return new Response(null, { status: 204 });
  };
  return { seen, fetch };
}

/** The Requests the runtime and openapi-fetch (through `sendOperation`) send for one call. */
async function bothWires(
  info: Parameters<typeof sendOperation>[1],
  params: Record<string, unknown>,
  headers: Record<string, string>,
) {
  const ours = capture();
  const runtime = createRuntime({ baseUrl: BASE, fetch: ours.fetch, retries: false });
  await runtime.invoke(info, params, { headers });
  const theirs = capture();
  const client = createClient({
    baseUrl: BASE,
    fetch: theirs.fetch,
    headers: { "User-Agent": runtime.userAgent },
    querySerializer: createQuerySerializer(),
    pathSerializer: runtime.pathSerializer,
  });
  await sendOperation(client as unknown as OperationClient, info, params, { headers });
  return [await wire(ours.seen[0]!), await wire(theirs.seen[0]!)] as const;
}

describe("a namespace call's Request is the one openapi-fetch built", () => {
  it.each(operations.map((info) => ({ id: info.operationId, info })))("$id", async ({ info }) => {
    const schema = document.operations[info.operationId]!;
    const params: Record<string, unknown> = {};
    const leftOut = new Set(schema.exactlyOneOf?.flatMap((group) => group.slice(1)));
    for (const p of schema.parameters) {
      if (leftOut.has(p.name)) continue;
      params[p.name] =
        p.name === "appId" && p.in === "path"
          ? APP_ID
          : sample(p.schema, ctx(p.in === "path" ? "a b/é?#%" : "q &=é+"));
    }
    if (schema.requestBody?.schema) params.body = sample(schema.requestBody.schema, ctx("text"));
    const headers = { Authorization: "Bearer t", "X-Extra": "1" };
    const [mine, reference] = await bothWires(info, params, headers);
    // Redirects are refused for a request with a body and for any method but GET and HEAD (see
    // transport.ts); for a GET or HEAD without one, openapi-fetch's default ("follow") stands.
    const bodiless = params.body === undefined || !info.requestMediaType;
    expect(mine.redirect).toBe(
      bodiless && (info.method === "GET" || info.method === "HEAD") ? "follow" : "error",
    );
    expect({ ...mine, redirect: undefined }).toEqual({ ...reference, redirect: undefined });
  });
});

// Descriptors made by hand (hosting's upload is one): the media types operationRequest knows
// without parsing, and spellings it must parse, send what openapi-fetch sends.
describe("a hand-made descriptor's Request is the one openapi-fetch built", () => {
  const bytes = new Uint8Array([0, 1, 2, 250, 255]);
  it.each([
    { media: "application/json", body: { a: "é", n: [1] } as unknown },
    { media: "application/octet-stream", body: bytes },
    { media: "Application/Octet-Stream", body: bytes },
    { media: "application/octet-stream; x=1", body: bytes },
    { media: "application/vnd.x+json", body: { a: 1 } },
    { media: "text/plain", body: "hi" },
  ])("$media", async ({ media, body }) => {
    const info = {
      operationId: "op",
      namespace: "test",
      name: "op",
      method: "PUT" as const,
      path: "/groups/{groupId}/x",
      pathParams: ["groupId"],
      queryParams: [],
      requestMediaType: media,
    };
    const params = { groupId: "g 1", body };
    const [mine, reference] = await bothWires(info, params, { Authorization: "Bearer t" });
    expect({ ...mine, redirect: undefined }).toEqual({ ...reference, redirect: undefined });
  });
});

describe("operationRequest", () => {
  const base = { baseUrl: BASE, pathSerializer: (t: string) => t, userAgent: "ua" };
  const info = {
    operationId: "op",
    method: "GET",
    path: "/x",
    pathParams: [],
    queryParams: ["a", "b", "c", "d", "e", "f", "g"],
  };

  it("serializes every query shape as openapi-fetch's default serializer does", () => {
    const query = {
      a: ["x y", "z&"],
      b: true,
      c: 0,
      d: { k: "v w" },
      e: null,
      f: [],
      g: "é=+",
    };
    const { url } = operationRequest(base, info, query, undefined, undefined, undefined);
    expect(url).toBe(`${BASE}/x?${createQuerySerializer()(query)}`);
    expect(url).toBe(`${BASE}/x?a=x%20y&a=z%26&b=true&c=0&d[k]=v%20w&g=%C3%A9%3D%2B`);
    expect(operationRequest(base, info, {}, undefined, undefined, undefined).url).toBe(`${BASE}/x`);
  });

  it("refuses a multipart body its descriptor has no encoder for, naming the operation", () => {
    const upload = { ...info, method: "PUT", operationId: "handMade", queryParams: [] };
    const send = (media: string, body: unknown) =>
      operationRequest(
        base,
        { ...upload, requestMediaType: media },
        { body },
        undefined,
        undefined,
        undefined,
      );
    for (const media of ["multipart/mixed", "multipart/form-data"]) {
      expect(() => send(media, { meta: "{}" })).toThrow(
        new TypeError(
          `handMade: a ${media} body needs the descriptor's encodeBody (multipartEncoder or formDataEncoder); nothing was sent`,
        ),
      );
    }
    // A FormData is sent as it is, as openapi-fetch's default body serializer sends it.
    const form = new FormData();
    expect(send("multipart/form-data", form).body).toBe(form);
  });

  it("sends a FormData given to a generated multipart/form-data operation as it is", () => {
    const form = new FormData();
    form.append("file", new Blob(["{}"]), "package.json");
    const params = { groupId: APP_ID, appId: APP_ID, body: form };
    const { body } = operationRequest(base, DiffDependencies, params, {}, undefined, undefined);
    expect(body).toBe(form);
  });

  it("refuses, before sending, a multipart body that has no parts of its own", () => {
    const bodies: [unknown, string][] = [
      [new Uint8Array(4), "Uint8Array"],
      [Buffer.from("x"), "Uint8Array"],
      [new Blob(["x"]), "Blob"],
      [new ReadableStream(), "ReadableStream"],
      [["a"], "Array"],
      ["text", "String"],
      [null, "Null"],
    ];
    for (const [given, name] of bodies) {
      const message = `a multipart body is an object with one property per part, such as { meta, file }; got ${name}, nothing was sent`;
      const upload = { groupId: APP_ID, appId: APP_ID, body: given };
      expect(() =>
        operationRequest(base, UploadHostedAsset, upload, {}, undefined, undefined),
      ).toThrow(new TypeError(message));
      expect(() =>
        operationRequest(base, DiffDependencies, upload, {}, undefined, undefined),
      ).toThrow(new TypeError(message));
    }
    // A FormData has no parts a multipart/mixed body could take either.
    expect(() =>
      operationRequest(
        base,
        UploadHostedAsset,
        { groupId: APP_ID, appId: APP_ID, body: new FormData() },
        {},
        undefined,
        undefined,
      ),
    ).toThrow(/got FormData, nothing was sent/);
  });

  it("lets the caller's headers replace the operation's whatever their case, and accept last", () => {
    const withBody = {
      ...info,
      method: "POST",
      requestMediaType: "text/plain",
      accepts: { "application/json": "json" as const, "application/zip": "blob" as const },
    };
    const out = operationRequest(
      base,
      withBody,
      { body: "hi" },
      { "CONTENT-TYPE": "text/csv", ACCEPT: "text/html", "User-Agent": "mine" },
      "application/zip",
      undefined,
    );
    expect(out.headers).toEqual({
      "content-type": "text/csv",
      "user-agent": "mine",
      accept: "application/zip",
    });
    expect(out.body).toBe("hi");
  });
});
