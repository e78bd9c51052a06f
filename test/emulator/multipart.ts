import { createHash } from "node:crypto";

/** MD5 as lowercase hex, as the hosting API wants it. */
export const md5 = (bytes: Uint8Array | string): string =>
  createHash("md5").update(bytes).digest("hex");

/** One part of a hand-built multipart body. */
export interface Part {
  name: string;
  /** A file part's name (Go's `CreateFormFile`). */
  filename?: string;
  content: Uint8Array | string;
  contentType?: string;
}

/**
 * Builds a multipart body the way the official CLI does (Go's `CreateFormField`: a
 * `form-data; name=...` disposition, no part Content-Type), unless a part says otherwise.
 */
export function multipart(
  parts: Part[],
  boundary = `b${Math.random().toString(16).slice(2)}`,
): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const file = part.filename === undefined ? "" : `; filename="${part.filename}"`;
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${file}\r\n`;
    if (part.contentType) head += `Content-Type: ${part.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(part.content), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/mixed; boundary=${boundary}` };
}

/** The parts of an upload of `content` to `path`. */
export function uploadParts(
  path: string,
  content: Uint8Array | string,
  extra: Record<string, unknown> = {},
): Part[] {
  const bytes = Buffer.from(content);
  const meta = { path, hash: md5(bytes), size: bytes.byteLength, attrs: [], ...extra };
  return [
    { name: "meta", content: JSON.stringify(meta) },
    { name: "file", content: bytes },
  ];
}
