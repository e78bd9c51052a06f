import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start } from "./helpers.js";
import { multipart, uploadParts, type Part } from "./multipart.js";

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await start({ logs: { count: 5 }, maxBodyBytes: 4096 });
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

function rawRequest(text: string): Promise<string> {
  const { port } = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => socket.end(text));
    let data = "";
    socket.on("data", (chunk) => (data += chunk.toString()));
    socket.on("end", () => resolve(data));
    socket.on("error", reject);
  });
}

describe("bad input gets a 4xx {error, error_code} and never takes the server down", () => {
  it("malformed JSON: 400 InvalidJSON, without echoing the body", async () => {
    const answer = await call(emu, "POST", "/auth/providers/mongodb-cloud/login", {
      body: '{"username":"u","apiKey":"SECRET-123"',
      headers: { "content-type": "application/json" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error_code).toBe("InvalidJSON");
    expect(answer.text).not.toContain("SECRET-123");
  });

  it("unknown path: 404 NotFound; known path, wrong method: 405", async () => {
    const unknown = await call(emu, "GET", "/no/such/thing", { token });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error_code: "NotFound" });
    expect((await call(emu, "GET", "/auth/providers/mongodb-cloud/login")).status).toBe(405);
    const outside = await fetch(`${new URL(emu.url).origin}/favicon.ico`);
    expect(outside.status).toBe(404);
    expect(await outside.json()).toMatchObject({ error_code: "NotFound" });
  });

  it("oversized body: 413 RequestTooLarge, for JSON and multipart alike", async () => {
    const json = await call(emu, "POST", appPath(emu, "/values"), {
      token,
      json: { name: "big", private: false, value: "x".repeat(10_000) },
    });
    expect(json.status).toBe(413);
    expect(json.body.error_code).toBe("RequestTooLarge");
    const { body, contentType } = multipart(uploadParts("/big.bin", Buffer.alloc(50_000)));
    const upload = await call(emu, "PUT", appPath(emu, "/hosting/assets/asset"), {
      token,
      body,
      headers: { "content-type": contentType },
    });
    expect(upload.status).toBe(413);
  });

  it("a non-JSON content type on a JSON operation: 415", async () => {
    const answer = await call(emu, "POST", appPath(emu, "/values"), {
      token,
      body: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(answer.status).toBe(415);
    expect(answer.body.error_code).toBe("UnsupportedMediaType");
  });

  it("a multipart body with a missing part or broken framing: 400", async () => {
    const [meta] = uploadParts("/a.txt", "abc");
    const { body, contentType } = multipart([meta!]);
    expect(
      (
        await call(emu, "PUT", appPath(emu, "/hosting/assets/asset"), {
          token,
          body,
          headers: { "content-type": contentType },
        })
      ).status,
    ).toBe(400);
    const broken = await call(emu, "PUT", appPath(emu, "/hosting/assets/asset"), {
      token,
      body: '--xyz\r\nContent-Disposition: form-data; name="meta"\r\n\r\n{}',
      headers: { "content-type": "multipart/mixed; boundary=xyz" },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error_code).toBe("InvalidParameter");
  });

  it("dependencies take multipart/form-data: JSON, a missing 'file' part or a gzip are refused", async () => {
    const json = await call(emu, "PUT", appPath(emu, "/dependencies"), {
      token,
      json: { dependencies: {} },
    });
    expect(json.status).toBe(400);
    expect(json.body.error).toContain("multipart/form-data");
    const form = (method: string, path: string, parts: Part[]) => {
      const { body, contentType } = multipart(parts);
      const headers = { "content-type": contentType.replace("mixed", "form-data") };
      return call(emu, method, appPath(emu, path), { token, body, headers });
    };
    const missing = await form("POST", "/dependencies/diff", [{ name: "other", content: "{}" }]);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toContain("'file'");
    const gzip = Buffer.from([0x1f, 0x8b, 8, 0]);
    const refused = await form("PUT", "/dependencies", [
      { name: "file", filename: "node_modules.tgz", content: gzip },
    ]);
    expect(refused.status).toBe(501);
    expect(refused.body.error_code).toBe("NotSupportedByEmulator");
  });

  it("broken percent-encoding in a path parameter: 400 naming it", async () => {
    const answer = await call(emu, "GET", `/groups/${emu.groupId}/apps/%E0%A4%A`, { token });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain("appId");
  });

  it("a malformed HTTP request: 400, and the server keeps serving", async () => {
    const reply = await rawRequest("THIS IS NOT HTTP\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await call(emu, "GET", "/auth/profile", { token })).status).toBe(200);
  });

  it("a JSON body of the wrong shape: 400 naming the field", async () => {
    const answer = await call(emu, "POST", appPath(emu, "/values"), {
      token,
      json: ["not", "an", "object"],
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error_code: "InvalidParameter" });
    expect(answer.body.error).toMatch(/body/);
  });
});
