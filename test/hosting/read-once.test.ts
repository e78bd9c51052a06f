/**
 * Each file is read and hashed once per sync (issue 17 item 3): small files are uploaded from the
 * bytes that were hashed, larger ones are read again and checked by size and modification time,
 * not by a second MD5.
 */
import { readdirSync, readlinkSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { readFile, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { AdminApiError } from "../../packages/client/index.js";
import { digestFile } from "../../packages/hosting/digest-file.js";
import {
  READ_CHUNK_BYTES,
  readFileChunks,
  readUnchangedFile,
} from "../../packages/hosting/file-read.js";
import { HeldContent } from "../../packages/hosting/held-content.js";
import { AssetChangedError, syncHosting, type SyncProgress } from "../../packages/hosting/index.js";
import {
  hosted,
  md5,
  removeTree,
  startHarness,
  tempTree,
  UPLOAD,
  type Harness,
} from "./helpers.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeTree(dir);
});

async function tree(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await tempTree(files);
  dirs.push(dir);
  return dir;
}

/**
 * Runs `then` with each file's path as soon as it has been hashed, inside the progress callback
 * and synchronously, so it is done before that file's upload can start.
 */
const afterHashing =
  (then: (path: string) => void) =>
  (p: SyncProgress): void => {
    if (p.phase === "hash") then(p.path);
  };

describe("syncHosting against the emulator", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.emu.stop());

  const sync = (dir: string, onProgress?: (p: SyncProgress) => void) =>
    syncHosting(h.admin, { groupId: h.groupId, appId: h.appId, dir, onProgress });

  test("small files are uploaded from the read that hashed them: each gone from disk once hashed, still uploaded", async () => {
    const files = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`small/${i}.txt`, `small file ${i}`]),
    );
    const dir = await tree(files);
    h.emu.control.resetCounts();
    const result = await sync(
      dir,
      afterHashing((path) => rmSync(join(dir, ...path.split("/")))),
    );
    expect(result.failed).toEqual([]);
    expect(result.uploaded).toHaveLength(12);
    const remote = await hosted(h);
    for (const [rel, content] of Object.entries(files))
      expect(remote.get(`/${rel}`)).toMatchObject({ hash: md5(content), size: content.length });
  });

  test("a large file changed after hashing (new size or mtime) is refused; the others go on", async () => {
    const large = Buffer.alloc(READ_CHUNK_BYTES + 10, 1);
    const dir = await tree({ "large.bin": large, "ok.txt": "ok" });
    const file = join(dir, "large.bin");
    const result = await sync(
      dir,
      afterHashing((path) => {
        if (path !== "/large.bin") return;
        writeFileSync(file, Buffer.alloc(READ_CHUNK_BYTES + 10, 2));
        utimesSync(file, 2_000_000_000, 2_000_000_000);
      }),
    );
    expect(result.uploaded).toEqual(["/ok.txt"]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]).toMatchObject({ path: "/large.bin", operation: "upload" });
    expect(result.failed[0]!.error).toBeInstanceOf(AssetChangedError);
    expect((result.failed[0]!.error as Error).message).toMatch(
      /content of \/large\.bin changed after it was hashed.*not completed/,
    );
    expect((await hosted(h)).has("/large.bin")).toBe(false);
  });

  test("a large file is not hashed twice: content changed behind an unchanged size and mtime is sent, and the server's MD5 check refuses it", async () => {
    const dir = await tree({ "large.bin": Buffer.alloc(READ_CHUNK_BYTES + 10, 3) });
    const file = join(dir, "large.bin");
    await utimes(file, 1_700_000_000, 1_700_000_000);
    h.emu.control.resetCounts();
    const result = await sync(
      dir,
      afterHashing(() => {
        writeFileSync(file, Buffer.alloc(READ_CHUNK_BYTES + 10, 4));
        utimesSync(file, 1_700_000_000, 1_700_000_000);
      }),
    );
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.error).toBeInstanceOf(AdminApiError);
    expect(result.failed[0]!.error).toMatchObject({ status: 400 });
    expect(h.emu.control.counts().byOperation[UPLOAD]).toBe(1);
    expect((await hosted(h)).has("/large.bin")).toBe(false);
  });

  test("files hashed before the listing arrived are uploaded from the bytes read then", async () => {
    const first = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`a/${i}.txt`, `a${i}`]));
    const dir = await tree(first);
    // The listing is answered only once every file has been hashed and then removed from disk:
    // their content can only come from the reads that hashed them.
    let hashed = 0;
    let allHashed: () => void = () => undefined;
    const hashing = new Promise<void>((resolve) => (allHashed = resolve));
    const held = await startHarness(async (request) => {
      if (request.method === "GET" && request.url.includes("/hosting/assets")) await hashing;
      return globalThis.fetch(request);
    });
    try {
      const result = await syncHosting(held.admin, {
        groupId: held.groupId,
        appId: held.appId,
        dir,
        onProgress: (p) => {
          if (p.phase !== "hash") return;
          rmSync(join(dir, ...p.path.split("/")));
          if (++hashed === 6) allHashed();
        },
      });
      expect(result).toMatchObject({ failed: [], unchanged: 0 });
      expect(result.uploaded).toHaveLength(6);
      const remote = await hosted(held);
      for (const [rel, content] of Object.entries(first))
        expect(remote.get(`/${rel}`)).toMatchObject({ hash: md5(content), size: content.length });
    } finally {
      await held.emu.stop();
    }
  });

  test("a no-op sync sends nothing but the listing", async () => {
    const dir = await tree({ "a.txt": "a", "b/c.txt": "c" });
    await sync(dir);
    h.emu.control.resetCounts();
    const result = await sync(dir);
    expect(result).toMatchObject({ uploaded: [], unchanged: 2, failed: [] });
    expect(h.emu.control.counts().byOperation).toEqual({ adminGetAllHostedAssets: 1 });
  });
});

