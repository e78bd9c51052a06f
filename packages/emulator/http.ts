import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { FormParts } from "./form-body.js";

/** An error the emulator answers with `{error, error_code?}`; `code` is omitted where the real API omits it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** 400 InvalidParameter naming the offending field: the answer to every validation failure. */
export function invalidParameter(where: string, problem: string): HttpError {
  return new HttpError(400, `invalid ${where}: ${problem}`, "InvalidParameter");
}

/** 404 in the server-wide `...NotFound` family. */
export function notFound(what: string, code: string): HttpError {
  return new HttpError(404, `${what} not found`, code);
}

/** What a handler returns: a status and a JSON body, raw bytes, or nothing. */
export interface Reply {
  status: number;
  body?: unknown;
  raw?: { bytes: Uint8Array; contentType: string };
  headers?: Record<string, string>;
}

/** The authenticated caller of a request (absent on login and other unauthenticated routes). */
export interface Caller {
  userId: string;
  /** The refresh session, on routes authenticated by a refresh token. */
  sessionId?: string;
}

/** Everything a handler may read about a request. */
export interface RequestContext {
  method: string;
  /** Path below the API base (`/groups/...`), decoded per segment into `params`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
  /** The raw body bytes (empty when none was sent). */
  body: Buffer;
  /** The body parsed as JSON (undefined when empty or not JSON); set by the pipeline after validation. */
  json: unknown;
  /** The parts of a multipart body, on routes that take one (`multipart: true`). */
  parts?: FormParts;
  caller?: Caller;
  /** The caller's IP address as the socket saw it (an access list entry made with `use_current`). */
  remoteAddress?: string;
  /** The upstream operationId or, for routes outside the spec, `METHOD template`. */
  operation: string;
}

/** A route handler. */
export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

/** The error body: `error_code` only when there is one. */
export function errorBody(error: HttpError): { error: string; error_code?: string } {
  return error.code === undefined
    ? { error: error.message }
    : { error: error.message, error_code: error.code };
}

/** Writes a reply; a JSON body gets `application/json`, no body gets nothing at all. */
export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: Uint8Array | undefined;
  if (reply.raw) {
    headers["content-type"] = reply.raw.contentType;
    payload = reply.raw.bytes;
  } else if (reply.body !== undefined) {
    headers["content-type"] = "application/json";
    // Encoded once: the length and the socket both take the bytes (a long listing is 500 KB).
    payload = Buffer.from(JSON.stringify(reply.body));
  }
  if (payload !== undefined) headers["content-length"] = String(payload.byteLength);
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** Thrown by `readBody` when a body exceeds the configured limit. */
export class BodyTooLargeError extends HttpError {
  constructor(limit: number) {
    super(413, `request body exceeds the emulator's limit of ${limit} bytes`, "RequestTooLarge");
  }
}

/**
 * The client closed the connection before its request was read or answered (or `stop()` closed
 * it): nobody is left to answer, and it is no fault of the server's.
 */
export class ClientGoneError extends Error {
  constructor() {
    super("the client closed the connection before the answer");
    this.name = "ClientGoneError";
  }
}

/**
 * Reads the whole body (chunked or not). Past `limit` bytes the rest is drained and dropped, so
 * the client still gets a clean 413 instead of a reset connection. A connection closed before
 * the declared end of the body rejects with `ClientGoneError`.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    // A body that came in one chunk (most small ones) is used as it is, not copied.
    req.on("end", () =>
      tooLarge
        ? reject(new BodyTooLargeError(limit))
        : resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)),
    );
    req.on("error", () => reject(new ClientGoneError()));
    // Every request closes, most after their end: an error is made only for the others.
    req.on("close", () => req.complete || reject(new ClientGoneError()));
  });
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}
