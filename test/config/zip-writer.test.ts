import { randomBytes } from "node:crypto";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { zipFiles } from "../../packages/config/zip-writer.js";

const text = new TextEncoder().encode("module.exports = 1;\n".repeat(200));
const noise = new Uint8Array(randomBytes(4096));

describe("zipFiles", () => {
  it("writes a zip a zip reader gives back whole: deflated, stored (incompressible), empty, UTF-8 names", () => {
    const files: [string, Uint8Array][] = [
      ["node_modules/a/index.js", text],
      ["node_modules/b/blob.bin", noise],
      ["node_modules/c/empty.txt", new Uint8Array()],
      ["node_modules/é/ü.js", new TextEncoder().encode("x")],
    ];
    const zip = zipFiles(files);
    const back = unzipSync(zip);
    expect(Object.keys(back).sort()).toEqual(files.map(([path]) => path).sort());
    for (const [path, bytes] of files) expect(back[path], path).toEqual(bytes);
    // Deflate pays where it can: the repeated text takes a fraction of its size.
    expect(zip.length).toBeLessThan(text.length / 4 + noise.length + 1024);
  });

  it("makes the same bytes for the same files in any order", () => {
    const a = zipFiles([
      ["node_modules/x.js", text],
      ["node_modules/y.bin", noise],
    ]);
    const b = zipFiles([
      ["node_modules/y.bin", noise],
      ["node_modules/x.js", text],
    ]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("refuses more entries than a zip without zip64 holds, before reading any", () => {
    const many = Array.from({ length: 65_536 }, (_, i): [string, Uint8Array] => [`f${i}`, text]);
    expect(() => zipFiles(many)).toThrow(/at most 65535 files; got 65536/);
  });
});
