/**
 * sendOperation (generator/runtime/contract.ts, copied into generated/contract.ts): how one
 * operation's flat parameters become an openapi-fetch request, per request media type, seen
 * through an injected fetch. The conformance test checks every pinned operation on the wire.
 */
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { sendOperation, type OperationInfo } from "../../generator/runtime/contract.js";

const BASE = "https://admin.test/api";

async function sent(info: Partial<OperationInfo>, params: object, init?: object) {
  let request: Request | undefined;
  const client = createClient({
    baseUrl: BASE,
    fetch: async (r) => {
      request = r;
      return new Response(JSON.stringify({ ok: true }), {
        headers: { "Content-Type": "application/json" },
      });
    },
  });
  const operation: OperationInfo = {
    operationId: "op",
    namespace: "n",
    name: "op",
    method: "PUT",
    path: "/g/{groupId}/x",
    pathParams: ["groupId"],
    queryParams: ["q", "other"],
    ...info,
  };
  const result = await sendOperation(client, operation, params, init);
  return { request: request!, result, text: await request!.text() };
}

describe("sendOperation", () => {
  it("fills the path, sends given query parameters only, JSON bodies by default", async () => {
    const { request, result, text } = await sent(
      { requestMediaType: "application/json" },
      { groupId: "a b", q: 1, body: { name: "n" } },
    );
    expect(request.method).toBe("PUT");
    expect(request.url).toBe(`${BASE}/g/a%20b/x?q=1`);
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(text)).toEqual({ name: "n" });
    expect(result.data).toEqual({ ok: true });
  });

  it("multipart/mixed: one named part per property, the boundary in Content-Type", async () => {
    const { request, text } = await sent(
      { requestMediaType: "multipart/mixed" },
      {
        groupId: "g",
        body: { meta: { path: "/i" }, file: new Uint8Array([104, 105]), skip: undefined },
      },
    );
    const boundary = /boundary=(.+)$/.exec(request.headers.get("content-type")!)![1]!;
    expect(request.headers.get("content-type")).toBe(`multipart/mixed; boundary=${boundary}`);
    expect(text).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{"path":"/i"}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\nhi\r\n` +
        `--${boundary}--\r\n`,
    );
  });

  it("multipart/form-data: FormData, fetch writes the boundary", async () => {
    const { request, text } = await sent(
      { requestMediaType: "multipart/form-data" },
      { groupId: "g", body: { name: "n" } },
    );
    expect(request.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(text).toContain('name="name"\r\n\r\nn\r\n');
  });

  it.each([
    ["application/octet-stream", new Uint8Array([1, 2]), "\u0001\u0002"],
    ["text/plain", "plain words", "plain words"],
  ])("%s: the body as given, with its Content-Type", async (mediaType, body, want) => {
    const { request, text } = await sent({ requestMediaType: mediaType }, { groupId: "g", body });
    expect(request.headers.get("content-type")).toBe(mediaType);
    expect(text).toBe(want);
  });

  it("asks for the default of several response media types; init overrides headers and parseAs", async () => {
    const accepts = { "application/json": "json", "application/zip": "blob" } as const;
    const plain = await sent({ method: "GET", accepts }, { groupId: "g" });
    expect(plain.request.headers.get("accept")).toBe("application/json");
    const zip = await sent(
      { method: "GET", accepts },
      { groupId: "g" },
      { headers: { Accept: "application/zip" }, parseAs: "blob" },
    );
    expect(zip.request.headers.get("accept")).toBe("application/zip");
    expect(zip.result.data).toBeInstanceOf(Blob);
  });
});
