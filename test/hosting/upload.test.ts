import { createReadStream } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { AdminInvalidAppIdError } from "../../packages/client/index.js";
import {
  AssetChangedError,
  fromFile,
  uploadAsset,
  type FileInput,
} from "../../packages/hosting/index.js";
import { BUFFERED_BODY_BYTES } from "../../packages/hosting/multipart.js";
import { SPOOL_MEMORY_BYTES } from "../../packages/hosting/spool.js";
import {
  capturingFetch,
  hosted,
  md5,
  ops,
  removeTree,
  startHarness,
  tempTree,
  UPLOAD,
  type Captured,
  type Harness,
} from "./helpers.js";

let h: Harness;
let captured: Captured[];
let dir: string;

beforeAll(async () => {
  const capture = capturingFetch();
  captured = capture.captured;
  h = await startHarness(capture.fetch);
  dir = await tempTree({
    "page.html": "<h1>from disk</h1>",
    "data.bin": new Uint8Array([0, 1, 2, 255]),
  });
});
afterAll(async () => {
  await h.emu.stop();
  await removeTree(dir);
});
beforeEach(() => {
  captured.length = 0;
  h.emu.control.resetCounts();
});

const uploads = () =>
  captured.filter((c) => c.method === "PUT" && c.url.pathname.endsWith("/hosting/assets/asset"));

async function served(path: string): Promise<{ bytes: Buffer; contentType: string | null }> {
  const asset = await h.admin.hosting.getHostedAsset({ groupId: h.groupId, appId: h.appId, path });
  const res = await fetch(asset.url!);
  expect(res.status).toBe(200);
  return {
    bytes: Buffer.from(await res.arrayBuffer()),
    contentType: res.headers.get("content-type"),
  };
}

describe("uploadAsset wire format (DESIGN §4, as the official CLI sends it)", () => {
  test("multipart/mixed with a meta part then a file part, MD5 and size in meta, no ?path=, no JSON", async () => {
    const content = "<h1>hello</h1>\n";
    const meta = await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/index.html",
      file: Buffer.from(content),
    });
    const attrs = [{ name: "Content-Type", value: "text/html" }];
    expect(meta).toEqual({
      path: "/index.html",
      hash: md5(content),
      size: 15,
      appId: h.appId,
      attrs,
    });

    const [request] = uploads();
    expect(uploads()).toHaveLength(1);
    expect(request!.url.pathname).toBe(
      new URL(h.emu.url).pathname + `/groups/${h.groupId}/apps/${h.appId}/hosting/assets/asset`,
    );
    expect(request!.url.search).toBe("");
    const contentType = request!.headers.get("content-type")!;
    const boundary = /^multipart\/mixed; boundary=([0-9a-f]{60})$/.exec(contentType)?.[1];
    expect(boundary, contentType).toBeDefined();
    const json = JSON.stringify({
      path: "/index.html",
      hash: md5(content),
      size: 15,
      appId: h.appId,
      attrs,
    });
    const expected =
      `--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\n\r\n${json}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\n${content}\r\n` +
      `--${boundary}--\r\n`;
    expect(request!.body.toString("utf8")).toBe(expected);
    expect(() => JSON.parse(request!.body.toString("utf8"))).toThrow();
    expect(ops(h)[UPLOAD]).toBe(1);
    expect(h.emu.control.counts().byStatus["204"]).toBe(1);
  });

  test("a streamed (large) body has the same layout, byte for byte", async () => {
    const content = Buffer.alloc(BUFFERED_BODY_BYTES * 3 + 5, 0x61);
    const meta = await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/big.txt",
      file: new Blob([content]),
    });
    expect(meta).toMatchObject({ hash: md5(content), size: content.length });
    const [request] = uploads();
    const boundary = /boundary=([0-9a-f]{60})$/.exec(request!.headers.get("content-type")!)![1];
    const json = JSON.stringify({
      path: "/big.txt",
      hash: md5(content),
      size: content.length,
      appId: h.appId,
      attrs: [{ name: "Content-Type", value: "text/plain" }],
    });
    const expected = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\n\r\n${json}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    expect(request!.body.equals(expected)).toBe(true);
  });

  test("a fresh boundary per upload, and binary bytes pass through untouched", async () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/all.bin",
      file: bytes,
    });
    await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/all.bin",
      file: bytes,
    });
    const [a, b] = uploads().map((c) => c.headers.get("content-type"));
    expect(a).not.toBe(b);
    expect((await served("/all.bin")).bytes).toEqual(Buffer.from(bytes));
    expect((await hosted(h)).get("/all.bin")).toMatchObject({ hash: md5(bytes), size: 256 });
  });
});

