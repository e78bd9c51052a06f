import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { bodyReplayer } from "../../packages/client/body-replay.js";
import { fromRequest } from "../../packages/client/outgoing.js";
import { SourcedRequest } from "../../packages/client/sourced-request.js";
import { startAdminServer, type AdminServer } from "./helpers/admin-server.js";
import { fakeClock } from "./helpers/fake-clock.js";
import { runtimeClient } from "./helpers/runtime-client.js";

let server: AdminServer;
beforeEach(async () => {
  server = await startAdminServer();
});
afterEach(async () => {
  await server.close();
});

const chunks = ["first chunk|", "second chunk|", "third"];
const expected = chunks.join("");
function streamOf(parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < parts.length) controller.enqueue(encoder.encode(parts[i++]));
      else controller.close();
    },
  });
}
const puts = () => server.seen.filter((r) => r.method === "PUT" && r.path === "/echo");

/** A client on a fake clock whose next two PUTs are answered 503, so each is retried twice. */
function busyTwice() {
  const time = fakeClock();
  const client = runtimeClient({
    baseUrl: server.url,
    session: server.mintSession(),
    clock: time.clock,
  });
  server.replyNext(2, (r) => r.method === "PUT", { status: 503, body: { error: "busy" } });
  return { time, client };
}

describe("replay after InvalidSession", () => {
  test("a POST (never retried) is replayed once with the identical JSON body", async () => {
    const client = runtimeClient({ baseUrl: server.url, session: server.mintSession() });
    server.expireAccessTokens();
    await expect(client.echo("POST", { name: "draft", n: 1 })).resolves.toEqual({
      method: "POST",
      body: '{"name":"draft","n":1}',
    });
    const posts = server.seen.filter((r) => r.method === "POST" && r.path === "/echo");
    expect(posts.map((r) => r.body)).toEqual(['{"name":"draft","n":1}', '{"name":"draft","n":1}']);
    expect(posts.map((r) => r.headers["content-type"])).toEqual([
      "application/json",
      "application/json",
    ]);
    expect(server.counts.refreshes).toBe(1);
  });

  test("a stream body is rebuilt from its factory", async () => {
    const client = runtimeClient({ baseUrl: server.url, credentials: server.credentials });
    await client.echo("GET");
    server.expireAccessTokens();
    let opened = 0;
    const open = () => (opened++, streamOf(chunks));
    await expect(client.putStream(open, { bodyFactory: open })).resolves.toEqual({
      method: "PUT",
      body: expected,
    });
    expect(puts().map((r) => r.body)).toEqual([expected, expected]);
    expect(opened).toBe(2);
  });

  test("a stream body without a factory is replayed from a clone", async () => {
    const client = runtimeClient({ baseUrl: server.url, credentials: server.credentials });
    await client.echo("GET");
    server.expireAccessTokens();
    await expect(client.putStream(() => streamOf(chunks))).resolves.toEqual({
      method: "PUT",
      body: expected,
    });
    expect(puts().map((r) => r.body)).toEqual([expected, expected]);
  });

  test("a retried PUT with a stream body gets a rebuilt body each time", async () => {
    const { time, client } = busyTwice();
    let opened = 0;
    const open = () => (opened++, streamOf(chunks));
    await expect(client.putStream(open, { bodyFactory: open })).resolves.toEqual({
      method: "PUT",
      body: expected,
    });
    expect(puts().map((r) => r.body)).toEqual([expected, expected, expected]);
    expect(opened).toBe(3);
    expect(time.sleeps).toHaveLength(2);
  });
});

describe("bodies sent from their source", () => {
  test("a retried PUT with a JSON body sends the same bytes each time", async () => {
    const { client } = busyTwice();
    await expect(client.echo("PUT", { name: "x", n: 2 })).resolves.toEqual({
      method: "PUT",
      body: '{"name":"x","n":2}',
    });
    expect(puts().map((r) => [r.body, r.headers["content-type"]])).toEqual(
      Array(3).fill(['{"name":"x","n":2}', "application/json"]),
    );
  });

  test("a FormData body replayed after InvalidSession keeps a boundary that matches its header", async () => {
    const client = runtimeClient({ baseUrl: server.url, session: server.mintSession() });
    server.expireAccessTokens();
    const form = new FormData();
    form.append("field", "value");
    await client.echo("POST", form);
    const posts = server.seen.filter((r) => r.method === "POST" && r.path === "/echo");
    expect(posts).toHaveLength(2);
    for (const post of posts) {
      const boundary = /boundary=(.+)$/.exec(String(post.headers["content-type"]))?.[1];
      expect(boundary).toBeDefined();
      expect(post.body).toContain(`--${boundary!}`);
      expect(post.body).toContain("value");
    }
  });

  test("the replayer sends a reusable source with the same record, never reading the Request's body", () => {
    const request = new SourcedRequest("http://127.0.0.1/x", { method: "PUT", body: "{}" });
    const out = fromRequest(request);
    const next = bodyReplayer(out);
    expect(out).toMatchObject({ method: "PUT", url: "http://127.0.0.1/x", body: "{}", request });
    expect([next(), next()]).toEqual([out, out]);
    expect(request.bodyUsed).toBe(false);
  });

  test("a body it cannot resend unchanged (FormData in a Request, a Request built elsewhere) is cloned", () => {
    const form = new FormData();
    form.append("a", "b");
    for (const request of [
      new SourcedRequest("http://127.0.0.1/x", { method: "POST", body: form }),
      new Request("http://127.0.0.1/x", { method: "PUT", body: "{}" }),
    ]) {
      const next = bodyReplayer(fromRequest(request));
      const [first, second] = [next(), next()];
      expect(first.request).not.toBe(request);
      expect(second.request).not.toBe(first.request);
      expect(first.body).toBeUndefined();
    }
    // With a factory, a FormData's first send is the Request as built, header and body together.
    const withFactory = new SourcedRequest("http://127.0.0.1/x", { method: "POST", body: form });
    const out = fromRequest(withFactory);
    expect(bodyReplayer(out, () => form)()).toBe(out);
    expect(out).toMatchObject({ request: withFactory, body: undefined });
  });

  test("a record's own FormData goes as is every time; a stream without a factory is held in a Request and cloned", async () => {
    const form = new FormData();
    form.append("a", "b");
    const formOut = { method: "POST", url: "http://127.0.0.1/x", headers: {}, body: form };
    const nextForm = bodyReplayer(formOut);
    expect([nextForm(), nextForm()]).toEqual([formOut, formOut]);

    const headers = { "content-type": "application/octet-stream" };
    const streamOut = { method: "PUT", url: "http://127.0.0.1/x", headers, body: streamOf(chunks) };
    const next = bodyReplayer(streamOut);
    const [first, second] = [next(), next()];
    expect(first).toMatchObject({ body: undefined, headers, method: "PUT" });
    expect(second.request).not.toBe(first.request);
    expect(await first.request!.text()).toBe(expected);
    expect(await second.request!.text()).toBe(expected);
  });
});
