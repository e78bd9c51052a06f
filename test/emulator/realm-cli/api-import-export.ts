/**
 * App import and export and the app's dependencies, as realm-cli's `import.go`, `export.go` and
 * `dependencies.go` request them.
 */
import { randomBytes } from "node:crypto";
import { unzipSync } from "fflate";
import type { AppRef } from "./api-app-resources.js";
import { appPath } from "./api-apps.js";
import { encode, type Shape } from "./go-json.js";
import { multipart } from "../multipart.js";
import * as shapes from "./shapes.js";

const path = ({ groupId, appId }: AppRef, suffix: string) => appPath(groupId, appId) + suffix;

/**
 * `Import`: `POST .../import?strategy=replace-by-name` with the app structure marshalled as Go
 * would (`shape` is `AppStructureV1` or `AppStructureV2`), 204.
 */
export const importApp = (app: AppRef, shape: Shape, data: unknown) =>
  app.client.send("import", 204, "POST", path(app, "/import"), {
    query: { strategy: "replace-by-name" },
    json: encode(shape, data),
  });

/** `mime.ParseMediaType(Content-Disposition)`'s `filename` parameter. */
function filename(res: Response, action: string): string {
  const header = res.headers.get("content-disposition") ?? "";
  const match = /;\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  const name = match?.[1]?.replace(/\\(.)/g, "$1") ?? match?.[2] ?? "";
  if (!name) throw new Error(`${action}: export response is missing filename (${header})`);
  return name;
}

/**
 * `Export`: `GET .../export?version=V&source_control=true` (or `&template=true`), 200, a zip named
 * by `Content-Disposition`; resolves with that name and the zip's entries.
 */
export async function exportApp(
  app: AppRef,
  request: { configVersion?: number; isTemplated?: boolean } = {},
): Promise<{ filename: string; files: Record<string, Uint8Array> }> {
  const query: Record<string, string> = { version: String(request.configVersion || 20210101) };
  if (request.isTemplated) query.template = "true";
  else query.source_control = "true";
  const res = await app.client.expect("export", 200, "GET", path(app, "/export"), { query });
  const name = filename(res, "export");
  return { filename: name, files: unzipSync(new Uint8Array(await res.arrayBuffer())) };
}

/** `DependenciesStatus`: `GET .../dependencies/status`, 200, `{status, status_message}`. */
export const dependenciesStatus = (app: AppRef) =>
  app.client.json(
    "get dependencies status",
    200,
    shapes.DependenciesStatus,
    "GET",
    path(app, "/dependencies/status"),
  );

/** The `multipart/form-data` body of Go's `CreateFormFile("file", name)`. */
function fileForm(name: string, content: Uint8Array) {
  const boundary = randomBytes(30).toString("hex");
  const part = { name: "file", filename: name, contentType: "application/octet-stream", content };
  const { body } = multipart([part], boundary);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** `ImportDependencies`: `PUT .../dependencies` with the file as form field `file`, 204. */
export const importDependencies = (app: AppRef, name: string, content: Uint8Array) =>
  app.client.send("import dependencies", 204, "PUT", path(app, "/dependencies"), {
    ...fileForm(name, content),
  });

/** `DiffDependencies`: `POST .../dependencies/diff` with the file as form field `file`, 200. */
export const diffDependencies = (app: AppRef, name: string, content: Uint8Array) =>
  app.client.json(
    "diff dependencies",
    200,
    shapes.DependenciesDiff,
    "POST",
    path(app, "/dependencies/diff"),
    { ...fileForm(name, content) },
  );

async function download(app: AppRef, action: string, suffix: string) {
  const res = await app.client.expect(action, 200, "GET", path(app, suffix));
  const name = filename(res, action);
  return { filename: name, content: new Uint8Array(await res.arrayBuffer()) };
}

/** `ExportDependencies`: `GET .../dependencies/export`, 200, a file named by `Content-Disposition`. */
export const exportDependencies = (app: AppRef) =>
  download(app, "export dependencies", "/dependencies/export");

/** `ExportDependenciesArchive`: `GET .../dependencies/archive`, 200, likewise. */
export const exportDependenciesArchive = (app: AppRef) =>
  download(app, "export dependencies archive", "/dependencies/archive");