describe("every input kind", () => {
  const text = "same content from every kind of input\n";
  const kinds: [string, () => FileInput][] = [
    ["Uint8Array", () => new TextEncoder().encode(text)],
    ["Buffer", () => Buffer.from(text)],
    ["ArrayBuffer", () => new TextEncoder().encode(text).buffer],
    ["Blob", () => new Blob([text])],
    ["ReadableStream", () => new Blob([text.slice(0, 10), text.slice(10)]).stream()],
    [
      "async iterable",
      () =>
        (async function* () {
          for (const word of text.split(/(?= )/)) yield Buffer.from(word);
        })(),
    ],
  ];
  test.each(kinds)("%s", async (kind, make) => {
    const path = `/kinds/${kind.replace(/ /g, "-")}.txt`;
    const meta = await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path,
      file: make(),
    });
    expect(meta).toMatchObject({ hash: md5(text), size: Buffer.byteLength(text) });
    expect((await served(path)).bytes.toString()).toBe(text);
  });

  test("Node Readable (async iterable of Buffers)", async () => {
    const meta = await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/kinds/readable.html",
      file: createReadStream(join(dir, "page.html")),
    });
    expect(meta).toMatchObject({ hash: md5("<h1>from disk</h1>"), size: 18 });
  });

  test("fromFile reads the file (a small one once), never the path as content", async () => {
    const meta = await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/kinds/file.bin",
      file: fromFile(join(dir, "data.bin")),
    });
    expect(meta).toMatchObject({ hash: md5(new Uint8Array([0, 1, 2, 255])), size: 4 });
    expect((await served("/kinds/file.bin")).bytes).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  test("a missing file fails before any request", async () => {
    await expect(
      uploadAsset(h.admin, {
        groupId: h.groupId,
        appId: h.appId,
        path: "/x.txt",
        file: fromFile(join(dir, "nope")),
      }),
    ).rejects.toThrow(/ENOENT/);
    expect(uploads()).toHaveLength(0);
  });

  test("an empty file uploads with size 0", async () => {
    const meta = await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/empty.txt",
      file: new Uint8Array(0),
    });
    expect(meta).toMatchObject({ hash: md5(""), size: 0 });
    expect((await hosted(h)).get("/empty.txt")).toMatchObject({ hash: md5(""), size: 0 });
  });
});

describe("strings are refused", () => {
  test("at the type level and at run time, before any request", async () => {
    const path = join(dir, "page.html");
    const ids = { groupId: h.groupId, appId: h.appId, path: "/page.html" };
    const typed = () =>
      uploadAsset(h.admin, {
        ...ids,
        // @ts-expect-error a path string is not file content: use fromFile(path)
        file: path,
      });
    await expect(typed()).rejects.toThrow(TypeError);
    await expect(typed()).rejects.toThrow(/file is a string.*fromFile\(path\)/);
    const boxed = new String(path) as unknown as FileInput;
    await expect(
      uploadAsset(h.admin, { groupId: h.groupId, appId: h.appId, path: "/page.html", file: boxed }),
    ).rejects.toThrow(/file is a string/);
    expect(uploads()).toHaveLength(0);
  });

  test("other values, and a stream that yields strings, are refused with what they were", async () => {
    const bad = { length: 3 } as unknown as FileInput;
    await expect(
      uploadAsset(h.admin, { groupId: h.groupId, appId: h.appId, path: "/x.txt", file: bad }),
    ).rejects.toThrow(/got an object of class Object/);
    const strings = (async function* () {
      yield "text" as unknown as Uint8Array;
    })();
    await expect(
      uploadAsset(h.admin, { groupId: h.groupId, appId: h.appId, path: "/x.txt", file: strings }),
    ).rejects.toThrow(/yielded string/);
    expect(uploads()).toHaveLength(0);
  });
});

