import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start, type Answer } from "./helpers.js";
import { md5, multipart, uploadParts, type Part } from "./multipart.js";

let emu: RunningEmulator;
let token: string;

function upload(parts: Part[], query = "", boundary?: string): Promise<Answer> {
  const { body, contentType } = multipart(parts, boundary);
  return call(emu, "PUT", appPath(emu, `/hosting/assets/asset${query}`), {
    token,
    body,
    headers: { "content-type": contentType },
  });
}

async function list(recursive = true): Promise<any[]> {
  const answer = await call(
    emu,
    "GET",
    appPath(emu, `/hosting/assets${recursive ? "?recursive=true" : ""}`),
    { token },
  );
  expect(answer.status).toBe(200);
  return answer.body;
}

beforeAll(async () => {
  emu = await start({ logs: { count: 1 } });
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

describe("hosting (DESIGN §4 Hosting)", () => {
  it("starts empty", async () => {
    expect(await list()).toEqual([]);
  });

  it("uploads multipart/mixed with parts found by name (meta after file, no part content types): 204", async () => {
    const [meta, file] = uploadParts("/index.html", "<h1>hi</h1>", {
      attrs: [{ name: "Content-Type", value: "text/html" }],
    });
    const answer = await upload([file!, meta!]);
    expect(answer.status, answer.text).toBe(204);
    const assets = await list();
    const asset = assets.find((a) => a.path === "/index.html");
    expect(asset).toMatchObject({
      appId: emu.appId,
      hash: md5("<h1>hi</h1>"),
      size: 11,
      attrs: [{ name: "Content-Type", value: "text/html" }],
    });
    expect(asset.last_modified).toBeGreaterThan(0);
  });

  it("lists a '/' directory entry like the real API, then every file when recursive", async () => {
    await upload(uploadParts("/css/site.css", "body{}"));
    const assets = await list();
    expect(assets[0]).toMatchObject({ path: "/", size: 0 });
    expect(assets.map((a) => a.path)).toEqual(["/", "/css/site.css", "/index.html"]);
    const top = await list(false);
    expect(top.map((a) => a.path)).toEqual(["/", "/index.html", "/css/"]);
  });

  it("serves the bytes at the asset's url with its Content-Type", async () => {
    const asset = (await list()).find((a) => a.path === "/index.html");
    const res = await fetch(asset.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html");
    expect(await res.text()).toBe("<h1>hi</h1>");
  });

  it("takes the path from ?path= when given, else from meta", async () => {
    const answer = await upload(uploadParts("/ignored.txt", "q"), "?path=%2Fquery.txt");
    expect(answer.status).toBe(204);
    const paths = (await list()).map((a) => a.path);
    expect(paths).toContain("/query.txt");
    expect(paths).not.toContain("/ignored.txt");
  });

  it("accepts a chunked body and part content types", async () => {
    const bytes = Buffer.alloc(70_000, 7);
    const { body, contentType } = multipart([
      {
        name: "meta",
        content: JSON.stringify({ path: "/big.bin", hash: md5(bytes), size: bytes.length }),
        contentType: "application/json",
      },
      { name: "file", content: bytes, contentType: "application/octet-stream" },
    ]);
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(emu.url + appPath(emu, "/hosting/assets/asset"));
      const req = request(
        url,
        {
          method: "PUT",
          headers: { "content-type": contentType, authorization: `Bearer ${token}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on("error", reject);
      // Several writes without a Content-Length: Node sends Transfer-Encoding: chunked.
      for (let i = 0; i < body.length; i += 8192) req.write(body.subarray(i, i + 8192));
      req.end();
    });
    expect(status).toBe(204);
    const got = await call(emu, "GET", appPath(emu, "/hosting/assets/asset?path=%2Fbig.bin"), {
      token,
    });
    expect(got.body).toMatchObject({ path: "/big.bin", size: 70_000, hash: md5(bytes) });
  });

  it("rejects a wrong MD5, a wrong size, and uppercase hex", async () => {
    const wrongHash = await upload(uploadParts("/a.txt", "abc", { hash: md5("abd") }));
    expect(wrongHash.status).toBe(400);
    expect(wrongHash.body).toMatchObject({ error_code: "InvalidParameter" });
    expect(wrongHash.body.error).toContain("meta.hash");
    const upper = await upload(uploadParts("/a.txt", "abc", { hash: md5("abc").toUpperCase() }));
    expect(upper.status).toBe(400);
    const wrongSize = await upload(uploadParts("/a.txt", "abc", { size: 4 }));
    expect(wrongSize.status).toBe(400);
    expect(wrongSize.body.error).toContain("meta.size");
  });

  it("rejects a body missing a part, naming the part", async () => {
    const [meta, file] = uploadParts("/a.txt", "abc");
    const noFile = await upload([meta!]);
    expect(noFile.status).toBe(400);
    expect(noFile.body.error).toContain("'file'");
    const noMeta = await upload([file!]);
    expect(noMeta.body.error).toContain("'meta'");
  });

  it("rejects a non-multipart upload with 400", async () => {
    const answer = await call(emu, "PUT", appPath(emu, "/hosting/assets/asset?path=%2Fx.txt"), {
      token,
      json: { file: "x" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain("multipart/mixed");
    expect(answer.body.error_code).toBe("InvalidParameter");
  });

  it("rejects a disallowed attribute name", async () => {
    const answer = await upload(
      uploadParts("/a.txt", "abc", { attrs: [{ name: "X-Custom", value: "1" }] }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain("meta.attrs[0].name");
  });

  it("gets one asset by ?path=, and 404s an unknown one", async () => {
    const got = await call(
      emu,
      "GET",
      appPath(emu, "/hosting/assets/asset?path=%2Fcss%2Fsite.css"),
      { token },
    );
    expect(got.body).toMatchObject({ path: "/css/site.css", hash: md5("body{}") });
    const missing = await call(emu, "GET", appPath(emu, "/hosting/assets/asset?path=%2Fnope"), {
      token,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error_code).toBe("AssetNotFound");
  });

  it("replaces all attributes with PATCH: 204", async () => {
    const path = appPath(emu, "/hosting/assets/asset?path=%2Findex.html");
    const attributes = [{ name: "Cache-Control", value: "no-cache" }];
    const answer = await call(emu, "PATCH", path, { token, json: { attributes } });
    expect(answer.status).toBe(204);
    expect((await call(emu, "GET", path, { token })).body.attrs).toEqual(attributes);
    const bad = await call(emu, "PATCH", path, {
      token,
      json: { attributes: [{ name: "Server", value: "x" }] },
    });
    expect(bad.status).toBe(400);
  });

  it("moves and copies with POST …/assets: 204", async () => {
    expect(
      (
        await call(emu, "POST", appPath(emu, "/hosting/assets"), {
          token,
          json: { copy_from: "/query.txt", copy_to: "/copy.txt" },
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await call(emu, "POST", appPath(emu, "/hosting/assets"), {
          token,
          json: { move_from: "/copy.txt", move_to: "/moved.txt" },
        })
      ).status,
    ).toBe(204);
    const paths = (await list()).map((a) => a.path);
    expect(paths).toContain("/query.txt");
    expect(paths).toContain("/moved.txt");
    expect(paths).not.toContain("/copy.txt");
    const both = await call(emu, "POST", appPath(emu, "/hosting/assets"), {
      token,
      json: { move_from: "/a", copy_to: "/b" },
    });
    expect(both.status).toBe(400);
    const missing = await call(emu, "POST", appPath(emu, "/hosting/assets"), {
      token,
      json: { move_from: "/none", move_to: "/b" },
    });
    expect(missing.status).toBe(404);
  });

  it("deletes with DELETE …/assets/asset?path=: 204, then 404", async () => {
    const path = appPath(emu, "/hosting/assets/asset?path=%2Fmoved.txt");
    expect((await call(emu, "DELETE", path, { token })).status).toBe(204);
    expect((await call(emu, "GET", path, { token })).status).toBe(404);
    expect((await call(emu, "DELETE", path, { token })).status).toBe(404);
  });

  it("invalidates the cache with PUT …/hosting/cache: 204", async () => {
    const answer = await call(emu, "PUT", appPath(emu, "/hosting/cache"), {
      token,
      json: { invalidate: true, path: "/*" },
    });
    expect(answer.status).toBe(204);
    const bad = await call(emu, "PUT", appPath(emu, "/hosting/cache"), {
      token,
      json: { path: "/*" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("invalidate");
  });
  it("lists each url encoded segment by segment (a URL-safe path as it is), and serves it there", async () => {
    const paths = [
      "/plain-(1)_~!*'.v2/x.txt",
      "/a b/ü#?&%.txt",
      "/q/semi;colon,comma+plus=eq@at$.txt",
    ];
    for (const path of paths)
      expect((await upload(uploadParts(path, `of ${path}`))).status).toBe(204);
    const urls = new Map((await list()).map((a) => [a.path as string, a.url as string]));
    for (const path of paths) {
      const encoded = path.split("/").map(encodeURIComponent).join("/");
      expect(urls.get(path)!.endsWith(encoded), `${urls.get(path)} ends with ${encoded}`).toBe(
        true,
      );
      const res = await fetch(urls.get(path)!);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(`of ${path}`);
    }
    expect(urls.get(paths[0]!)!.endsWith(paths[0]!)).toBe(true);
    expect(urls.get(paths[1]!)!.endsWith(paths[1]!)).toBe(false);
  });
});
