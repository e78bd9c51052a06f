import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import type { Middleware } from "openapi-fetch";
import { fromRequest } from "../../packages/client/outgoing.js";
import { SourcedRequest } from "../../packages/client/sourced-request.js";
import { uploadAsset } from "../../packages/hosting/upload-asset.js";
import { startAdminServer, type AdminServer } from "./helpers/admin-server.js";
import { fakeClock } from "./helpers/fake-clock.js";
import { runtimeClient } from "./helpers/runtime-client.js";
import { json, scriptedFetch } from "./helpers/scripted-fetch.js";

const url = "http://127.0.0.1/x";
const appId = "5f1a2b3c4d5e6f7a8b9c0d1e";

describe("SourcedRequest", () => {
  test("keeps the source it was built from beside the body it built", () => {
    const bytes = new TextEncoder().encode("payload");
    const request = new SourcedRequest(url, {
      method: "PUT",
      headers: { "Content-Type": "application/octet-stream" },
      body: bytes,
    });
    expect(request.body).not.toBeNull();
    expect(request.source).toBe(bytes);
    expect(fromRequest(request)).toMatchObject({
      method: "PUT",
      body: bytes,
      headers: { "content-type": "application/octet-stream" },
    });
    expect(new SourcedRequest(url).source).toBeNull();
  });
});

describe("invoke builds namespace calls itself", () => {
  const info = {
    operationId: "op",
    method: "PUT",
    path: "/echo",
    pathParams: [],
    queryParams: [],
    requestMediaType: "application/json",
  };
  const ok = () => new Response(null, { status: 204 });

  test("openapi-fetch builds them only once a middleware is registered", async () => {
    const fetch = scriptedFetch([ok(), ok()]);
    const { runtime, raw } = runtimeClient({
      baseUrl: "http://127.0.0.1:9/api/admin/v3.0",
      fetch: fetch.fetch,
    });
    const seen: string[] = [];
    const middleware: Middleware = {
      onRequest: async ({ request }) => void seen.push(await request.clone().text()),
    };
    const options = { headers: { authorization: "Bearer x" } };
    await runtime.invoke(info, { body: { a: 1 } }, options);
    expect(runtime.through.send).toBeUndefined();
    raw.use(middleware);
    expect(runtime.through.send).toBeDefined();
    await runtime.invoke(info, { body: { a: 2 } }, options);
    expect(seen).toEqual(['{"a":2}']);
    expect(fetch.calls.map((r) => [r.method, r.body])).toEqual([
      ["PUT", '{"a":1}'],
      ["PUT", '{"a":2}'],
    ]);
  });

  test("and stops building them once every middleware is ejected", async () => {
    const fetch = scriptedFetch([ok(), ok(), ok()]);
    const { runtime, raw } = runtimeClient({
      baseUrl: "http://127.0.0.1:9/api/admin/v3.0",
      fetch: fetch.fetch,
    });
    const seen: string[] = [];
    const first: Middleware = { onRequest: () => void seen.push("first") };
    const second: Middleware = { onRequest: () => void seen.push("second") };
    const options = { headers: { authorization: "Bearer x" } };
    // Registered twice, as openapi-fetch allows: it takes two ejects to be gone.
    raw.use(first, second, first);
    raw.eject(first, second);
    expect(runtime.through.send).toBeDefined();
    await runtime.invoke(info, { body: { a: 1 } }, options);
    expect(seen).toEqual(["first"]);
    raw.eject(first);
    expect(runtime.through.send).toBeUndefined();
    await runtime.invoke(info, { body: { a: 2 } }, options);
    expect(seen).toEqual(["first"]);
    // One it refuses: the ones before it are registered, as openapi-fetch registers them.
    expect(() => raw.use(second, {} as Middleware)).toThrow(/Middleware must be an object/);
    expect(runtime.through.send).toBeDefined();
    await runtime.invoke(info, { body: { a: 3 } }, options);
    expect(seen).toEqual(["first", "second"]);
    // ...and the refused one is not counted: ejecting the one registered ends it.
    raw.eject(second);
    expect(runtime.through.send).toBeUndefined();
    expect(fetch.calls.map((r) => r.body)).toEqual(['{"a":1}', '{"a":2}', '{"a":3}']);
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
