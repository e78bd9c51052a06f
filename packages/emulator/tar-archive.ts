/**
 * Reads the regular files of a tar archive, as the dependencies upload needs them: names and
 * bytes, nothing else. Plain code over ustar headers rather than a library: the upload is already
 * in memory, so a streaming reader (and its dependencies) would buy nothing, and what must be
 * read is small: ustar's name and prefix (v7's name), PAX `path` and `size` records (what GNU
 * tar, bsdtar, npm's tar and Go's archive/tar write for long names) and GNU `L` long names. Links, folders and
 * devices are left out; a node_modules `.bin` link is no package.
 */

const BLOCK = 512;
const text = new TextDecoder();

/**
 * A tar's bytes start a ustar header (POSIX `ustar\0` or GNU `ustar  `, magic at offset 257), or
 * a pre-POSIX (v7) one, which has no magic: then a named first header whose checksum holds is the
 * sign, as Go's archive/tar (the server's language) reads v7 archives too.
 */
export function isTar(bytes: Uint8Array): boolean {
  if (bytes.length < BLOCK) return false;
  if (text.decode(bytes.subarray(257, 262)) === "ustar") return true;
  const header = bytes.subarray(0, BLOCK);
  if (header[0] === 0) return false;
  const digits = field(header, 148, 8).trim();
  return /^[0-7]+$/.test(digits) && parseInt(digits, 8) === checksum(header);
}

/** The regular files by path (a leading `./` dropped); throws an Error saying what is wrong where. */
export function readTar(bytes: Uint8Array): Record<string, Uint8Array> {
  // No prototype: an entry named `__proto__` is a file like any other, not the object's prototype.
  const files = Object.create(null) as Record<string, Uint8Array>;
  let longName: string | undefined;
  let pax = Object.create(null) as Record<string, string>;
  // Like Go's archive/tar, an archive may stop right after an entry, without its end blocks.
  for (let at = 0; at < bytes.length;) {
    if (at + BLOCK > bytes.length) throw new Error(`the header at byte ${at} is cut short`);
    const header = bytes.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) return files; // the end-of-archive blocks
    if (checksum(header) !== octal(header, 148, 8, at))
      throw new Error(`the header at byte ${at} has a wrong checksum`);
    const type = String.fromCharCode(header[156]!);
    // Digits only: Number() also reads "-1536", which stepped back to an earlier header for ever.
    if (pax.size !== undefined && !/^\d+$/.test(pax.size))
      throw new Error(
        `the entry at byte ${at} has a PAX size that is not a count of bytes ('${pax.size}')`,
      );
    const size = pax.size !== undefined ? Number(pax.size) : octal(header, 124, 12, at);
    const start = at + BLOCK;
    if (!Number.isSafeInteger(size) || start + size > bytes.length)
      throw new Error(`the entry at byte ${at} is cut short (${size} bytes announced)`);
    const data = bytes.subarray(start, start + size);
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x") {
      pax = readPax(data, start);
      continue;
    }
    if (type === "L") {
      longName = field(data, 0, data.length);
      continue;
    }
    const prefix = field(header, 345, 155);
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/` : "") + field(header, 0, 100);
    longName = undefined;
    pax = Object.create(null) as Record<string, string>;
    // "g" (global PAX), "K" (long link name) and the rest describe no file's bytes. No type and a
    // name ending in `/` is a v7 folder, as Go's archive/tar reads it.
    const file = type === "0" || type === "7" || (type === "\0" && !name.endsWith("/"));
    if (file) files[name.replace(/^\.\//, "")] = data;
  }
  return files;
}

function field(bytes: Uint8Array, offset: number, length: number): string {
  const slice = bytes.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return text.decode(end < 0 ? slice : slice.subarray(0, end));
}

function octal(header: Uint8Array, offset: number, length: number, at: number): number {
  const digits = field(header, offset, length).trim();
  if (!/^[0-7]+$/.test(digits))
    throw new Error(`the header at byte ${at} has no octal number at offset ${offset}`);
  return parseInt(digits, 8);
}

/** The header's bytes summed with its checksum field counted as spaces. */
function checksum(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum;
}

/** PAX records, `<length> <key>=<value>\n` each, the length counting the whole record. */
function readPax(data: Uint8Array, at: number): Record<string, string> {
  const records = Object.create(null) as Record<string, string>;
  for (let i = 0; i < data.length;) {
    const space = data.indexOf(0x20, i);
    const length = Number(text.decode(data.subarray(i, space)));
    if (space < 0 || !Number.isInteger(length) || length <= 0 || i + length > data.length)
      throw new Error(`the PAX header at byte ${at + i} has a malformed record`);
    const record = text.decode(data.subarray(space + 1, i + length - 1));
    const eq = record.indexOf("=");
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1);
    i += length;
  }
  return records;
}
