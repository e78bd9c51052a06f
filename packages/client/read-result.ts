/** A response read the way openapi-fetch reads it: the 2xx body as `data`, any other as `error`. */
export interface ReadResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * Reads `response` exactly as openapi-fetch's `client.request` does, so that a namespace call
 * resolves to what it resolved to when openapi-fetch sent it: nothing for a 204, a HEAD or an
 * announced empty body; a 2xx body by `parseAs` (JSON with no `Content-Length` may be empty:
 * then undefined); any other body as text, JSON-parsed when it parses. A 2xx JSON body that does
 * not parse rejects with the `SyntaxError`.
 */
export async function readResult(
  response: Response,
  method: string,
  parseAs: "json" | "text" | "blob",
): Promise<ReadResult> {
  const length = response.headers.get("content-length");
  if (
    response.status === 204 ||
    method === "HEAD" ||
    (length === "0" && !response.headers.get("transfer-encoding")?.includes("chunked"))
  ) {
    return { response };
  }
  if (response.ok) {
    if (parseAs === "json" && !length) {
      const text = await response.text();
      return { data: text ? JSON.parse(text) : undefined, response };
    }
    return { data: await response[parseAs](), response };
  }
  const text = await response.text();
  let error: unknown = text;
  try {
    error = JSON.parse(text);
  } catch {
    // openapi-fetch keeps the text
  }
  return { error, response };
}
