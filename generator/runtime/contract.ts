/**
 * The contract between the generated operations and the runtime that calls them: what an
 * operation is (`OperationInfo`, `Operation`), what it resolves to (`FetchResult`), the options
 * a call takes, and `sendOperation`, the one function that turns an operation and its flat
 * parameters into an openapi-fetch request. A real module, type-checked where it stands; the
 * generator copies it unchanged into `generated/contract.ts`, which generated files and the
 * runtime in `packages/` import. It imports only openapi-fetch.
 */
import {
  mergeHeaders,
  type HeadersOptions,
  type Middleware,
  type ParseAs,
  type QuerySerializerOptions,
} from "openapi-fetch";

/** How a body travels; decides the serializer, `parseAs` and the TypeScript type. */
export type MediaKind =
  "json" | "form-urlencoded" | "multipart-form" | "multipart-mixed" | "text" | "binary";

/** How openapi-fetch reads a response body (`parseAs`). */
export type ParseKind = "json" | "text" | "blob";

/** Static facts about one operation, for the runtime (errors, retries, logging) and the emulator. */
export interface OperationInfo {
  /** The upstream operationId. */
  operationId: string;
  /** The namespace (camelCase of the spec tag). */
  namespace: string;
  /** The method name in the namespace. */
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";
  /** The path template, e.g. "/groups/{groupId}/apps". */
  path: string;
  pathParams: readonly string[];
  queryParams: readonly string[];
  /** The request body's media type, when the operation takes a body. */
  requestMediaType?: string;
  /**
   * How the runtime encodes a multipart body (`multipartEncoder` or `formDataEncoder`), named here
   * so that a bundle holds the encoders of the operations it calls and no others.
   */
  encodeBody?: BodyEncoder;
  /** How the success body is read when it is not JSON. */
  parseAs?: "text" | "blob";
  /**
   * When the caller may pick the response media type (call option `accept`): each one the
   * operation offers, the default first, with how its body is parsed.
   */
  accepts?: Readonly<Record<string, ParseKind>>;
}

/** What a generated function resolves to: openapi-fetch's result, with the 2xx body typed. */
export type FetchResult<T> =
  | { data: T; error?: never; response: Response }
  | { data?: never; error: unknown; response: Response };

