import createClient from "openapi-fetch";
import { createRuntime, type AdminClientOptions } from "../../../packages/client/runtime.js";
import { SourcedRequest } from "../../../packages/client/sourced-request.js";
import type {
  AdminCallOptions,
  OperationRef,
  SendInit,
  SendResult,
} from "../../../packages/client/invoke.js";

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
  // As generated: set when the operation takes a body (the Request is then built without it).
  requestMediaType,
});

/**
 * The runtime wired the way `createAdminClient` wires it, with a few operations written the way
 * the generator writes them (a `send` over openapi-fetch handed to `invoke`), so the runtime can
 * be tested independently of the generated tree.
 */
export function runtimeClient(options: AdminClientOptions) {
  const runtime = createRuntime(options);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test paths are untyped
  const raw = createClient<any>({
    baseUrl: runtime.baseUrl,
    fetch: runtime.fetch,
    pathSerializer: runtime.pathSerializer,
    headers: { "User-Agent": runtime.userAgent },
    Request: SourcedRequest,
  });
  const call = <T>(
    info: OperationRef,
    params: Record<string, unknown>,
    send: (init?: SendInit) => Promise<SendResult>,
    o?: AdminCallOptions,
  ) => runtime.invoke<T>(info, params, send, o);
  return {
    runtime,
    raw,
    listApps: (params: { groupId: string }, o?: AdminCallOptions) =>
      call<unknown[]>(
        op("adminListApplications", "GET", "/groups/{groupId}/apps", ["groupId"]),
        params,
        (init) => raw.GET("/groups/{groupId}/apps", { params: { path: params }, ...init }),
        o,
      ),
    getApp: (params: { groupId: string; appId: string }, o?: AdminCallOptions) =>
      call<unknown>(
        op("adminGetApplication", "GET", "/groups/{groupId}/apps/{appId}", ["groupId", "appId"]),
        params,
        (init) => raw.GET("/groups/{groupId}/apps/{appId}", { params: { path: params }, ...init }),
        o,
      ),
    deleteApp: (params: { groupId: string; appId: string }, o?: AdminCallOptions) =>
      call<undefined>(
        op("adminDeleteApplication", "DELETE", "/groups/{groupId}/apps/{appId}", [
          "groupId",
          "appId",
        ]),
        params,
        (init) =>
          raw.DELETE("/groups/{groupId}/apps/{appId}", { params: { path: params }, ...init }),
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
        (init) => raw.request(method.toLowerCase() as "get", "/echo", { body, ...init }),
        o,
      ),
    /** PUT /echo with a stream body, the way an upload helper would send one. */
    putStream: (open: () => ReadableStream<Uint8Array>, o?: AdminCallOptions) => {
      let opened: ReadableStream<Uint8Array> | undefined;
      const stream = () => (opened ??= open());
      return call<{ method: string; body: string }>(
        op("echoStream", "PUT", "/echo", [], "application/octet-stream"),
        // A getter: the stream is opened once, by whichever path sends it.
        {
          get body() {
            return stream();
          },
        },
        (init) =>
          raw.PUT("/echo", {
            body: {},
            bodySerializer: stream,
            headers: { "Content-Type": "application/octet-stream" },
            duplex: "half",
            ...init,
          } as never),
        o,
      );
    },
  };
}
