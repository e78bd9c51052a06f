import createClient from "openapi-fetch";
import { createRuntime, type AdminClientOptions } from "../../../packages/client/runtime.js";
import { SourcedRequest } from "../../../packages/client/sourced-request.js";
import { rawFetch, throughWhileUsed } from "../../../packages/client/raw-client.js";
import type { AdminCallOptions, OperationRef } from "../../../packages/client/invoke.js";

const op = (
  operationId: string,
  method: string,
  path: string,
  pathParams: string[],
  requestMediaType?: string,
): OperationRef => ({
  operationId,
  method,
  path,
  pathParams,
  queryParams: [],
  // As generated: set when the operation takes a body.
  requestMediaType,
});

/**
 * The runtime wired the way `createAdminClient` wires it, with a few operations described the way
 * the generator describes them, so the runtime can be tested independently of the generated tree.
 * `raw` is its openapi-fetch client: registering a middleware on it (`raw.use`) sends the calls
 * through openapi-fetch, as on a real client.
 */
export function runtimeClient(options: AdminClientOptions) {
  const runtime = createRuntime(options);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test paths are untyped
  const raw = createClient<any>({
    baseUrl: runtime.baseUrl,
    fetch: rawFetch(runtime),
    pathSerializer: runtime.pathSerializer,
    headers: { "User-Agent": runtime.userAgent },
    Request: SourcedRequest,
  });
  throughWhileUsed(raw as never, runtime.through, runtime.layer); // untyped paths: any client will do
  const call = <T>(info: OperationRef, params: Record<string, unknown>, o?: AdminCallOptions) =>
    runtime.invoke<T>(info, params, o);
  return {
    runtime,
    raw,
    listApps: (params: { groupId: string }, o?: AdminCallOptions) =>
      call<unknown[]>(
        op("adminListApplications", "GET", "/groups/{groupId}/apps", ["groupId"]),
        params,
        o,
      ),
    getApp: (params: { groupId: string; appId: string }, o?: AdminCallOptions) =>
      call<unknown>(
        op("adminGetApplication", "GET", "/groups/{groupId}/apps/{appId}", ["groupId", "appId"]),
        params,
        o,
      ),
    deleteApp: (params: { groupId: string; appId: string }, o?: AdminCallOptions) =>
      call<undefined>(
        op("adminDeleteApplication", "DELETE", "/groups/{groupId}/apps/{appId}", [
          "groupId",
          "appId",
        ]),
        params,
        o,
      ),
    echo: (
      method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
      body?: unknown,
      o?: AdminCallOptions,
    ) =>
      call<{ method: string; body: string }>(
        op(
          `echo${method}`,
          method,
          "/echo",
          [],
          body === undefined ? undefined : "application/json",
        ),
        body === undefined ? {} : { body },
        o,
      ),
    /** PUT /echo with a stream body, the way an upload helper would send one. */
    putStream: (open: () => ReadableStream<Uint8Array>, o?: AdminCallOptions) =>
      call<{ method: string; body: string }>(
        op("echoStream", "PUT", "/echo", [], "application/octet-stream"),
        { body: open() },
        o,
      ),
  };
}
