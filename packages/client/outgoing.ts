import { bodySource } from "./sourced-request.js";

/** A request body as fetch takes it. */
export type BodySource = NonNullable<RequestInit["body"]>;

/**
 * One request as the layers below the front ends see it (fetch layer, retries, attempt): a plain
 * record, not a `Request`. Namespace calls build it directly from the operation and its
 * parameters; `raw` calls and session requests come as openapi-fetch's or the session's `Request`
 * and are turned into one at the fetch layer's entry (`fromRequest`).
 *
 * Why not a Request: fetch copies the Request it is given, and building one before fetch builds
 * its own costs a Headers, a signal and, with a body, a copy of the body (~10% of a small call's
 * CPU, npm run bench:requests). With the global fetch an attempt is one
 * `fetch(url, { method, headers, body, signal })`; a user's `fetch` option gets a `Request` built
 * from the record for each attempt (see `createAttempt`).
 */
export interface OutgoingRequest {
  readonly method: string;
  /** Absolute: the client's base URL, the filled path and the query. */
  readonly url: string;
  /**
   * Lower-case names. Mutable on purpose: the session sets `authorization` on it before each
   * attempt (the same record is sent again on a retry, so the header is simply overwritten).
   */
  readonly headers: Record<string, string>;
  /** The body to send, when not the one `request` holds (see `bodyReplayer`). */
  readonly body?: BodySource | undefined;
  /** The caller's signal, when the call has no controller of its own (`CallContext.controller`). */
  readonly signal?: AbortSignal | undefined;
  /**
   * The Request this record stands for, when there is one (a `raw` call's, a middleware's, the
   * session's, or one holding a body that cannot be sent twice): sent as `fetch(request, { headers,
   * signal, body })`, so its other options (redirect, credentials, ...) still apply. Without
   * `body` it carries the body itself and is cloned for every send.
   */
  readonly request?: Request | undefined;
}

/**
 * The record for a `Request` made elsewhere (a `raw` call's, the session's). Its body goes as the
 * source it was built from when sending that puts the same bytes on the wire (a
 * `SourcedRequest`'s string, bytes or Blob); otherwise the Request itself carries it.
 */
export function fromRequest(request: Request): OutgoingRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) headers[name] = value;
  const { method, url, signal } = request;
  return { method, url, headers, body: bodySource(request), signal, request };
}
