import { connect, type Socket } from "node:net";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { structureToFiles } from "../../packages/emulator/app-files.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { legacyFiles } from "../../packages/emulator/structure-v1.js";
import { appPath, call, login, start } from "./helpers.js";
import { multipart, uploadParts } from "./multipart.js";

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

  it("called twice (or again later) closes once and resolves every time", async () => {
    const other = await start({ logs: { count: 1 } });
    await Promise.all([other.stop(), other.stop()]);
    await other.stop();
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

describe("names that would make a file outside the exported folder (zip slip)", () => {
  const refused = (where: string, name: string) => ({
    error: `invalid ${where}: '${name}' has a '.' or '..' path segment (or a NUL): it names a file of the app's configuration`,
    error_code: "InvalidParameter",
  });
  const zipEntries = async (query = "") => {
    const res = await fetch(emu.url + appPath(emu, `/export${query}`), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return Object.keys(unzipSync(new Uint8Array(await res.arrayBuffer())));
  };

  it("are refused when created or updated through the API", async () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ["/functions", { name: "../../evil", source: "", private: false }, "body.name", "../../evil"],
      ["/functions", { name: "a/../../b", source: "", private: false }, "body.name", "a/../../b"],
      [
        "/services",
        { name: "..\\..\\evil", type: "http", config: {} },
        "body.name",
        "..\\..\\evil",
      ],
      [
        "/log_forwarders",
        {
          name: "..",
          log_types: ["function"],
          log_statuses: ["success"],
          policy: { type: "single" },
          action: { type: "function", name: "f" },
        },
        "body.name",
        "..",
      ],
    ];
    // A service's name takes only letters, digits, '_' and '-' (name-rules in spec/EVIDENCE.md):
    // the operation's schema refuses it before the path check sees it.
    const servicePattern = {
      error: 'invalid body.name: must match pattern "^[A-Za-z0-9_-]*$"',
      error_code: "InvalidParameter",
    };
    for (const [path, json, where, name] of cases) {
      const answer = await call(emu, "POST", appPath(emu, path), { token, json });
      expect({ path, status: answer.status, body: answer.body }).toEqual({
        path,
        status: 400,
        body: path === "/services" ? servicePattern : refused(where, name),
      });
    }
    const created = await call(emu, "POST", appPath(emu, "/services"), {
      token,
      json: { name: "http_svc", type: "http", config: {} },
    });
    expect(created.status).toBe(201);
    const rule = await call(emu, "POST", appPath(emu, `/services/${created.body._id}/rules`), {
      token,
      json: { database: "..", collection: "c" },
    });
    expect(rule.body).toEqual(refused("body.database", ".."));
    const atlas = await call(emu, "POST", appPath(emu, "/services"), {
      token,
      json: { name: "mongodb-atlas", type: "mongodb-atlas", config: { clusterName: "c" } },
    });
    expect(atlas.status).toBe(201);
    const schema = await call(emu, "POST", appPath(emu, "/schemas"), {
      token,
      json: {
        metadata: { data_source: "mongodb-atlas", database: "..", collection: "x" },
        schema: { title: "x" },
      },
    });
    expect(schema.body).toEqual(refused("body.metadata.database", ".."));
    const fn = await call(emu, "POST", appPath(emu, "/functions"), {
      token,
      json: { name: "fine", source: "", private: false },
    });
    expect(fn.status).toBe(201);
    const update = await call(emu, "PUT", appPath(emu, `/functions/${fn.body._id}`), {
      token,
      json: { name: "x/./y", source: "", private: false },
    });
    expect(update.body).toEqual(refused("body.name", "x/./y"));
    expect((await zipEntries()).filter((p) => p.split(/[/\\]/).includes(".."))).toEqual([]);
  });

  it("are refused by import and push, naming where", async () => {
    const cases: [unknown, string, string][] = [
      [{ values: [{ name: "../../v", value: 1 }] }, "body.values[0].name", "../../v"],
      [{ functions: { config: [{ name: "../f" }] } }, "body.functions.config[0].name", "../f"],
      [{ triggers: [{ name: "..\\t" }] }, "body.triggers[0].name", "..\\t"],
      [
        {
          data_sources: [
            {
              config: { name: "mongodb-atlas", type: "mongodb-atlas" },
              rules: [{ database: "..", collection: "c" }],
            },
          ],
        },
        "body.data_sources[0].rules[0].database",
        "..",
      ],
      [
        {
          services: [
            {
              config: { name: "svc", type: "http" },
              incoming_webhooks: [{ config: { name: "../hook" }, source: "" }],
            },
          ],
        },
        "body.services[0].incoming_webhooks[0].name",
        "../hook",
      ],
      [
        { graphql: { custom_resolvers: [{ on_type: "../T", field_name: "f" }] } },
        "body.graphql.custom_resolvers[0].on_type",
        "../T",
      ],
      [
        { auth: { providers: { x: { name: "x\u0000", type: "anon-user" } } } },
        "body.auth.providers.x.name",
        "x\u0000",
      ],
    ];
    for (const [json, where, name] of cases) {
      const answer = await call(emu, "POST", appPath(emu, "/import"), { token, json });
      expect({ json, status: answer.status, body: answer.body }).toEqual({
        json,
        status: 400,
        body: refused(where, name),
      });
    }
    const pulled = await call(emu, "GET", appPath(emu, "/pull"), { token });
    const pushed = await call(emu, "PATCH", appPath(emu, "/push"), {
      token,
      json: { ...pulled.body, functions: [{ name: "../../pushed", source: "" }] },
    });
    expect(pushed.body).toEqual(refused("body.functions.config[0].name", "../../pushed"));
    for (const query of ["", "?version=20200603"])
      expect((await zipEntries(query)).filter((p) => p.split(/[/\\]/).includes(".."))).toEqual([]);
  });

  it("an export never writes an entry outside its folder, whatever the state holds", () => {
    const structure = {
      config_version: 20210101,
      functions: { config: [{ name: "../../evil" }], sources: { "../../evil.js": "" } },
    };
    const message = /the app holds a name that makes the file 'functions\/\.\.\/\.\.\/evil\.js'/;
    expect(() => structureToFiles(structure)).toThrow(message);
    expect(() => legacyFiles(structure, 20200603)).toThrow(/outside its folder/);
  });
});

describe("hosting paths that would leave the folder a client downloads to", () => {
  // realm-cli internal/local/hosting.go writes each asset to filepath.Join(dir, "files", path).
  it("are refused on upload and on copy or move", async () => {
    for (const path of ["/../../evil.txt", "/a/./b.txt", "/a/..\\..\\..\\evil.txt"]) {
      const { body, contentType } = multipart(uploadParts(path, "x"));
      const answer = await call(emu, "PUT", appPath(emu, "/hosting/assets/asset"), {
        token,
        body,
        headers: { "content-type": contentType },
      });
      expect({ path, status: answer.status, body: answer.body }).toEqual({
        path,
        status: 400,
        body: {
          error: `invalid meta.path: an asset path starts with '/', names a file and has no '.' or '..' segment, got '${path}'`,
          error_code: "InvalidParameter",
        },
      });
    }
    const { body, contentType } = multipart(uploadParts("/fine.txt", "x"));
    const upload = await call(emu, "PUT", appPath(emu, "/hosting/assets/asset"), {
      token,
      body,
      headers: { "content-type": contentType },
    });
    expect(upload.status).toBe(204);
    for (const key of ["move_to", "copy_to"]) {
      const from = key === "move_to" ? "move_from" : "copy_from";
      const answer = await call(emu, "POST", appPath(emu, "/hosting/assets"), {
        token,
        json: { [from]: "/fine.txt", [key]: "/../fine.txt" },
      });
      expect(answer.body).toEqual({
        error: `invalid body.${key}: an asset path starts with '/', names a file and has no '.' or '..' segment, got '/../fine.txt'`,
        error_code: "InvalidParameter",
      });
    }
    const list = await call(emu, "GET", appPath(emu, "/hosting/assets"), { token });
    expect(list.body.filter((a: { path: string }) => a.path.includes(".."))).toEqual([]);
  });
});