/** The shape of any openapi-fetch result. */
export interface FetchResultLike {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Per-call options a user may pass as the second argument of a namespace method. */
export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** The call option of an operation that offers several response media types. */
export interface AcceptOption<A> {
  /**
   * The media type to ask for, sent as `Accept`: the result is parsed and typed accordingly
   * (JSON by default, `Blob` for bytes such as `application/zip`, `string` for text).
   */
  accept?: A;
}

/**
 * What a generated operation forwards to openapi-fetch besides parameters and body: fetch options
 * (`signal`, ...), headers, serializers, `parseAs`, a per-call `fetch` or middleware.
 */
export type OperationInit = Omit<RequestInit, "body" | "headers" | "method"> & {
  baseUrl?: string;
  headers?: HeadersOptions;
  parseAs?: ParseAs;
  fetch?: (input: Request) => Promise<Response>;
  querySerializer?: QuerySerializerOptions;
  bodySerializer?: (body: unknown) => unknown;
  middleware?: Middleware[];
};

/** Declared only: the keys of an `Operation`'s type-level facts, never set at run time. */
declare const paramsType: unique symbol;
declare const resultType: unique symbol;
declare const acceptType: unique symbol;

/**
 * One operation as a value (`apps.ListApplications` next to `apps.listApplications`): its facts,
 * and at the type level its parameters and results. The namespaces bind these; the runtime's
 * `call` takes one, so that importing a single descriptor bundles a single operation.
 */
export interface Operation<P, R, A = unknown> extends OperationInfo {
  /** Type-level only: the parameters it takes. */
  readonly [paramsType]?: P;
  /** Type-level only: what a successful call resolves to. */
  readonly [resultType]?: R;
  /** Type-level only: what it resolves to per media type asked for (`accepts`). */
  readonly [acceptType]?: A;
}

/**
 * Supplied by the runtime: builds and sends the operation's request from its flat parameters and
 * turns the response into `T` or a thrown error.
 */
export type Invoke = <T>(
  info: OperationInfo,
  params: Readonly<Record<string, unknown>>,
  options?: CallOptions,
) => Promise<T>;

/**
 * What a generated function needs of its client: any openapi-fetch client (`admin.raw`, or
 * `createClient<paths>(...)`). Typed loosely on purpose: each operation's parameters and result
 * are typed by the generated code, so the compiler need not match every call against
 * openapi-fetch's path types (a test proves those agree, once).
 */
export interface OperationClient {
  request(method: never, url: never, init?: never): Promise<unknown>;
}

type Sender = (method: string, url: string, init: object) => Promise<FetchResultLike>;

/**
 * Sends one operation through an openapi-fetch client: path and query parameters picked from
 * the flat `params` by name, `params.body` encoded for the operation's media type, `Accept` set
 * where the operation offers several response media types; `init` may override the defaults
 * (its headers are merged over ours).
 */
export function sendOperation<R>(
  client: OperationClient,
  operation: OperationInfo,
  params: object,
  init?: OperationInit,
): Promise<FetchResult<R>> {
  const given = params as Readonly<Record<string, unknown>>;
  // Only what the operation needs is set, so a plain GET costs one object here.
  const request: Record<string, unknown> = {};
  let headers: Record<string, string> | undefined;
  if (operation.parseAs) request.parseAs = operation.parseAs;
  const media = operation.requestMediaType;
  const kind = media === undefined ? "json" : mediaKind(media);
  if (kind !== "json" && kind !== "multipart-form") headers = { "Content-Type": media! };
  if (kind === "multipart-mixed") {
    const boundary = multipartBoundary();
    request.bodySerializer = (body: unknown) => multipartBody(body, boundary);
    headers!["Content-Type"] = `${media!.split(";")[0]}; boundary=${boundary}`;
  } else if (kind === "multipart-form") {
    request.bodySerializer = formDataBody;
  } else if (kind === "text" || kind === "binary") {
    request.bodySerializer = (body: unknown) => body;
    // fetch refuses a stream body unless it is sent half-duplex.
    if (given.body instanceof ReadableStream) request.duplex = "half";
  }
  // Several response media types: ask for the default one unless the caller asks otherwise.
  if (operation.accepts) (headers ??= {}).Accept = Object.keys(operation.accepts)[0]!;
  Object.assign(request, init);
  const path = pick(given, operation.pathParams, true);
  const query = pick(given, operation.queryParams, false);
  if (path || query) request.params = { path, query };
  if (media !== undefined) request.body = given.body;
  if (headers) request.headers = mergeHeaders(headers, init?.headers);
  const send = (client as unknown as { request: Sender }).request;
  return send.call(client, operation.method, operation.path, request) as Promise<FetchResult<R>>;
}

/**
 * Classifies a media type by how it travels: JSON (`application/json`, `*+json`), form encodings,
 * multipart, text, or opaque bytes. Parameters such as `; charset=utf-8` are ignored.
 */
export function mediaKind(mediaType: string): MediaKind {
  const base = mediaType.split(";")[0]!.trim().toLowerCase();
  if (base === "application/json" || base.endsWith("+json") || base === "*/*") return "json";
  if (base === "application/x-www-form-urlencoded") return "form-urlencoded";
  if (base === "multipart/form-data") return "multipart-form";
  if (base.startsWith("multipart/")) return "multipart-mixed";
  if (base.startsWith("text/")) return "text";
  return "binary";
}

/**
 * The named parameters in `params`. Path parameters are all passed, absent ones included, for the
 * path serializer to refuse; query parameters only when given, and no query object at all when
 * none is (nothing for openapi-fetch to serialize).
 */
function pick(
  params: Readonly<Record<string, unknown>>,
  names: readonly string[],
  all: boolean,
): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const name of names) {
    const value = params[name];
    if (all || value !== undefined) (out ??= {})[name] = value;
  }
  return out;
}

