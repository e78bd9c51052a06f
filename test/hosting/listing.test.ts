/**
 * The small pieces a sync runs once per file or per listed asset, kept lean (issue 17 item 3):
 * the listing reduced to what the plan compares, attributes compared without sorting when they
 * are in the same order, and MD5 in one call where the runtime has it.
 */
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { AdminCaller } from "../../packages/client/create-admin-core.js";
import { AdminError } from "../../packages/core/errors.js";
import { sameAttributes } from "../../packages/hosting/attributes.js";
import { md5Hex } from "../../packages/hosting/md5.js";
import { nodeCrypto } from "../../packages/hosting/node-builtins.js";
import { listRemoteAssets } from "../../packages/hosting/remote-assets.js";

const ids = { groupId: "5f1a2b3c4d5e6f7a8b9c0d1f", appId: "5f1a2b3c4d5e6f7a8b9c0d1e" };

/** A caller whose every call answers `body`, as the client would after parsing the JSON. */
const answering = (body: unknown): AdminCaller =>
  ({ call: async () => body }) as unknown as AdminCaller;

describe("listRemoteAssets", () => {
  test("keeps path, hash and the well-formed attributes; skips entries without a path", async () => {
    const attrs = [{ name: "Content-Type", value: "text/html" }];
    const listed = [
      { path: "/", hash: "", attrs: [] },
      { path: "/a.html", hash: "AA", size: 1, url: "https://x/a.html", attrs },
      { path: "/b.css", attrs: [{ name: "Cache-Control", value: 1 }, null, ...attrs] },
      { path: "/c.txt", hash: 7, attrs: "none" },
      { hash: "no path" },
      null,
      "text",
    ];
    expect(await listRemoteAssets(answering(listed), ids)).toEqual([
      { path: "/", hash: "", attrs: [] },
      { path: "/a.html", hash: "AA", attrs },
      { path: "/b.css", hash: "", attrs },
      { path: "/c.txt", hash: "", attrs: [] },
    ]);
  });

  test("anything but an array is an AdminError naming the request", async () => {
    const error = await listRemoteAssets(answering({ assets: [] }), ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminError);
    expect((error as Error).message).toMatch(
      /^GET \/groups\/5f1a2b3c4d5e6f7a8b9c0d1f\/apps\/5f1a2b3c4d5e6f7a8b9c0d1e\/hosting\/assets returned .*not an array of assets/,
    );
  });
});

describe("sameAttributes", () => {
  const a = { name: "Content-Type", value: "text/html" };
  const b = { name: "Cache-Control", value: "no-cache" };
  const c = { name: "Cache-Control", value: "max-age=60" };
  test.each([
    ["same order", [a, b], [a, b], true],
    ["any order", [a, b], [b, a], true],
    ["both empty", [], [], true],
    ["a value differs", [a, b], [a, c], false],
    ["one more", [a], [a, b], false],
    ["same names, values swapped between duplicates", [b, b, c], [b, c, c], false],
  ])("%s: %s", (_, x, y, want) => {
    expect(sameAttributes(x, y)).toBe(want);
    expect(sameAttributes(y, x)).toBe(want);
  });
});

describe("md5Hex", () => {
  const bytes = new TextEncoder().encode("hello hosting");
  const want = createHash("md5").update(bytes).digest("hex");

  test("one call with crypto.hash", () => {
    expect(md5Hex(bytes)).toBe(want);
    expect(md5Hex(new Uint8Array(0))).toBe("d41d8cd98f00b204e9800998ecf8427e");
  });

  test("a runtime without crypto.hash gets the same digest from createHash", () => {
    const crypto = nodeCrypto() as { hash?: unknown };
    const oneShot = crypto.hash;
    crypto.hash = undefined;
    try {
      expect(nodeCrypto().hash).toBeUndefined();
      expect(md5Hex(bytes)).toBe(want);
    } finally {
      crypto.hash = oneShot;
    }
  });
});
