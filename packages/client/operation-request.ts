import { mediaKind, type BodyEncoder } from "../../generated/contract.js";
import type { OperationRef } from "./invoke.js";
import { serializeQuery } from "./query-string.js";
import type { BodySource, OutgoingRequest } from "./outgoing.js";

/** What every request of one client shares: where it goes, how its path is filled, who sends it. */
export interface RequestBase {
  /** The client's base URL, without a trailing slash. */
  baseUrl: string;
  /** The client's path serializer (refuses values that would reshape the path). */
  pathSerializer: (template: string, params: Record<string, unknown>) => string;
  userAgent: string;
}

/**
 * The request a namespace call sends, built the way `sendOperation` has openapi-fetch build it,
 * without building a Request: the same URL (path through the client's path serializer, the query
 * serialized as openapi-fetch does by default), the same headers (`Content-Type` for the body's
 * media type, `User-Agent`, the operation's default `Accept`, then the caller's, then the `accept`
 * option's) and the same body bytes for each media kind. Header names are lower-cased; a later
 * header replaces an earlier one of the same name, as openapi-fetch's `mergeHeaders` does.
 * `signal` is the caller's, for a call without a controller of its own.
 */
export function operationRequest(
  base: RequestBase,
  info: OperationRef & { encodeBody?: BodyEncoder | undefined },
  params: Readonly<Record<string, unknown>>,
  callHeaders: Record<string, string> | undefined,
  accept: string | undefined,
  signal: AbortSignal | undefined,
): OutgoingRequest {
  // Every template goes through the serializer: a `{name}` in it is a parameter to fill or refuse.
  let url = base.pathSerializer(base.baseUrl + info.path, params);
  const search = serializeQuery(params, info.queryParams);
  if (search) url += `?${search}`;

  const headers: Record<string, string> = {};
  const media = info.requestMediaType;
  let given: unknown;
  let body: BodySource | undefined;
  if (media !== undefined) {
    const kind = mediaKind(media);
    // The operation's own Content-Type; JSON and form data get openapi-fetch's (below).
    let type = kind === "json" || kind === "multipart-form" ? undefined : media;
    given = params["body"];
    if (given !== undefined) {
      let encoded: string | undefined;
      // A multipart operation names its encoder, so only its bundles hold one.
      if (info.encodeBody) [body, encoded] = info.encodeBody(given, media);
      else if (kind === "text" || kind === "binary") body = given as BodySource;
      else if (
        kind === "multipart-mixed" ||
        (kind === "multipart-form" && !(given instanceof FormData))
      ) {
        // A descriptor written by hand without one: sending the body as JSON under a multipart
        // Content-Type would only fail at the server, far from the cause.
        throw new TypeError(
          `${info.operationId}: a ${media} body needs the descriptor's encodeBody (multipartEncoder or formDataEncoder); nothing was sent`,
        );
      }
      if (type) type = encoded ?? type;
      else if (!(body instanceof FormData) && !(given instanceof FormData)) {
        type = "application/json";
      }
    }
    if (type) headers["content-type"] = type;
  }
  headers["user-agent"] = base.userAgent;
  if (info.accepts) headers["accept"] = Object.keys(info.accepts)[0]!;
  if (callHeaders) {
    for (const name in callHeaders) {
      const value = callHeaders[name];
      if (value !== undefined) headers[name.toLowerCase()] = value;
    }
  }
  if (accept !== undefined) headers["accept"] = accept;
  if (given !== undefined && body === undefined) {
    // openapi-fetch's default body serializer: FormData as is, a form encoding when the final
    // Content-Type asks for one, JSON otherwise.
    body =
      given instanceof FormData
        ? given
        : headers["content-type"] === "application/x-www-form-urlencoded"
          ? new URLSearchParams(given as Record<string, string>).toString()
          : JSON.stringify(given);
  }
  return { method: info.method, url, headers, body, signal };
}