/**
 * Encodes `params.body` for a multipart media type: the body to send, and the Content-Type to
 * send it with when fetch does not write one (it does for `FormData`).
 */
export type BodyEncoder = (body: unknown, mediaType: string) => [Blob | FormData, string?];

/** `multipart/*` other than form data: one part per property, under a boundary of its own. */
export function multipartEncoder(body: unknown, mediaType: string): [Blob, string] {
  const boundary = multipartBoundary();
  return [multipartBody(body, boundary), `${mediaType.split(";")[0]}; boundary=${boundary}`];
}

/** `multipart/form-data`: a `FormData` (fetch writes the Content-Type and its boundary). */
export function formDataEncoder(body: unknown): [FormData] {
  return [formDataBody(body)];
}

/** A fresh multipart boundary, long and random enough never to occur in a part. */
export function multipartBoundary(): string {
  return (
    "----appservices-admin-" +
    Math.random().toString(36).slice(2) +
    Math.random().toString(36).slice(2)
  );
}

/**
 * Encodes an object as a `multipart/*` body with the given boundary, one part per property
 * (OpenAPI's default multipart encoding): bytes as `application/octet-stream`, strings as
 * `text/plain`, anything else as JSON; undefined properties are skipped, as JSON would.
 */
export function multipartBody(body: unknown, boundary: string): Blob {
  const parts: (string | Blob | Uint8Array<ArrayBuffer>)[] = [];
  for (const [name, value] of partsOf(body)) {
    if (value === undefined) continue;
    const bytes = value instanceof Blob || value instanceof Uint8Array;
    const type = bytes
      ? "application/octet-stream"
      : typeof value === "string"
        ? "text/plain"
        : "application/json";
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    );
    // A copy gives the ArrayBuffer-backed view Blob accepts under every lib setting.
    parts.push(
      value instanceof Uint8Array
        ? new Uint8Array(value)
        : value instanceof Blob
          ? value
          : typeof value === "string"
            ? value
            : JSON.stringify(value),
    );
    parts.push("\r\n");
  }
  parts.push(`--${boundary}--\r\n`);
  return new Blob(parts);
}

/**
 * Encodes an object as `multipart/form-data` (fetch writes the boundary). A `FormData` is sent as
 * it is: its entries are not properties, so encoding it as an object would send an empty form.
 */
export function formDataBody(body: unknown): FormData {
  if (body instanceof FormData) return body;
  const form = new FormData();
  for (const [name, value] of partsOf(body)) {
    if (value === undefined) continue;
    if (value instanceof Blob) form.append(name, value);
    else if (value instanceof Uint8Array) form.append(name, new Blob([new Uint8Array(value)]));
    else if (typeof value === "string") form.append(name, value);
    else form.append(name, new Blob([JSON.stringify(value)], { type: "application/json" }));
  }
  return form;
}

/**
 * A multipart body's parts, one per own property. Bytes, a Blob, a stream, an array or a string
 * has none of its own: taken property by property, a file's bytes would become one part per byte.
 */
function partsOf(body: unknown): [string, unknown][] {
  if (
    typeof body !== "object" ||
    body === null ||
    Array.isArray(body) ||
    ArrayBuffer.isView(body) ||
    body instanceof ArrayBuffer ||
    body instanceof Blob ||
    body instanceof ReadableStream ||
    body instanceof FormData
  ) {
    const given = Object.prototype.toString.call(body).slice(8, -1);
    throw new TypeError(
      `a multipart body is an object with one property per part, such as { meta, file }; got ${given}, nothing was sent`,
    );
  }
  return Object.entries(body);
}
