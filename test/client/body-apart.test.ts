import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import type { SendInit } from "../../packages/client/invoke.js";
import { SEND_SOURCE, SourcedRequest } from "../../packages/client/sourced-request.js";
import { uploadAsset } from "../../packages/hosting/upload-asset.js";
import { startAdminServer, type AdminServer } from "./helpers/admin-server.js";
import { fakeClock } from "./helpers/fake-clock.js";
import { runtimeClient } from "./helpers/runtime-client.js";
import { json, scriptedFetch } from "./helpers/scripted-fetch.js";

const url = "http://127.0.0.1/x";
const appId = "5f1a2b3c4d5e6f7a8b9c0d1e";

function streamOf(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
}

describe("SourcedRequest with SEND_SOURCE", () => {
  test("a reusable source is kept beside a Request built without it", () => {
    const bytes = new TextEncoder().encode("payload");
    const request = new SourcedRequest(url, {
      method: "PUT",
      headers: { "Content-Type": "application/octet-stream" },
      body: bytes,
      [SEND_SOURCE]: "reusable",
    });
    expect(request.body).toBeNull();
    expect(request.source).toBe(bytes);
    expect(request.method).toBe("PUT");
    expect(request.headers.get("content-type")).toBe("application/octet-stream");
  });

  test("a stream goes without the Request only when a factory can rebuild it", () => {
    const kept = new SourcedRequest(url, {
      method: "PUT",
      body: streamOf("a"),
      duplex: "half",
      [SEND_SOURCE]: "reusable",
    } as RequestInit);
    expect(kept.body).not.toBeNull();
    const apart = new SourcedRequest(url, {
      method: "PUT",
      body: streamOf("a"),
      duplex: "half",
      [SEND_SOURCE]: "any",
    } as RequestInit);
    expect(apart.body).toBeNull();
    expect(apart.source).toBeInstanceOf(ReadableStream);
  });

  test("FormData, and a request without the mark, keep their body", () => {
    const form = new FormData();
    form.append("field", "value");
    expect(
      new SourcedRequest(url, { method: "POST", body: form, [SEND_SOURCE]: "any" }).body,
    ).not.toBeNull();
    expect(new SourcedRequest(url, { method: "POST", body: "{}" }).body).not.toBeNull();
  });
});

describe("invoke marks namespace calls", () => {
  const info = {
    operationId: "op",
    method: "PUT",
    path: "/echo",
    pathParams: [],
    requestMediaType: "application/json",
  };
  const ok = { response: new Response(null, { status: 204 }) };

  test("reusable by default, any with a body factory, none once a middleware is registered or without a body", async () => {
    const { runtime } = runtimeClient({ baseUrl: "http://127.0.0.1:9/api/admin/v3.0" });
    const marks: unknown[] = [];
    const send = async (init?: SendInit) => (marks.push(init?.[SEND_SOURCE]), ok);
    await runtime.invoke(info, {}, send);
    await runtime.invoke(info, {}, send, { bodyFactory: () => "x" });
    runtime.uses.middleware = true;
    await runtime.invoke(info, {}, send, { bodyFactory: () => "x" });
    runtime.uses.middleware = false;
    await runtime.invoke({ ...info, method: "GET", requestMediaType: undefined }, {}, send);
    expect(marks).toEqual(["reusable", "any", undefined, undefined]);
  });
});

describe("bodies sent from their source, the Request built without them", () => {
  let server: AdminServer;
  beforeEach(async () => {
    server = await startAdminServer();
  });
  afterEach(async () => {
    await server.close();
  });

  test("an upload retried after two 503s gives a user fetch a Request with identical bytes each time", async () => {
    const time = fakeClock();
    const busy = () => json(503, { error: "busy" });
    const fetch = scriptedFetch([busy(), busy(), new Response(null, { status: 204 })]);
    const admin = createAdminClient({
      baseUrl: "http://127.0.0.1:9/api/admin/v3.0",
      fetch: fetch.fetch,
      session: server.mintSession(),
      clock: time.clock,
    });
    await uploadAsset(admin, {
      groupId: "g1",
      appId,
      path: "/a.txt",
      file: new TextEncoder().encode("the file's bytes"),
    });
    expect(fetch.calls).toHaveLength(3);
    const [first] = fetch.calls;
    expect(first!.method).toBe("PUT");
    expect(first!.body).toContain("the file's bytes");
    expect(first!.headers.get("content-type")).toMatch(/^multipart\/mixed; boundary=/);
    for (const call of fetch.calls) {
      expect(call.body).toBe(first!.body);
      expect(call.headers.get("content-type")).toBe(first!.headers.get("content-type"));
    }
    expect(time.sleeps).toHaveLength(2);
  });

  test("a middleware registered on raw after the client was made sees namespace calls' bodies", async () => {
    const admin = createAdminClient({ baseUrl: server.url, session: server.mintSession() });
    const bodies: string[] = [];
    admin.raw.use({
      async onRequest({ request }) {
        if (request.method === "POST") bodies.push(await request.clone().text());
      },
    });
    await admin.apps.createApplication({ groupId: "g1", body: { name: "seen" } });
    expect(bodies).toEqual(['{"name":"seen"}']);
    expect(server.seen.find((r) => r.method === "POST")?.body).toBe('{"name":"seen"}');
  });
});
