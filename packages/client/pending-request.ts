// Never aborted: what a pending request reports as its signal when the call gave it none.
const NEVER = new AbortController().signal;

/**
 * What openapi-fetch constructs for namespace calls instead of a WHATWG `Request` (its per-request
 * `Request` option): the URL and init it would have built the Request from, with the same
 * `url`, `method`, `headers`, `body` and `signal` fields. The transport hands them straight to
 * `fetch`, which builds the call's only Request: one Request and one AbortSignal fewer per call
 * than letting openapi-fetch build one for fetch to copy. Used only while the openapi-fetch
 * client has no middleware, since middleware is entitled to a real Request.
 */
export class PendingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit["body"] | null;
  private readonly init: RequestInit;

  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = String(input);
    this.init = init;
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
  }

  /** The signal the init carried, if any. */
  get signal(): AbortSignal {
    return this.init.signal ?? NEVER;
  }

  /** The arguments for `fetch(url, init)`, sent under `signal`. */
  fetchInit(signal: AbortSignal): RequestInit {
    // The init is this request's own (openapi-fetch builds one per call): no copy needed.
    const init = this.init;
    init.headers = this.headers;
    init.signal = signal;
    return init;
  }

  /** A real Request with this URL, method, headers and body. */
  toRequest(signal?: AbortSignal): Request {
    return new Request(
      this.url,
      signal ? this.fetchInit(signal) : { ...this.init, headers: this.headers },
    );
  }
}

/** A request as the fetch layer sees it: from openapi-fetch, real or pending. */
export type Outgoing = Request | PendingRequest;

/** True when fetch can send this body again unchanged (everything but a stream). */
export function isReusableBody(body: RequestInit["body"] | null | undefined): boolean {
  return (
    !(body instanceof ReadableStream) &&
    !(typeof body === "object" && body !== null && Symbol.asyncIterator in body)
  );
}
