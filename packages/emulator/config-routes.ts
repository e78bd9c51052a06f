import { strToU8, unzipSync, zipSync, strFromU8 } from "fflate";
import { exportFiles, filesToStructure, structureToFiles, type AppFiles } from "./app-files.js";
import { CONFIG_VERSION, toStructure, type AppStructure } from "./app-structure.js";
import { APP_BASE } from "./collections.js";
import { describeApp } from "./describe-app.js";
import { diffFiles } from "./file-diff.js";
import {
  HttpError,
  invalidParameter,
  mediaTypeOf,
  type Reply,
  type RequestContext,
} from "./http.js";
import { checkPushedNames, pullConfig, pullToStructure } from "./push-pull.js";
import type { ResourceContext } from "./resource-routes.js";
import { replyFor } from "./responses.js";
import { applyStructure, restoreApp, saveApp, type ImportStrategy } from "./structure-import.js";
import { fromLegacy, LEGACY_VERSIONS, legacyFiles, type LegacyStructure } from "./structure-v1.js";
import type { AppState } from "./state.js";

/** Zip entries get this fixed time, so the same configuration always zips to the same bytes. */
const ZIP_TIME = new Date("2021-01-01T00:00:00Z");

/**
 * Registers app configuration as files: `GET /export` and `GET /pull` with `Accept:
 * application/zip` answer a real zip in the official CLI's layout (`realm_config.json`,
 * `functions/`, …); `GET /pull` otherwise answers the spec's JSON; `PATCH /push` takes that JSON;
 * `POST /import?strategy=…[&diff=true]` takes the CLI's structure (realm-cli import.go: 204, or
 * 200 with a list of diffs); `GET /description` summarises the app (realm-cli
 * app_description.go); `GET /sync/client_schemas/{language}` lists no data models.
 */
export function registerConfigRoutes(rc: ResourceContext): void {
  const route = (
    method: string,
    path: string,
    operation: string,
    handler: (ctx: RequestContext, app: AppState) => Reply,
    options: { rawBody?: boolean } = {},
  ) =>
    rc.router.add({
      method,
      template: APP_BASE + path,
      operation,
      options: { auth: "access", ...options },
      handler: (ctx) => handler(ctx, rc.state.requireApp(ctx.params.groupId!, ctx.params.appId!)),
    });
  const json = (operation: string, body: unknown, open = false, status?: number): Reply => {
    const op = rc.registry?.operation(operation);
    return op
      ? replyFor(rc.registry, operation, op, body, status, { open })
      : { status: status ?? 200, body };
  };

  route("GET", "/export", "adminExportApplication", (ctx, app) => {
    const version = Number(ctx.query.get("version") ?? CONFIG_VERSION);
    if (version !== CONFIG_VERSION && !(version in LEGACY_VERSIONS)) {
      const known = [CONFIG_VERSION, ...Object.keys(LEGACY_VERSIONS)].join(", ");
      const got = ctx.query.get("version");
      throw invalidParameter("query parameter 'version'", `must be one of ${known}, got '${got}'`);
    }
    if (ctx.query.get("template") === "true" && ctx.query.get("source_control") === "true")
      throw invalidParameter("query", "template and source_control cannot be used together");
    const structure = toStructure(app);
    const files =
      version === CONFIG_VERSION ? structureToFiles(structure) : legacyFiles(structure, version);
    return zipReply(app, files);
  });
  route("GET", "/pull", "adminPullAppConfiguration", (ctx, app) => {
    if (mediaTypeOf(ctx.headers.accept) === "application/zip")
      return zipReply(app, exportFiles(app));
    // The configuration keeps what the spec does not declare (a trigger's `unordered`): a push
    // of it must not lose it.
    return json("adminPullAppConfiguration", pullConfig(app), true);
  });
  route("PATCH", "/push", "adminPushAppConfiguration", (ctx, app) => {
    const body = ctx.json;
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw invalidParameter("request body", "must be the app configuration object");
    checkPushedNames(rc.registry, body as Record<string, unknown>);
    applyStructure(app, pullToStructure(body as Record<string, unknown>), { strict: false });
    return { status: 204 };
  });
  route(
    "POST",
    "/import",
    "adminImportApplication",
    (ctx, app) => {
      const strategy = importStrategy(ctx.query.get("strategy"));
      const entries = new WeakMap<object, string>();
      const structure = readImport(ctx, entries);
      const options = { strategy, registry: rc.registry, entries };
      if (ctx.query.get("diff") !== "true") {
        applyStructure(app, structure, options);
        return { status: 204 };
      }
      const before = exportFiles(app);
      const saved = saveApp(app);
      try {
        applyStructure(app, structure, options);
        return json("adminImportApplication", diffFiles(before, exportFiles(app)), false, 200);
      } finally {
        restoreApp(app, saved);
      }
    },
    { rawBody: true },
  );
  route("GET", "/description", "adminGetAppDescription", (_ctx, app) =>
    json("adminGetAppDescription", describeApp(app, rc.state.origin)),
  );
  route("GET", "/sync/client_schemas/{language}", "adminGetClientSchemas", (_ctx, app) => {
    // realm-cli schema_test.go: an app without a schema has no data models. Models generated
    // from schemas would take the server's code generators.
    if (app.store.list("schemas").length > 0)
      throw new HttpError(
        501,
        "the emulator generates no data models from collection schemas",
        "NotSupportedByEmulator",
      );
    return json("adminGetClientSchemas", []);
  });
}

/** `?strategy=`: absent is `merge`, the official CLI's default (realm-cli 1.x `import --strategy`). */
function importStrategy(value: string | null): ImportStrategy {
  if (value === null) return "merge";
  if (value === "merge" || value === "replace" || value === "replace-by-name") return value;
  throw invalidParameter(
    "query parameter 'strategy'",
    `must be 'merge', 'replace' or 'replace-by-name', got '${value}'`,
  );
}

function zipReply(app: AppState, files: AppFiles): Reply {
  const entries = Object.fromEntries([...files].map(([path, text]) => [path, strToU8(text)]));
  const bytes = zipSync(entries, { mtime: ZIP_TIME, level: 6 });
  const stamp = new Date(app.now()).toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return {
    status: 200,
    raw: { bytes, contentType: "application/zip" },
    headers: { "content-disposition": `attachment; filename="${app.app.name}_${stamp}.zip"` },
  };
}

/** The import body: the CLI's structure as JSON, or a zip of its files. */
function readImport(ctx: RequestContext, sources: WeakMap<object, string>): AppStructure {
  const media = mediaTypeOf(ctx.headers["content-type"]);
  if (media === "application/zip") {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(new Uint8Array(ctx.body));
    } catch (error) {
      throw new HttpError(
        400,
        `invalid zip in request body: ${(error as Error).message}`,
        "InvalidParameter",
      );
    }
    return filesToStructure(
      new Map(
        Object.entries(entries)
          .filter(([p]) => !p.endsWith("/"))
          .map(([p, b]) => [p, strFromU8(b)]),
      ),
      sources,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(ctx.body.toString("utf8") || "null");
  } catch {
    throw new HttpError(400, "malformed JSON in request body", "InvalidJSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw invalidParameter("request body", "must be an app configuration object");
  const version = (parsed as { config_version?: unknown }).config_version;
  return typeof version === "number" && version in LEGACY_VERSIONS
    ? fromLegacy(parsed as LegacyStructure)
    : (parsed as AppStructure);
}
