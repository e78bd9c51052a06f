import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, zipSync } from "fflate";
import { gunzipSync } from "node:zlib";
import { APP_BASE } from "./collections.js";
import { leavesFolder } from "./file-names.js";
import { HttpError, invalidParameter, type Reply, type RequestContext } from "./http.js";
import { newObjectId } from "./ids.js";
import type { ResourceContext } from "./resource-routes.js";
import { replyFor } from "./responses.js";
import type { AppState } from "./state.js";
import { isTar, readTar } from "./tar-archive.js";

/** One installed package. */
interface Dependency {
  name: string;
  version: string;
}

/** An app's uploaded dependencies, kept in its store so drafts cover them too. */
interface Installed {
  _id: string;
  user_id: string;
  last_modified: number;
  dependencies_list: Dependency[];
  /** What was uploaded: a node_modules archive (base64) or a package.json. */
  archive?: string;
  packageJson?: string;
}

const KEY = "dependencies";

/** The last upload's installation: when it began, and the failure it ends in, if one was asked. */
interface Installation {
  startedMs: number;
  failure?: string;
}

const INSTALLATION = "dependencies:installation";

/**
 * Registers external dependencies the way the official CLI uses them (realm-cli
 * internal/cloud/realm/dependencies.go): `PUT /dependencies` takes a `multipart/form-data` part
 * `file` (a node_modules zip, tar or tar.gz, or a package.json, told apart by their bytes) and
 * answers 204; `GET /dependencies/status` is `created` / "processing request" until `installMs`
 * have passed, then `successful` (or `failed` with the message `control.failNextDependencyInstall`
 * queued); `export` and
 * `archive` give back the package.json and the archive; `POST /dependencies/diff` compares an
 * upload with what is installed. Packages are read from each `node_modules/<name>/package.json`.
 */
