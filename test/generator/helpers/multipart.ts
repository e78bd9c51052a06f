/** One part of a multipart body: its headers (lower-case names) and raw bytes. */
export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Splits a multipart body (RFC 2046) by the boundary of its Content-Type, byte-exact, so a
 * conformance test can check what the generated serializer put on the wire.
 */
export function parseMultipart(contentType: string, body: Buffer): Part[] {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  const text = body.toString("latin1");
  const chunks = text.split(`--${boundary}`);
  if (!chunks.at(-1)!.startsWith("--"))
    throw new Error("the multipart body has no closing boundary");
  return chunks.slice(1, -1).map((chunk) => {
    if (!chunk.startsWith("\r\n") || !chunk.endsWith("\r\n"))
      throw new Error("a part is not delimited by CRLF");
    const end = chunk.indexOf("\r\n\r\n");
    const headers: Record<string, string> = {};
    for (const line of chunk.slice(2, end).split("\r\n")) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    return { headers, body: Buffer.from(chunk.slice(end + 4, -2), "latin1") };
  });
}
