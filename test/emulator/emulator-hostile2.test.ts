import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start } from "./helpers.js";

// Clients that go away, and an emulator that stops under them: what is counted, what is kept,
// what is left running.
let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await start({ logs: { count: 5 } });
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

/** A raw connection to an emulator; `closed` settles when the server's side is gone too. */
function rawSocket(on: RunningEmulator): { socket: Socket; closed: Promise<string> } {
  const socket = connect(Number(new URL(on.url).port), "127.0.0.1");
  let data = "";
  socket.on("data", (chunk: Buffer) => (data += chunk.toString()));
  // A reset by the server is one way for it to close; the test looks at what the server did.
  socket.on("error", () => {});
  const closed = new Promise<string>((resolve) => socket.on("close", () => resolve(data)));
  return { socket, closed };
}

/** The request line and headers of a POST below the API base. */
function postHead(on: RunningEmulator, path: string, length: number, auth: string): string {
  return (
    `POST ${new URL(on.url).pathname}${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
    `Authorization: Bearer ${auth}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${length}\r\n\r\n`
  );
}

/**
 * Resolves once `ready()` holds, checking once per turn of the event loop: for what the server
 * does in this process with no event of its own to wait on.
 */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setImmediate(resolve));
}

describe("a client that goes away mid-request", () => {
  it("a body cut short of its Content-Length is not a 500, and nothing is stored", async () => {
    emu.control.resetCounts();
    const body = JSON.stringify({ name: "half_sent", value: 1, private: false });
    const { socket, closed } = rawSocket(emu);
    // The client closes its side with half the body sent; the server answers the broken
    // request (400) and closes, so once the socket is closed the server has seen it all.
    socket.end(postHead(emu, appPath(emu, "/values"), body.length, token) + body.slice(0, 10));
    await closed;
    const counts = emu.control.counts();
    expect(counts.byStatus).toEqual({});
    const [record] = emu.control.requests();
    expect(record).toMatchObject({ method: "POST", operation: "adminCreateValue", aborted: true });
    expect(record?.status).toBeUndefined();
    const values = await call(emu, "GET", appPath(emu, "/values"), { token });
    expect(values.body.map((v: { name: string }) => v.name)).not.toContain("half_sent");
  });
});

describe("stop()", () => {
  it("ends a delayed request before it returns: no timer left, nothing run after stop", async () => {
    const other = await start({ logs: { count: 1 } });
    const otherToken = (await login(other)).access_token;
    other.control.setLatency(600_000, { method: "POST" });
    const body = JSON.stringify({ name: "late", value: 1, private: false });
    const { socket, closed } = rawSocket(other);
    socket.write(postHead(other, appPath(other, "/values"), body.length, otherToken) + body);
    const delayed = () =>
      other.control.requests().find((r) => r.method === "POST" && r.path.endsWith("/values"));
    await until(() => delayed() !== undefined);
    expect(delayed()?.aborted).toBeUndefined();
    await other.stop();
    // Ended by the close, its timer cleared, before stop() returned: the delay is not left to
    // run the request on a stopped emulator ten minutes later.
    expect(delayed()).toMatchObject({ aborted: true });
    expect(delayed()?.status).toBeUndefined();
    expect(await closed).toBe("");
    expect(other.control.counts().byStatus).toEqual({ 200: 1 });
  });

  it("returns with an idle keep-alive connection and a half-sent request open", async () => {
    const other = await start({ logs: { count: 1 } });
    const idle = rawSocket(other);
    idle.socket.write(
      `GET ${new URL(other.url).pathname}/no/such HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`,
    );
    await until(() => other.control.requests().length === 1 && idle.socket.bytesRead > 0);
    const half = rawSocket(other);
    half.socket.write("GET / HTTP/1.1\r\nHo");
    await new Promise<void>((resolve) => half.socket.once("connect", resolve));
    await other.stop();
    await Promise.all([idle.closed, half.closed]);
  });
});

describe("an import that does not apply leaves the app as it was", () => {
  const badTrigger = {
    name: "t",
    type: "SCHEDULED",
    config: { schedule: "* * * * *" },
    function_name: "no_such_function",
  };

  it("a refused import takes back an environment the app did not have", async () => {
    expect((await call(emu, "GET", appPath(emu), { token })).body.environment).toBeUndefined();
    const answer = await call(emu, "POST", appPath(emu, "/import"), {
      token,
      json: { environment: "production", triggers: [badTrigger] },
    });
    expect(answer.status).toBe(400);
    const app = await call(emu, "GET", appPath(emu), { token });
    expect(app.body.environment).toBeUndefined();
  });

  it("an import with diff=true changes nothing, an environment included", async () => {
    const answer = await call(emu, "POST", appPath(emu, "/import?diff=true"), {
      token,
      json: { environment: "qa" },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.join("\n")).toContain("qa");
    const app = await call(emu, "GET", appPath(emu), { token });
    expect(app.body.environment).toBeUndefined();
  });
});