export function registerDependencyRoutes(
  rc: ResourceContext,
  installMs: number,
  bodyLimit: number,
): void {
  const route = (
    method: string,
    path: string,
    operation: string,
    handler: (ctx: RequestContext, app: AppState) => Reply,
    multipart = false,
  ) =>
    rc.router.add({
      method,
      template: `${APP_BASE}/dependencies${path}`,
      operation,
      options: { auth: "access", multipart },
      handler: (ctx) => handler(ctx, rc.state.requireApp(ctx.params.groupId!, ctx.params.appId!)),
    });
  const json = (operation: string, body: unknown): Reply => {
    const op = rc.registry?.operation(operation);
    return op ? replyFor(rc.registry, operation, op, body) : { status: 200, body };
  };
  const installed = (app: AppState) => app.store.setting(KEY) as Installed | undefined;
  const required = (app: AppState) => {
    const found = installed(app);
    if (!found) throw new HttpError(404, "dependencies not found", "DependenciesNotFound");
    return found;
  };

  route("GET", "", "adminGetAllDependencies", (_ctx, app) => {
    const { archive: _a, packageJson: _p, ...summary } = required(app);
    const op = rc.registry?.operation("adminGetAllDependencies");
    const body = { ...summary, location: app.app.location };
    return op ? replyFor(rc.registry, "adminGetAllDependencies", op, body) : { status: 200, body };
  });
  route(
    "PUT",
    "",
    "PUT /groups/{groupId}/apps/{appId}/dependencies",
    (ctx, app) => {
      const upload = readUpload(ctx, bodyLimit);
      const now = rc.state.now();
      // A failed installation installs nothing: what was installed before stays listed.
      const failure = rc.state.takeDependencyFailure();
      app.store.setSetting(INSTALLATION, { startedMs: now, failure } satisfies Installation);
      if (failure === undefined)
        app.store.setSetting(KEY, {
          _id: newObjectId(now),
          user_id: ctx.caller!.userId,
          last_modified: Math.floor(now / 1000),
          dependencies_list: upload.dependencies,
          ...(upload.archive ? { archive: Buffer.from(upload.archive).toString("base64") } : {}),
          packageJson: packageJson(upload.dependencies),
        } satisfies Installed);
      return { status: 204 };
    },
    true,
  );
  route("GET", "/status", "adminGetDependenciesStatus", (_ctx, app) => {
    const last = app.store.setting(INSTALLATION) as Installation | undefined;
    const busy = last !== undefined && rc.state.now() - last.startedMs < installMs;
    // realm-cli's DependenciesStatus: `status` and `status_message`; push prints the message of
    // a `failed` one ("failed to install dependencies: <message>", commands/push/command.go).
    return json(
      "adminGetDependenciesStatus",
      busy
        ? { status: "created", status_message: "processing request" }
        : last?.failure !== undefined
          ? { status: "failed", status_message: last.failure }
          : { status: "successful", status_message: "" },
    );
  });
  route("GET", "/export", "adminExportDependencies", (_ctx, app) =>
    file("package.json", "application/json", strToU8(required(app).packageJson ?? "{}")),
  );
  route("GET", "/archive", "adminExportDependenciesArchive", (_ctx, app) => {
    const found = required(app);
    const bytes = found.archive
      ? new Uint8Array(Buffer.from(found.archive, "base64"))
      : zipSync(
          Object.fromEntries(
            found.dependencies_list.map((d) => [
              `node_modules/${d.name}/package.json`,
              strToU8(JSON.stringify(d)),
            ]),
          ),
        );
    return file("node_modules.zip", "application/zip", bytes);
  });
  route(
    "POST",
    "/diff",
    "adminDiffDependencies",
    (ctx, app) => {
      const next = readUpload(ctx, bodyLimit).dependencies;
      const now = new Map(
        (installed(app)?.dependencies_list ?? []).map((d) => [d.name, d.version]),
      );
      const incoming = new Map(next.map((d) => [d.name, d.version]));
      const byName = (a: Dependency, b: Dependency) => (a.name < b.name ? -1 : 1);
      return json("adminDiffDependencies", {
        added: next.filter((d) => !now.has(d.name)).sort(byName),
        deleted: [...now]
          .filter(([n]) => !incoming.has(n))
          .map(([name, version]) => ({ name, version }))
          .sort(byName),
        modified: next
          .filter((d) => now.has(d.name) && now.get(d.name) !== d.version)
          .map((d) => ({ ...d, previous_version: now.get(d.name)! }))
          .sort(byName),
      });
    },
    true,
  );
}

function file(name: string, contentType: string, bytes: Uint8Array): Reply {
  return {
    status: 200,
    raw: { bytes, contentType },
    headers: { "content-disposition": `attachment; filename="${name}"` },
  };
}

function packageJson(list: Dependency[]): string {
  return `${JSON.stringify({ dependencies: Object.fromEntries(list.map((d) => [d.name, d.version])) }, null, 2)}\n`;
}

/**
 * The `file` part of a multipart upload, told apart by its bytes: a zip of node_modules (`PK`), a
 * tar (`ustar` at 257), a gzip (1f 8b) holding a tar, else a package.json. realm-cli uploads
 * each archive as it is (local/dependencies.go PrepareUpload; local/archive.go takes .zip, .tar,
 * .tgz and .tar.gz), so the server reads all three; each installs the same packages. A tar's
 * files are kept as a zip: the archive export is `node_modules.zip` whatever came in.
 */
