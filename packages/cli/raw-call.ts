import { rawCallError, type AdminClient } from "appservices-admin";

/** An HTTP method as the `api` command and the raw calls take it. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One request by path template, outside the generated operations. */
export interface RawCall {
  method: Method;
  /** A path template of the API (`/groups/{groupId}/apps/{appId}/description`). */
  template: string;
  path?: Record<string, string> | undefined;
  query?: Record<string, unknown> | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** How to read a 2xx body (default JSON). */
  parseAs?: "json" | "text" | "arrayBuffer" | undefined;
}

/** A raw call's 2xx answer. */
export interface RawAnswer {
  data: unknown;
  response: Response;
}

/**
 * Sends one request through the client's typed openapi-fetch client (same session, refresh,
 * retries and timeouts as every call) for what the generated operations cannot express: a
 * path chosen at run time (`api`), which may also carry query parameters the spec does not
 * declare. A non-2xx answer throws the same typed error a namespace call does.
 */
export async function rawCall(admin: AdminClient, call: RawCall): Promise<RawAnswer> {
  const init = {
    params: { path: call.path ?? {}, query: call.query ?? {} },
    body: call.body,
    signal: call.signal,
    parseAs: call.parseAs ?? "json",
  };
  // The path is only known at run time, so openapi-fetch's per-path types cannot apply here.
  const request = admin.raw.request as unknown as (
    method: string,
    url: string,
    init: object,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const { data, error, response } = await request(call.method.toLowerCase(), call.template, init);
  if (!response.ok) {
    const path = fillPath(call.template, call.path ?? {});
    throw rawCallError(admin, { method: call.method, path }, response, error);
  }
  return { data, response };
}

/** The template with its `{name}` parts filled (URI-encoded), as the request sends it. */
export function fillPath(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^{}]+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : encodeURIComponent(values[name]),
  );
}
