/**
 * What a sync keeps of the files it hashed before the listing arrived is bounded
 * (`HELD_CONTENT_BYTES`, 1 MiB): over an app already in line every held byte is wasted, so the
 * bound is small; files past it are read again at upload time, checked by size and modification
 * time, and hosted exactly as the ones uploaded from the bytes that were held.
 */
import { utimesSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { join } from "node:path";
import { READ_CHUNK_BYTES } from "../../packages/hosting/file-read.js";
import { HELD_CONTENT_BYTES, HeldContent } from "../../packages/hosting/held-content.js";
import { AssetChangedError, syncHosting } from "../../packages/hosting/index.js";
import {
  hosted,
  md5,
  removeTree,
  startHarness,
  tempTree,
  UPLOAD,
  type Harness,
} from "./helpers.js";

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
  let h: Harness;
  let dir: string | undefined;
  let allHashed: () => void;
  beforeEach(async () => {
    const hashing = new Promise<void>((resolve) => (allHashed = resolve));
    h = await startHarness(async (request) => {
      if (request.method === "GET" && request.url.includes("/hosting/assets")) await hashing;
      return globalThis.fetch(request);
    });
  });
  afterEach(async () => {
    await h.emu.stop();
    if (dir) await removeTree(dir);
    dir = undefined;
  });

  /** Syncs the ten files, running `touch` on each one's file as soon as it is hashed. */
  async function sync(touch: (file: string) => void = () => undefined) {
    const root = (dir = await tempTree(files));
    let hashed = 0;
    return syncHosting(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      dir: root,
      onProgress: (p) => {
        if (p.phase !== "hash") return;
        touch(join(root, ...p.path.split("/")));
        if (++hashed === 10) allHashed();
      },
    });
  }

  test("uploads every file, those past the limit read again, each hosted with its MD5", async () => {
    const result = await sync();
    expect(result).toMatchObject({ failed: [], unchanged: 0 });
    expect(result.uploaded).toHaveLength(10);
    expect(h.emu.control.counts().byOperation[UPLOAD]).toBe(10);
    const remote = await hosted(h);
    for (const [rel, content] of Object.entries(files))
      expect(remote.get(`/${rel}`)).toMatchObject({ hash: md5(content), size: content.length });
  });

  test("five are sent from the bytes held: the others, touched once hashed, are refused as changed", async () => {
    // A new modification time: a file read again is refused, a held one is sent as it was read.
    const result = await sync((file) => utimesSync(file, new Date(), new Date(2001, 0, 1)));
    expect(result.uploaded).toHaveLength(5);
    expect(result.failed).toHaveLength(5);
    for (const failure of result.failed) expect(failure.error).toBeInstanceOf(AssetChangedError);
  });
});