/** What this process holds open on `path`, from the descriptors' links in /proc. */
const openOn = (path: string) =>
  readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false; // closed meanwhile (the listing's own descriptor)
    }
  });

describe("digestFile", () => {
  test.each([
    ["empty", 0],
    ["small", 100],
    ["exactly one read", READ_CHUNK_BYTES],
    ["one byte more than one read", READ_CHUNK_BYTES + 1],
    ["several reads", READ_CHUNK_BYTES * 3 + 17],
  ])(
    "%s: MD5 and size of every byte; the content only when it fitted in one read",
    async (_, size) => {
      const content = Buffer.alloc(size);
      for (let i = 0; i < size; i++) content[i] = (i * 31) % 251;
      const dir = await tree({ "f.bin": content });
      const read = await digestFile(join(dir, "f.bin"), Buffer.alloc(READ_CHUNK_BYTES));
      expect({ hash: read.hash, size: read.size }).toEqual({ hash: md5(content), size });
      expect(read.mtimeMs).toBeGreaterThan(0);
      // Buffer.equals: a deep toEqual walks a large buffer index by index, for seconds.
      if (size <= READ_CHUNK_BYTES) expect(content.equals(read.bytes!)).toBe(true);
      else expect(read.bytes).toBeUndefined();
    },
  );

  test("no descriptor of the file is left open once it settles, read or failed", async () => {
    const dir = await tree({ "f.bin": Buffer.alloc(100, 1), "sub/g.txt": "g" });
    const file = join(dir, "f.bin");
    await digestFile(file, Buffer.alloc(READ_CHUNK_BYTES));
    expect(openOn(file)).toEqual([]);
    // A folder opens but cannot be read (EISDIR).
    const folder = join(dir, "sub");
    await expect(digestFile(folder, Buffer.alloc(READ_CHUNK_BYTES))).rejects.toMatchObject({
      code: "EISDIR",
    });
    expect(openOn(folder)).toEqual([]);
    // The read buffer is chosen once the file is open; a choice that throws closes it too.
    const refused = new Error("no room");
    const choose = () => {
      throw refused;
    };
    await expect(digestFile(file, choose)).rejects.toBe(refused);
    expect(openOn(file)).toEqual([]);
  });

  test("a file whose size the file system reports as 0 is read to its end", async () => {
    const read = await digestFile("/proc/self/status", Buffer.alloc(READ_CHUNK_BYTES));
    expect(read.size).toBeGreaterThan(0);
    expect(read.bytes!.byteLength).toBe(read.size);
    expect(Buffer.from(read.bytes!).toString()).toMatch(/^Name:/);
  });
});