function readUpload(
  ctx: RequestContext,
  bodyLimit: number,
): { dependencies: Dependency[]; archive?: Uint8Array } {
  const part = ctx.parts?.get("file");
  if (!part) throw invalidParameter("multipart body", "missing part 'file'");
  let bytes = part.bytes;
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (gzipped) {
    try {
      // No more than the emulator takes as a body: the tar uploaded as it is would be refused.
      bytes = gunzipSync(bytes, { maxOutputLength: bodyLimit });
    } catch (error) {
      if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE")
        throw new HttpError(
          413,
          `the gzip archive expands past the emulator's limit of ${bodyLimit} bytes for a request body`,
          "RequestTooLarge",
        );
      throw invalidParameter("file", `not a valid gzip archive: ${(error as Error).message}`);
    }
    if (!isTar(bytes)) throw invalidParameter("file", "the gzip archive holds no tar archive");
  }
  let entries: Record<string, Uint8Array>;
  let archive: Uint8Array;
  if (isTar(bytes)) {
    try {
      entries = readTar(bytes);
    } catch (error) {
      throw invalidParameter("file", `not a valid tar archive: ${(error as Error).message}`);
    }
    checkArchivePaths(Object.keys(entries), gzipped ? "tar.gz" : "tar");
    archive = zipEntries(entries);
  } else if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      entries = unzipSync(bytes);
    } catch (error) {
      throw invalidParameter("file", `not a valid zip archive: ${(error as Error).message}`);
    }
    checkArchivePaths(Object.keys(entries), "zip");
    archive = bytes;
  } else return { dependencies: readPackageJson(bytes) };
  const dependencies: Dependency[] = [];
  for (const [path, content] of Object.entries(entries)) {
    if (!/^(?:[^/]+\/)?node_modules\/(?:@[^/]+\/)?[^/@][^/]*\/package\.json$/.test(path)) continue;
    try {
      const pkg = JSON.parse(strFromU8(content)) as { name?: string; version?: string };
      if (pkg.name && pkg.version) dependencies.push({ name: pkg.name, version: pkg.version });
    } catch {
      throw invalidParameter("file", `${path} is not valid JSON`);
    }
  }
  return { dependencies: dependencies.sort((a, b) => (a.name < b.name ? -1 : 1)), archive };
}

/**
 * The tar's files as a zip, one entry at a time: `zipSync` gathers its entries in an object keyed
 * by name, where an entry named `__proto__` becomes that object's prototype and the zip fails.
 */
function zipEntries(entries: Record<string, Uint8Array>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const name of Object.keys(entries)) {
    const file = new ZipDeflate(name);
    zip.add(file);
    file.push(entries[name]!, true);
  }
  zip.end();
  return Buffer.concat(chunks);
}

/** A package.json's `dependencies`, each a name with a version string; else a 400 naming where. */
function readPackageJson(bytes: Uint8Array): Dependency[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(strFromU8(bytes));
  } catch {
    throw invalidParameter(
      "file",
      "neither an archive (zip, tar, tar.gz) nor a package.json (not valid JSON)",
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw invalidParameter("file", "a package.json must be a JSON object");
  const deps = (parsed as { dependencies?: unknown }).dependencies;
  if (deps === undefined) return [];
  if (typeof deps !== "object" || deps === null || Array.isArray(deps))
    throw invalidParameter("file", "package.json 'dependencies' must be an object of versions");
  return Object.entries(deps).map(([name, version]) => {
    if (typeof version !== "string")
      throw invalidParameter(
        "file",
        `package.json 'dependencies.${name}' must be a version string`,
      );
    return { name, version };
  });
}

/**
 * The archive is served back as it came (`GET /dependencies/archive`), so it must be what the
 * CLI makes (local/dependencies.go PrepareUpload: a zip of `node_modules/…`, paths relative):
 * no entry may land outside the folder it is extracted to, and a node_modules folder must be in
 * it. What the server answers instead is in no source: a 400 naming the entry.
 */
function checkArchivePaths(paths: string[], kind: string): void {
  const outside = paths.find((p) => leavesFolder(p) || /^([/\\]|[A-Za-z]:)/.test(p));
  if (outside !== undefined)
    throw invalidParameter(
      "file",
      `the archive's entry '${outside}' lands outside the folder it is extracted to`,
    );
  if (!paths.some((p) => /^(?:[^/]+\/)?node_modules\//.test(p)))
    throw invalidParameter("file", `the ${kind} archive holds no node_modules folder`);
}
