/**
 * The `Request` class the client gives openapi-fetch (for `raw` calls, and namespace calls once a
 * middleware is registered): a real WHATWG Request that also keeps the body it was built from
 * (the serialized JSON string, the Blob, the bytes, the stream).
 *
 * Why: fetch copies a Request it is given, and copying a Request's body pipes it through an
 * identity stream; sending the same Request twice (a retry, a replay after a token refresh) needs
 * a clone, which tees the body. Given its source, an attempt is sent as `fetch(request,
 * { signal, body: source })` instead (see `fromRequest`): the bytes go straight from the source
 * and the Request's own body is never read, so a reusable source sends the same Request again.
 */
export class SourcedRequest extends Request {
  // Declared, not a class field: the constructor sets it all the same, and a class without
  // fields builds no initializer when the runtime loads (as packages/core/errors.ts does).
  /** `init.body` as given to the constructor; null when there was none. */
  declare readonly source: RequestInit["body"] | null;

  constructor(input: Request | string | URL, init?: RequestInit) {
    super(input, init);
    this.source = init?.body ?? null;
  }
}

/**
 * The body `request` was built from, when sending that instead of the Request's copy puts the
 * same bytes on the wire: not for a Request built elsewhere (a middleware's), nor for FormData,
 * which fetch would encode with a new multipart boundary under the first one's header.
 */
export function bodySource(request: Request): NonNullable<RequestInit["body"]> | undefined {
  if (!(request instanceof SourcedRequest) || request.bodyUsed) return undefined;
  const source = request.source;
  return source === null || source instanceof FormData ? undefined : source;
}

/** True when fetch can send this body again unchanged: no stream, no async iterable. */
export function isReusable(body: NonNullable<RequestInit["body"]>): boolean {
  // The common bodies first: JSON text, bytes (an upload).
  return (
    typeof body === "string" ||
    ArrayBuffer.isView(body) ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    body instanceof URLSearchParams
  );
}