describe("attributes", () => {
  test.each([
    ["/a/site.css", "text/css"],
    ["/app.js", "text/javascript"],
    ["/logo.SVG", "image/svg+xml"],
    ["/data.json", "application/json"],
  ])("Content-Type of %s is %s", async (path, type) => {
    const meta = await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path,
      file: Buffer.from("x"),
    });
    expect(meta.attrs).toEqual([{ name: "Content-Type", value: type }]);
    expect((await hosted(h)).get(path)?.attrs).toEqual([{ name: "Content-Type", value: type }]);
    expect((await served(path)).contentType).toBe(type);
  });

  test("no extension, no attribute (the server decides), like the official CLI", async () => {
    const meta = await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/LICENSE",
      file: Buffer.from("MIT"),
    });
    expect(meta.attrs).toEqual([]);
  });

  test("given attrs replace the default entirely", async () => {
    const attrs = [
      { name: "Content-Type", value: "text/plain; charset=utf-8" },
      { name: "Cache-Control", value: "no-cache" },
    ];
    const meta = await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/page.html",
      file: Buffer.from("<p>"),
      attrs,
    });
    expect(meta.attrs).toEqual(attrs);
    expect((await hosted(h)).get("/page.html")?.attrs).toEqual(attrs);
    const empty = await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/bare.html",
      file: Buffer.from("<p>"),
      attrs: [],
    });
    expect(empty.attrs).toEqual([]);
  });
});

describe("checks and failures", () => {
  test("a client_app_id where the appId belongs, or a bad path, fails before any request", async () => {
    await expect(
      uploadAsset(h.admin, {
        groupId: h.groupId,
        appId: "myapp-abcde",
        path: "/a.txt",
        file: Buffer.from("a"),
      }),
    ).rejects.toBeInstanceOf(AdminInvalidAppIdError);
    for (const path of ["a.txt", "/dir/", "\\a.txt"]) {
      await expect(
        uploadAsset(h.admin, { groupId: h.groupId, appId: h.appId, path, file: Buffer.from("a") }),
      ).rejects.toThrow(/asset path must start with '\/'/);
    }
    expect(uploads()).toHaveLength(0);
  });

  test.each([
    ["small (checked before sending)", 4],
    ["large (cut before the closing boundary)", BUFFERED_BODY_BYTES + 1000],
  ])(
    "content that changes between hashing and sending is never completed on the server: %s",
    async (_, size) => {
      let reads = 0;
      const shifting = {
        size,
        stream: () => new Blob([new Uint8Array(size).fill(reads++ === 0 ? 97 : 98)]).stream(),
      };
      h.emu.control.resetCounts();
      const error = await uploadAsset(h.admin, {
        groupId: h.groupId,
        appId: h.appId,
        path: "/shifting.txt",
        file: shifting,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AssetChangedError);
      expect(error).toMatchObject({
        path: "/shifting.txt",
        message: expect.stringMatching(/changed after it was hashed.*not completed/),
      });
      expect(h.emu.control.counts().byStatus["204"]).toBeUndefined();
      expect((await hosted(h)).has("/shifting.txt")).toBe(false);
    },
  );

  test("an aborted upload rejects and stores nothing", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      uploadAsset(h.admin, {
        groupId: h.groupId,
        appId: h.appId,
        path: "/aborted.txt",
        file: Buffer.from("x"),
        signal: controller.signal,
      }),
    ).rejects.toThrow();
    expect((await hosted(h)).has("/aborted.txt")).toBe(false);
  });
});

describe("middleware on admin.raw", () => {
  test("sees every upload as a real Request, with its multipart body and headers", async () => {
    const m = await startHarness();
    try {
      const seen: { method: string; type: string | null; isRequest: boolean; body: string }[] = [];
      m.admin.raw.use({
        async onRequest({ request }) {
          seen.push({
            method: request.method,
            type: request.headers.get("content-type"),
            isRequest: request instanceof Request,
            body: await request.clone().text(),
          });
        },
      });
      await uploadAsset(m.admin, {
        groupId: m.groupId,
        appId: m.appId,
        path: "/mw.txt",
        file: Buffer.from("through middleware"),
      });
      const put = seen.find((r) => r.method === "PUT");
      expect(put).toMatchObject({
        isRequest: true,
        type: expect.stringMatching(/^multipart\/mixed; boundary=/),
      });
      expect(put!.body).toContain("through middleware");
      expect((await hosted(m)).get("/mw.txt")).toMatchObject({ hash: md5("through middleware") });
    } finally {
      await m.emu.stop();
    }
  });
});

