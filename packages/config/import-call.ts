// The import goes through the generated `ImportApplication` descriptor (the repaired spec declares
// `POST /apps/{appId}/import`, as 10gen/realm-cli internal/cloud/realm/import.go sends it). The
// dependencies export stays a `raw` call (`rawClient`): its file name (`package.json` or a
// `node_modules` archive) is only in the `Content-Disposition` header, which the generated
// operations do not return. `raw` shares the session, refresh, timeouts and error classes of
// every other call.
import type { Client } from "openapi-fetch";
import type { AdminCaller, AdminCore } from "../client/create-admin-core.js";
import { ImportApplication } from "../../generated/operations/apps.js";
import { rawCallError } from "../client/create-admin-core.js";
import { rawClient } from "../client/raw-client.js";
import { requestPath } from "../client/request-path.js";
import type { ImportPayload } from "./import-payload.js";

const DEPENDENCIES_EXPORT = "/groups/{groupId}/apps/{appId}/dependencies/export";
/** The `node_modules` archive, whether or not the server keeps a package.json. */
const DEPENDENCIES_ARCHIVE = "/groups/{groupId}/apps/{appId}/dependencies/archive";
type ExportPath = typeof DEPENDENCIES_EXPORT | typeof DEPENDENCIES_ARCHIVE;

type AppPath = { groupId: string; appId: string };
type Headers = { [name: string]: unknown };

/** openapi-typescript's shape for the export, read as bytes with its headers. */
type ExportPaths = {
  [P in ExportPath]: {
    parameters: { query?: never; header?: never; path: AppPath; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: AppPath; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: Headers; content: { "application/octet-stream": Blob } } };
    };
  };
};

/** The client's `raw` (`rawClient`), seen with the export declared. */
function exportClient(client: AdminCore): Client<ExportPaths> {
  return rawClient(client) as unknown as Client<ExportPaths>;
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
 * changes it would make, one per changed file (200).
 */
export async function sendImport(
  client: AdminCaller,
  target: AppTarget,
  payload: ImportPayload,
  options: { diff?: boolean } = {},
): Promise<string[] | undefined> {
  const { groupId, appId, signal } = target;
  const data = await client.call(
    ImportApplication,
    {
      groupId,
      appId,
      strategy: "replace-by-name",
      ...(options.diff ? { diff: true } : {}),
      body: payload,
    },
    signal ? { signal } : undefined,
  );
  return Array.isArray(data) ? data.map(String) : undefined;
}

/**
 * `GET …/dependencies/export`: the app's dependencies as the server keeps them, `package.json`
 * when it has one (else a `node_modules` archive), with the file name from
 * `Content-Disposition`. With `archive`, `GET …/dependencies/archive`: the `node_modules` archive
 * (the official CLI's pull `--include-node-modules`).
 */
export async function exportDependencies(
  client: AdminCore,
  target: AppTarget,
  archive = false,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const { groupId, appId, signal } = target;
  const from = archive ? DEPENDENCIES_ARCHIVE : DEPENDENCIES_EXPORT;
  const { data, error, response } = await exportClient(client).GET(from, {
    params: { path: { groupId, appId } },
    parseAs: "arrayBuffer",
    signal,
  });
  const path = requestPath(from, { groupId, appId });
  if (!response.ok || data === undefined) {
    throw rawCallError(client, { method: "GET", path }, response, error);
  }
  const disposition = response.headers.get("content-disposition") ?? "";
  const fileName = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? "";
  return { fileName: decodeURIComponent(fileName), bytes: new Uint8Array(data) };
}
