/**
 * The `Request` class the client gives openapi-fetch: a real WHATWG Request that also keeps the
 * body it was built from (the serialized JSON string, the Blob, the bytes, the stream).
 *
 * Why: fetch copies a Request it is given, and copying a Request's body pipes it through an
 * identity stream; sending the same Request twice (a retry, a replay after a token refresh) needs
 * a clone, which tees the body. Given its source, an attempt is sent as `fetch(request,
 * { signal, body: source })` instead: the bytes go straight from the source and the Request's own
 * body is never read, so a reusable source sends the same Request again.
 *
 * A call that marks its init with `SEND_SOURCE` (namespace calls, when no middleware could read
 * the Request) gets a Request without a body at all: building one extracts the body (a copy of
 * the bytes and a ReadableStream: 40 µs plus the copy per request, ~200 µs for a 24 KB upload,
 * microbenchmark) only for the transport to send the source instead.
 */
export class SourcedRequest extends Request {
  /** `init.body` as given to the constructor; null when there was none. */
  readonly source: RequestInit["body"] | null;

  constructor(input: Request | string | URL, init?: SourcedInit) {
    const body = init?.body ?? null;
    const send = init?.[SEND_SOURCE];
    const apart =
      body !== null &&
      send !== undefined &&
      (send === "any" ? !(body instanceof FormData) : isReusable(body));
    super(input, apart ? { ...init, body: undefined } : init);
    this.source = body;
  }
}

/**
 * Marks a request init whose body need not be built into the Request: `"reusable"` when the
 * source can be sent again as is (see `isReusable`), `"any"` when a body factory rebuilds any
 * other (a stream). A symbol, so openapi-fetch passes it to the Request constructor without
 * copying it onto the Request (its `for...in` over the init skips symbols) and fetch ignores it.
 */
export const SEND_SOURCE: unique symbol = Symbol("appservices-admin.sendSource");

/** A Request init, with the `SEND_SOURCE` mark the client's calls may set. */
export type SourcedInit = RequestInit & { [SEND_SOURCE]?: "reusable" | "any" | undefined };

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
  return (
    typeof body === "string" ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof URLSearchParams
  );
}
