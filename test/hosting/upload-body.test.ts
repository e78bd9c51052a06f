/**
 * A first sync reads each small new file straight into its upload body (`UploadBody`): the body
 * must be, byte for byte, the one `multipartBody` lays out around the same bytes (DESIGN §4).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { syncHosting } from "../../packages/hosting/index.js";
import { BUFFERED_BODY_BYTES, multipartBody } from "../../packages/hosting/multipart.js";
import { heldSource } from "../../packages/hosting/sources.js";
import { UploadBody } from "../../packages/hosting/upload-body.js";
import type { AdminCaller } from "../../packages/client/create-admin-core.js";
import { md5, removeTree, tempTree } from "./helpers.js";

const APP_ID = "5f0c2d8e9b1e8a3d4c5b6a79";

/** The body `multipartBody` lays out for these bytes, with the same boundary. */
async function laidOut(body: UploadBody, path: string, bytes: Uint8Array): Promise<Buffer> {
  const meta = { path, hash: md5(bytes), size: bytes.byteLength, appId: APP_ID, attrs: body.attrs };
  const factory = await multipartBody(meta, heldSource([bytes], meta), body.boundary);
  return Buffer.from(factory() as Uint8Array);
}

describe("UploadBody", () => {
  test.each([
    ["/index.html", 1],
    ["/a/b/c.css", 1000],
    ["/ünïcødé/页面.html", 333],
    ['/quotes "hash":"x" and \\ backslash.txt', 64],
    ["/largest.bin", BUFFERED_BODY_BYTES],
  ])("%s, %i bytes: the body multipartBody lays out, byte for byte", async (path, size) => {
    const attrs = [
      { name: "Content-Type", value: "text/html; charset=utf-8" },
      { name: "Cache-Control", value: "max-age=60, «public»" },
    ];
    const body = new UploadBody({ path, size, appId: APP_ID, attrs });
    expect(body.content.byteLength).toBe(size);
    for (let i = 0; i < size; i++) body.content[i] = (i * 7 + size) % 256;
    const bytes = Buffer.from(body.content);
    const ready = body.finish(body.content, md5(bytes));
    expect(ready?.boundary).toBe(body.boundary);
    expect(Buffer.from(ready!.bytes).equals(await laidOut(body, path, bytes))).toBe(true);
  });

  test("bytes that do not fill the room exactly (a file that shrank, or read elsewhere) are refused", () => {
    const body = new UploadBody({ path: "/f.txt", size: 10, appId: APP_ID, attrs: [] });
    const hash = md5("0123456789");
    expect(body.finish(body.content.subarray(0, 9), hash)).toBeUndefined();
    expect(body.finish(body.content.subarray(1), hash)).toBeUndefined();
    expect(body.finish(Buffer.from("0123456789"), hash)).toBeUndefined();
    expect(body.finish(undefined, hash)).toBeUndefined();
    expect(body.finish(body.content, hash)).toBeDefined();
  });
});

describe("a first sync's bodies", () => {
  let dir: string;
  const files: Record<string, string> = {
    "index.html": "<h1>home</h1>",
    "ünïcødé/页面.html": "<p>页面</p>",
    'odd "name".txt': "quoted",
    "empty.txt": "",
  };
  beforeAll(async () => {
    dir = await tempTree(files);
  });
  afterAll(() => removeTree(dir));

  test("are laid out as DESIGN §4 says, with the MD5 of the bytes read; attrs asked once per path", async () => {
    // The listing is answered at once (before any file is read), so every file is read into its body.
    const puts: { body: Buffer; contentType: string }[] = [];
    const caller = {
      call: async (
        operation: { method: string },
        params: { body?: Uint8Array },
        options?: { headers?: Record<string, string> },
      ) => {
        if (operation.method === "GET") return [];
        puts.push({
          body: Buffer.from(params.body!),
          contentType: options!.headers!["Content-Type"]!,
        });
        return undefined;
      },
    } as unknown as AdminCaller;
    const asked: string[] = [];
    const result = await syncHosting(caller, {
      groupId: "g",
      appId: APP_ID,
      dir,
      attrs: (path) => {
        asked.push(path);
        return [{ name: "Cache-Control", value: "no-cache" }];
      },
    });
    expect(result.failed).toEqual([]);
    expect(result.uploaded).toHaveLength(4);
    expect(asked.sort()).toEqual(result.uploaded);
    expect(puts).toHaveLength(4);
    for (const put of puts) {
      const boundary = /boundary=([0-9a-f]{60})$/.exec(put.contentType)![1]!;
      const path = JSON.parse(
        /"path":("(?:[^"\\]|\\.)*")/.exec(put.body.toString())![1]!,
      ) as string;
      const content = files[path.slice(1)]!;
      const json = JSON.stringify({
        path,
        hash: md5(content),
        size: Buffer.byteLength(content),
        appId: APP_ID,
        attrs: [{ name: "Cache-Control", value: "no-cache" }],
      });
      expect(put.body.toString()).toBe(
        `--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\n\r\n${json}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\n${content}\r\n` +
          `--${boundary}--\r\n`,
      );
    }
  });
});
