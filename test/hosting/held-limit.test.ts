/**
 * What a sync keeps of the files it hashed before the listing arrived is bounded
 * (`HELD_CONTENT_BYTES`, 1 MiB): over an app already in line every held byte is wasted, so the
 * bound is small; files past it are read again at upload time, checked by size and modification
 * time, and hosted exactly as the ones uploaded from the bytes that were held.
 */
import { utimesSync } from "node:fs";
import { afterEach, describe, expect, test } from "vitest";
import { join } from "node:path";
import { READ_CHUNK_BYTES } from "../../packages/hosting/file-read.js";
import { HELD_CONTENT_BYTES, HeldContent } from "../../packages/hosting/held-content.js";
import { AssetChangedError, syncHosting } from "../../packages/hosting/index.js";
import { hosted, md5, removeTree, startHarness, tempTree, UPLOAD } from "./helpers.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeTree(dir);
});

describe("HeldContent's default limit", () => {
  test("is 1 MiB: four rooms of one read each, then none", () => {
    expect(HELD_CONTENT_BYTES).toBe(2 ** 20);
    expect(READ_CHUNK_BYTES * 4).toBe(HELD_CONTENT_BYTES);
    const held = new HeldContent();
    for (let i = 0; i < 4; i++)
      expect(held.room(READ_CHUNK_BYTES)?.byteLength).toBe(READ_CHUNK_BYTES);
    expect(held.room(1)).toBeUndefined();
  });

  test("copies are kept up to the limit and refused past it", () => {
    const held = new HeldContent();
    const entry = (path: string) => ({ path, file: `/x${path}`, hash: "h", size: 0, mtimeMs: 1 });
    const bytes = (fill: number) => new Uint8Array(HELD_CONTENT_BYTES / 2).fill(fill);
    held.offer(entry("/a"), bytes(1));
    held.offer(entry("/b"), bytes(2));
    held.offer(entry("/c"), bytes(3));
    expect(held.take("/a")?.[0]).toBe(1);
    expect(held.take("/b")?.[0]).toBe(2);
    expect(held.take("/c")).toBeUndefined();
  });
});

describe("a sync whose listing arrives after every file was hashed", () => {
  // Ten files of 200 KiB (one read each, 2 MB in all): at most five fit in the held content.
  const files = Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [`f/${i}.bin`, new Uint8Array(200 * 1024).fill(i + 1)]),
  );

  /** A harness whose listing is answered once `hashed` files have been hashed. */
  async function lateListing(hashed: number) {
    let count = 0;
    let allHashed: () => void = () => undefined;
    const hashing = new Promise<void>((resolve) => (allHashed = resolve));
    const h = await startHarness(async (request) => {
      if (request.method === "GET" && request.url.includes("/hosting/assets")) await hashing;
      return globalThis.fetch(request);
    });
    const onHashed = () => {
      if (++count === hashed) allHashed();
    };
    return { h, onHashed };
  }

  test("uploads every file, those past the limit read again, each hosted with its MD5", async () => {
    const dir = await tempTree(files);
    dirs.push(dir);
    const { h, onHashed } = await lateListing(10);
    try {
      const result = await syncHosting(h.admin, {
        groupId: h.groupId,
        appId: h.appId,
        dir,
        onProgress: (p) => p.phase === "hash" && onHashed(),
      });
      expect(result).toMatchObject({ failed: [], unchanged: 0 });
      expect(result.uploaded).toHaveLength(10);
      expect(h.emu.control.counts().byOperation[UPLOAD]).toBe(10);
      const remote = await hosted(h);
      for (const [rel, content] of Object.entries(files))
        expect(remote.get(`/${rel}`)).toMatchObject({ hash: md5(content), size: content.length });
    } finally {
      await h.emu.stop();
    }
  });

  test("five are sent from the bytes held: the others, touched once hashed, are refused as changed", async () => {
    const dir = await tempTree(files);
    dirs.push(dir);
    const { h, onHashed } = await lateListing(10);
    try {
      const result = await syncHosting(h.admin, {
        groupId: h.groupId,
        appId: h.appId,
        dir,
        onProgress: (p) => {
          if (p.phase !== "hash") return;
          // A new modification time: a file read again is refused, a held one is sent as read.
          utimesSync(join(dir, ...p.path.split("/")), new Date(), new Date(2001, 0, 1));
          onHashed();
        },
      });
      expect(result.uploaded).toHaveLength(5);
      expect(result.failed).toHaveLength(5);
      for (const failure of result.failed) expect(failure.error).toBeInstanceOf(AssetChangedError);
    } finally {
      await h.emu.stop();
    }
  });
});