describe("replay after a token refresh rebuilds the streamed body", () => {
  test("a one-shot stream is sent whole twice: 401 InvalidSession, refresh, 204", async () => {
    await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/warm.txt",
      file: Buffer.from("x"),
    });
    h.emu.control.expireAccessTokens();
    h.emu.control.resetCounts();
    captured.length = 0;
    const text = "streamed once by the caller, sent twice by the SDK";
    const stream = new Blob([text]).stream();
    const meta = await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/replayed.txt",
      file: stream,
    });
    expect(h.emu.control.counts()).toMatchObject({
      refreshes: 1,
      byStatus: { "401": 1, "204": 1 },
    });
    const [first, second] = uploads();
    expect(uploads()).toHaveLength(2);
    expect(first!.body.equals(second!.body)).toBe(true);
    expect(second!.body.toString()).toContain(`\r\n\r\n${text}\r\n`);
    expect((await hosted(h)).get("/replayed.txt")).toMatchObject({
      hash: meta.hash,
      size: text.length,
    });
  });

  test("a large body's replay re-reads the source through the body factory instead of buffering a clone", async () => {
    let reads = 0;
    const bytes = new Uint8Array(BUFFERED_BODY_BYTES + 1).fill(7);
    const source = { size: bytes.length, stream: () => (reads++, new Blob([bytes]).stream()) };
    await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/warm.txt",
      file: Buffer.from("x"),
    });
    h.emu.control.expireAccessTokens();
    h.emu.control.resetCounts();
    await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/factory.txt",
      file: source,
    });
    expect(h.emu.control.counts()).toMatchObject({
      refreshes: 1,
      byStatus: { "401": 1, "204": 1 },
    });
    // One read to hash, one per send.
    expect(reads).toBe(3);
  });
});

describe("retries rebuild the body too", () => {
  test("a dropped connection on the PUT is retried with the whole body (small and streamed)", async () => {
    for (const size of [10, BUFFERED_BODY_BYTES + 10]) {
      h.emu.control.resetCounts();
      h.emu.control.failNext({
        method: "PUT",
        path: "/groups/{groupId}/apps/{appId}/hosting/assets/asset",
        drop: true,
      });
      const bytes = new Uint8Array(size).fill(size % 251);
      const meta = await uploadAsset(h.admin, {
        groupId: h.groupId,
        appId: h.appId,
        path: `/dropped-${size}.bin`,
        file: new Blob([bytes]),
      });
      const puts = h.emu.control.requests().filter((r) => r.method === "PUT");
      expect(puts.map((r) => r.faulted ?? false)).toEqual([true, false]);
      expect((await hosted(h)).get(`/dropped-${size}.bin`)).toMatchObject({
        hash: meta.hash,
        size,
      });
    }
  });
});

describe("long streams are spooled to a private temporary file", () => {
  test("more than SPOOL_MEMORY_BYTES: uploaded intact, temporary file removed", async () => {
    const size = SPOOL_MEMORY_BYTES + 300_000;
    const chunk = Buffer.alloc(64 * 1024);
    async function* source() {
      let sent = 0;
      for (let i = 0; sent < size; i++) {
        const n = Math.min(chunk.length, size - sent);
        chunk.fill(i % 251);
        // The same buffer every time, refilled: the spool must copy or write it at once.
        yield chunk.subarray(0, n);
        sent += n;
      }
    }
    const copies: Buffer[] = [];
    for await (const c of source()) copies.push(Buffer.from(c));
    const expected = Buffer.concat(copies);
    const before = await spoolDirs();
    const meta = await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/big.bin",
      file: source(),
    });
    expect(meta).toMatchObject({ size, hash: md5(expected) });
    expect((await hosted(h)).get("/big.bin")).toMatchObject({ size, hash: md5(expected) });
    expect(await spoolDirs()).toEqual(before);
  });

  test("a large local file is streamed from disk", async () => {
    const file = join(dir, "large.bin");
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    await writeFile(file, bytes);
    const meta = await uploadAsset(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      path: "/large.bin",
      file: fromFile(file),
    });
    expect(meta).toMatchObject({ size: bytes.length, hash: md5(bytes) });
    expect((await hosted(h)).get("/large.bin")).toMatchObject({
      size: bytes.length,
      hash: md5(bytes),
    });
  });
});

async function spoolDirs(): Promise<string[]> {
  return (await readdir(tmpdir()))
    .filter((name) => name.startsWith("appservices-admin-upload-"))
    .sort();
}