describe("readUnchangedFile", () => {
  const read = async (chunks: AsyncIterable<Uint8Array>) => {
    const parts: Uint8Array[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    return Buffer.concat(parts);
  };

  test("an unchanged file: every byte, in fresh chunks", async () => {
    const content = Buffer.alloc(READ_CHUNK_BYTES * 2 + 5, 9);
    const dir = await tree({ "f.bin": content });
    const file = join(dir, "f.bin");
    const digest = await digestFile(file, Buffer.alloc(READ_CHUNK_BYTES));
    expect(content.equals(await read(readUnchangedFile(file, digest, "/f.bin")))).toBe(true);
  });

  test.each([
    ["grew", (file: string) => writeFile(file, "0123456789 and more")],
    ["shrank", (file: string) => writeFile(file, "0123")],
    ["touched", (file: string) => utimes(file, 2_000_000_000, 2_000_000_000)],
  ])(
    "a file that %s since it was hashed: AssetChangedError before the first byte",
    async (_, change) => {
      const dir = await tree({ "f.txt": "0123456789" });
      const file = join(dir, "f.txt");
      const digest = await digestFile(file, Buffer.alloc(READ_CHUNK_BYTES));
      await change(file);
      const chunks: Uint8Array[] = [];
      const error = await (async () => {
        for await (const chunk of readUnchangedFile(file, digest, "/f.txt")) chunks.push(chunk);
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AssetChangedError);
      expect(error).toMatchObject({ path: "/f.txt" });
      expect(chunks).toEqual([]);
    },
  );

  test("no descriptor of the file is left open: read whole, refused as changed, or left early", async () => {
    const dir = await tree({ "f.bin": Buffer.alloc(READ_CHUNK_BYTES * 2, 3) });
    const file = join(dir, "f.bin");
    const digest = await digestFile(file, Buffer.alloc(READ_CHUNK_BYTES));
    await read(readUnchangedFile(file, digest, "/f.bin"));
    expect(openOn(file)).toEqual([]);
    for await (const _ of readUnchangedFile(file, digest, "/f.bin")) break;
    expect(openOn(file)).toEqual([]);
    await utimes(file, 2_000_000_000, 2_000_000_000);
    await expect(read(readUnchangedFile(file, digest, "/f.bin"))).rejects.toBeInstanceOf(
      AssetChangedError,
    );
    expect(openOn(file)).toEqual([]);
  });

  test("readFileChunks (a spool file read again) closes its descriptor too", async () => {
    const content = Buffer.alloc(READ_CHUNK_BYTES + 9, 4);
    const dir = await tree({ body: content });
    const file = join(dir, "body");
    expect(content.equals(await read(readFileChunks(file, content.byteLength)))).toBe(true);
    expect(openOn(file)).toEqual([]);
    for await (const _ of readFileChunks(file)) break;
    expect(openOn(file)).toEqual([]);
  });

  test("a file changed while it is being read: AssetChangedError after the last byte", async () => {
    const dir = await tree({ "f.bin": Buffer.alloc(READ_CHUNK_BYTES * 2, 1) });
    const file = join(dir, "f.bin");
    const digest = await digestFile(file, Buffer.alloc(READ_CHUNK_BYTES));
    let chunks = 0;
    const error = await (async () => {
      for await (const _ of readUnchangedFile(file, digest, "/f.bin")) {
        if (++chunks === 1) await utimes(file, 2_000_000_000, 2_000_000_000);
      }
    })().catch((e: unknown) => e);
    expect(chunks).toBe(2);
    expect(error).toBeInstanceOf(AssetChangedError);
    expect(await readFile(file)).toHaveLength(READ_CHUNK_BYTES * 2);
  });
});

describe("HeldContent", () => {
  const entry = (path: string, hash: string, size: number) => ({
    path,
    file: `/x${path}`,
    hash,
    size,
    mtimeMs: 1,
  });

  test("keeps copies within its limit, hands each over once", () => {
    const held = new HeldContent(10);
    const scratch = Buffer.from("abcdef");
    held.offer(entry("/a", "ha", 6), scratch.subarray(0, 6));
    scratch.fill(0); // the read buffer is reused: the kept copy must not change
    held.offer(entry("/b", "hb", 6), Buffer.from("123456")); // 12 > 10: not kept
    held.offer(entry("/c", "hc", 4), Buffer.from("wxyz"));
    expect(Buffer.from(held.take("/a")!).toString()).toBe("abcdef");
    expect(held.take("/a")).toBeUndefined();
    expect(held.take("/b")).toBeUndefined();
    expect(Buffer.from(held.take("/c")!).toString()).toBe("wxyz");
  });

  test("keeps what was read into its room without a copy; no room for empty or large files, or past the limit", () => {
    const held = new HeldContent(100);
    const room = held.room(6)!;
    room.set(new TextEncoder().encode("abcdef"));
    held.offer(entry("/a", "ha", 6), room.subarray(0, 6));
    const kept = held.take("/a")!;
    expect(Buffer.from(kept).toString()).toBe("abcdef");
    expect(kept.buffer).toBe(room.buffer);
    expect(kept.byteOffset).toBe(room.byteOffset);
    expect(held.room(0)).toBeUndefined();
    expect(held.room(READ_CHUNK_BYTES + 1)).toBeUndefined();
    expect(held.room(94)).toBeDefined();
    expect(held.room(1)).toBeUndefined();
  });
});
