import { connect } from "node:net";
import { strToU8, zipSync } from "fflate";
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

  it("dependencies take multipart/form-data: JSON, a missing 'file' part or a broken gzip are refused", async () => {
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
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: "invalid file: not a valid gzip archive: unexpected end of file",
      error_code: "InvalidParameter",
    });
  });

  // What the emulator stores it serves back (GET /dependencies/archive): an upload is checked to
  // be what realm-cli sends (local/dependencies.go: a zip of node_modules/…, or a package.json;
  // local/archive.go: a tar or a gzip as they are).
  it("dependencies: a tar with a broken header, a zip with no node_modules, an entry outside its folder or a bad package.json is a 400 naming it; nothing is stored", async () => {
    const put = async (content: Uint8Array | string, filename = "node_modules.zip") => {
      const { body, contentType } = multipart([{ name: "file", filename, content }]);
      const headers = { "content-type": contentType.replace("mixed", "form-data") };
      const answer = await call(emu, "PUT", appPath(emu, "/dependencies"), {
        token,
        body,
        headers,
      });
      return { status: answer.status, body: answer.body };
    };
    const bad = (problem: string) => ({
      status: 400,
      body: { error: `invalid file: ${problem}`, error_code: "InvalidParameter" },
    });
    const tar = new Uint8Array(512);
    tar.set(new TextEncoder().encode("ustar"), 257);
    expect(await put(tar, "node_modules.tar")).toEqual(
      bad("not a valid tar archive: the header at byte 0 has no octal number at offset 148"),
    );
    const pkg = strToU8(JSON.stringify({ name: "ms", version: "2.1.3" }));
    expect(await put(zipSync({ "lib/ms/package.json": pkg }))).toEqual(
      bad("the zip archive holds no node_modules folder"),
    );
    expect(await put(zipSync({ "node_modules/../../evil.js": strToU8("x") }))).toEqual(
      bad(
        "the archive's entry 'node_modules/../../evil.js' lands outside the folder it is extracted to",
      ),
    );
    expect(await put(zipSync({ "/etc/node_modules/x.js": strToU8("x") }))).toEqual(
      bad(
        "the archive's entry '/etc/node_modules/x.js' lands outside the folder it is extracted to",
      ),
    );
    expect(await put("null", "package.json")).toEqual(bad("a package.json must be a JSON object"));
    expect(await put('{"dependencies":"ms"}', "package.json")).toEqual(
      bad("package.json 'dependencies' must be an object of versions"),
    );
    expect(await put('{"dependencies":{"ms":2}}', "package.json")).toEqual(
      bad("package.json 'dependencies.ms' must be a version string"),
    );
    // Nothing was stored by any of them; a zip as the CLI makes it is taken.
    const none = await call(emu, "GET", appPath(emu, "/dependencies"), { token });
    expect(none.status).toBe(404);
    expect(await put(zipSync({ "node_modules/ms/package.json": pkg }))).toEqual({
      status: 204,
      body: "",
    });
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
