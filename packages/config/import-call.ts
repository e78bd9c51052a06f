// The calls the official CLI makes that the pinned spec lacks: `POST /apps/{appId}/import`
// (10gen/realm-cli internal/cloud/realm/import.go) and `GET /apps/{appId}/dependencies/export`
// (dependencies.go). They go through the client's `raw` openapi-fetch client, typed by the small
// `paths` entry below, so they share the session, refresh, timeouts and error classes of every
// other call. When the repaired spec declares them, this module switches to the generated
// operations and the local `paths` entry goes.
import type { Client } from "openapi-fetch";
import type { AdminCore } from "../client/create-admin-core.js";
import { rawCallError } from "../client/create-admin-core.js";
import { requestPath } from "../client/request-path.js";
import type { ImportPayload } from "./import-payload.js";

const IMPORT = "/groups/{groupId}/apps/{appId}/import";
const DEPENDENCIES_EXPORT = "/groups/{groupId}/apps/{appId}/dependencies/export";

type AppPath = { groupId: string; appId: string };
type Headers = { [name: string]: unknown };

/** openapi-typescript's shape for the two operations, written from the CLI's requests. */
interface CliPaths {
  [IMPORT]: {
    parameters: { query?: never; header?: never; path: AppPath; cookie?: never };
    post: {
      parameters: {
        query: { strategy: "replace-by-name"; diff?: boolean };
        header?: never;
        path: AppPath;
        cookie?: never;
      };
      requestBody: { content: { "application/json": ImportPayload } };
      responses: {
        /** With `diff=true`: the changes, one line each, without applying them. */
        200: { headers: Headers; content: { "application/json": string[] } };
        204: { headers: Headers; content?: never };
      };
    };
  };
  [DEPENDENCIES_EXPORT]: {
    parameters: { query?: never; header?: never; path: AppPath; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: AppPath; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: Headers; content: { "application/octet-stream": Blob } } };
    };
  };
}

/** The same `raw` client, seen with the two operations declared. */
function cliClient(client: AdminCore): Client<CliPaths> {
  return client.raw as unknown as Client<CliPaths>;
}

/** Where a call goes. */
export interface AppTarget {
  groupId: string;
  appId: string;
  signal?: AbortSignal | undefined;
}

/**
 * `POST …/import?strategy=replace-by-name` with the folder's configuration: replaces the app's
 * (or the open draft's) configuration by name, 204. With `diff`, applies nothing and answers the
 * changes it would make, one line each (200).
 */
export async function sendImport(
  client: AdminCore,
  target: AppTarget,
  payload: ImportPayload,
  options: { diff?: boolean } = {},
): Promise<string[] | undefined> {
  const { groupId, appId, signal } = target;
  const query = options.diff
    ? ({ strategy: "replace-by-name", diff: true } as const)
    : ({ strategy: "replace-by-name" } as const);
  const { data, error, response } = await cliClient(client).POST(IMPORT, {
    params: { path: { groupId, appId }, query },
    body: payload,
    signal,
  });
  if (!response.ok) {
    throw rawCallError(
      client,
      { method: "POST", path: requestPath(IMPORT, { groupId, appId }) },
      response,
      error,
    );
  }
  return Array.isArray(data) ? data.map(String) : undefined;
}

/**
 * `GET …/dependencies/export`: the app's dependencies as the server keeps them, `package.json`
 * when it has one (else a `node_modules` archive), with the file name from
 * `Content-Disposition`.
 */
export async function exportDependencies(
  client: AdminCore,
  target: AppTarget,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const { groupId, appId, signal } = target;
  const { data, error, response } = await cliClient(client).GET(DEPENDENCIES_EXPORT, {
    params: { path: { groupId, appId } },
    parseAs: "arrayBuffer",
    signal,
  });
  const path = requestPath(DEPENDENCIES_EXPORT, { groupId, appId });
  if (!response.ok || data === undefined) {
    throw rawCallError(client, { method: "GET", path }, response, error);
  }
  const disposition = response.headers.get("content-disposition") ?? "";
  const fileName = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? "";
  return { fileName: decodeURIComponent(fileName), bytes: new Uint8Array(data) };
}
