// A zip archive written with Node's own deflate and CRC-32 (node:zlib). The project reads zips with
// fflate, but bundled into the SDK its writer (it comes with the whole library: 47 KB) took the
// installed SDK past its size target (`npm run bench:bundle`), for one use: `pushApp`'s
// `node_modules` upload. The container around Node's deflate is a few fixed headers
// (APPNOTE.TXT 4.3), written here without zip64, so within its limits, checked below.
import { crc32, deflateRawSync } from "node:zlib";

const STORED = 0;
const DEFLATED = 8;
const UTF8_NAMES = 0x0800;
// 1980-01-01 00:00, the earliest DOS date: the same folder always makes the same bytes.
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;
/** The most files a zip without zip64 holds. */
export const MAX_ZIP_ENTRIES = 0xffff;
const MAX_BYTES = 0xffffffff;

/**
 * A zip of `files` (`/`-separated paths, in path order), each deflated unless deflate would make
 * it larger (then stored). Throws a `RangeError` past what a zip without zip64 holds: 65,535
 * entries, 4 GiB per file or in all.
 */
export function zipFiles(files: ReadonlyArray<readonly [string, Uint8Array]>): Uint8Array {
  if (files.length > MAX_ZIP_ENTRIES)
    throw new RangeError(`a zip holds at most ${MAX_ZIP_ENTRIES} files; got ${files.length}`);
  const sorted = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [path, bytes] of sorted) {
    const name = Buffer.from(path, "utf8");
    const deflated = deflateRawSync(bytes);
    const stored = deflated.length >= bytes.length;
    const data = stored ? bytes : deflated;
    const entry = {
      method: stored ? STORED : DEFLATED,
      crc: crc32(bytes),
      size: bytes.length,
      packed: data.length,
      name,
    };
    const local = header(0x04034b50, 30, entry);
    parts.push(local, name, data);
    const record = header(0x02014b50, 46, entry);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += local.length + name.length + data.length;
    if (offset > MAX_BYTES) throw new RangeError(`a zip holds at most 4 GiB; ${path} goes past it`);
  }
  const directory = central.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(directory, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

interface Entry {
  method: number;
  crc: number;
  size: number;
  packed: number;
  name: Uint8Array;
}

/** A local header (`length` 30) or a central directory record (46), its shared fields filled. */
function header(signature: number, length: 30 | 46, entry: Entry): Buffer {
  if (entry.size > MAX_BYTES || entry.packed > MAX_BYTES)
    throw new RangeError("a zip without zip64 holds files of at most 4 GiB");
  const out = Buffer.alloc(length);
  out.writeUInt32LE(signature, 0);
  // The central record has "version made by" first; the rest sits 2 bytes further on.
  let at = 4;
  if (length === 46) {
    out.writeUInt16LE(20, at);
    at += 2;
  }
  out.writeUInt16LE(20, at); // version needed: deflate
  out.writeUInt16LE(UTF8_NAMES, at + 2);
  out.writeUInt16LE(entry.method, at + 4);
  out.writeUInt16LE(DOS_TIME, at + 6);
  out.writeUInt16LE(DOS_DATE, at + 8);
  out.writeUInt32LE(entry.crc, at + 10);
  out.writeUInt32LE(entry.packed, at + 14);
  out.writeUInt32LE(entry.size, at + 18);
  out.writeUInt16LE(entry.name.length, at + 22);
  return out;
}
