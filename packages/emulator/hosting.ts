import { HttpError, invalidParameter, notFound, type Reply, type RequestContext } from "./http.js";
import { checkAttributes, checkPath, parseUpload } from "./hosting-upload.js";
import type { Asset } from "./hosting-store.js";
import type { Router, RouteOptions } from "./router.js";
import type { AppState, EmulatorState } from "./state.js";

const BASE = "/groups/{groupId}/apps/{appId}/hosting";

/** Registers the hosting routes, including the two no upstream spec declares (asset DELETE, cache). */
export function registerHostingRoutes(router: Router, state: EmulatorState): void {
  const app = (ctx: RequestContext): AppState =>
    state.requireApp(ctx.params.groupId!, ctx.params.appId!);
  const route = (
    method: string,
    template: string,
    operation: string,
    handler: (ctx: RequestContext, a: AppState) => Reply,
    options: Partial<RouteOptions> = {},
  ) =>
    router.add({
      method,
      template: BASE + template,
      operation,
      options: { auth: "access", ...options },
      handler: (ctx) => handler(ctx, app(ctx)),
    });

  route("GET", "/assets", "adminGetAllHostedAssets", (ctx, a) => ({
    status: 200,
    body: listAssets(ctx, a, state),
  }));
  route("GET", "/assets/asset", "adminGetHostedAsset", (ctx, a) => ({
    status: 200,
    body: describe(existing(a, queryPath(ctx)), a, hostedBase(state, a)),
  }));
  route(
    "PUT",
    "/assets/asset",
    "adminUploadHostedAsset",
    (ctx, a) => {
      const upload = parseUpload(ctx.parts!, ctx.query.get("path"));
      a.hosting.put(upload.path, upload.bytes, upload.attrs, upload.hash);
      return { status: 204 };
    },
    // The official CLI sends no ?path=: the server reads meta.path.
    { multipart: true },
  );
  route("PATCH", "/assets/asset", "adminUpdateHostedAsset", (ctx, a) => {
    const path = queryPath(ctx);
    const body = ctx.json as { attributes?: unknown } | undefined;
    const attrs = checkAttributes(body?.attributes, "body.attributes");
    existing(a, path);
    a.hosting.setAttributes(path, attrs);
    return { status: 204 };
  });
  route("DELETE", "/assets/asset", "adminDeleteHostedAsset", (ctx, a) => {
    const path = queryPath(ctx);
    existing(a, path);
    a.hosting.delete(path);
    return { status: 204 };
  });
  route("POST", "/assets", "adminMoveCopyHostedAsset", (ctx, a) => moveOrCopy(ctx, a));
  route("PUT", "/cache", "adminInvalidateHostingCache", (ctx, a) => {
    const body = ctx.json as { invalidate?: unknown; path?: unknown } | undefined;
    if (body?.invalidate !== true) throw invalidParameter("body.invalidate", "must be true");
    if (typeof body.path !== "string" || !body.path.startsWith("/"))
      throw invalidParameter("body.path", "must be a path starting with '/' (e.g. \"/*\")");
    // realm-cli hosting_test.go: with hosting disabled the server answers "hosting is disabled".
    if ((a.store.setting("hosting/config") as { enabled?: boolean } | undefined)?.enabled !== true)
      throw new HttpError(400, "hosting is disabled");
    a.hosting.invalidations.push(body.path);
    return { status: 204 };
  });
}

/** Where the emulator serves an app's hosted files (the real API points at its CDN). */
export function assetUrl(state: EmulatorState, app: AppState, path: string): string {
  return hostedBase(state, app) + encodePath(path);
}

function hostedBase(state: EmulatorState, app: AppState): string {
  return `${state.origin}/hosted/${app.app.client_app_id}`;
}

/** What `encodeURIComponent` leaves alone, and `/`: a path of these alone is its own encoding. */
const URL_SAFE_PATH = /^[A-Za-z0-9\-_.!~*'()/]*$/;

function encodePath(path: string): string {
  // A listing encodes every path: most need nothing, and are not split and joined for it.
  return URL_SAFE_PATH.test(path) ? path : path.split("/").map(encodeURIComponent).join("/");
}

function queryPath(ctx: RequestContext): string {
  const path = ctx.query.get("path");
  if (path === null) throw invalidParameter("query parameter 'path'", "required");
  checkPath(path, "query parameter 'path'");
  return path;
}

function existing(app: AppState, path: string): Asset {
  const asset = app.hosting.get(path);
  if (!asset) throw notFound(`hosted asset '${path}'`, "AssetNotFound");
  return asset;
}

/** An asset as the API describes it; `base` is `hostedBase` (a listing computes it once). */
function describe(asset: Asset, app: AppState, base: string): Record<string, unknown> {
  return {
    appId: app.app._id,
    path: asset.path,
    hash: asset.hash,
    size: asset.bytes.byteLength,
    attrs: asset.attrs,
    last_modified: asset.lastModified,
    url: base + encodePath(asset.path),
  };
}

/**
 * Like the real list: a `"/"` directory entry first (when folders are hosted), then every file
 * (`recursive=true`) or the top level's files and directories (`"/css/"`).
 */
function listAssets(
  ctx: RequestContext,
  app: AppState,
  state: EmulatorState,
): Record<string, unknown>[] {
  const files = app.hosting.list(ctx.query.get("prefix") ?? "/");
  if (!files.length) return [];
  const recursive = ctx.query.get("recursive") === "true";
  let latest = 0;
  for (const file of files) if (file.lastModified > latest) latest = file.lastModified;
  const base = hostedBase(state, app);
  const directory = (path: string) => ({
    appId: app.app._id,
    path,
    hash: "",
    size: 0,
    attrs: [],
    last_modified: latest,
    url: base + encodePath(path),
  });
  // The root directory is listed when there are directories below it: a flat site lists its one
  // file alone (realm-cli hosting_test.go: one upload, one asset), a nested one gets the "/" entry
  // the CLI skips (realm-cli local/hosting.go "ignore root directory"; DESIGN §4). Which of the
  // two the server does when is inferred from those two, not observed.
  const nestedTree = files.some((f) => f.path.indexOf("/", 1) > 0);
  const out: Record<string, unknown>[] = nestedTree ? [directory("/")] : [];
  const dirs = new Set<string>();
  for (const file of files) {
    const nested = file.path.indexOf("/", 1);
    if (recursive || nested < 0) out.push(describe(file, app, base));
    else dirs.add(file.path.slice(0, nested + 1));
  }
  for (const dir of [...dirs].sort()) out.push(directory(dir));
  return out;
}

function moveOrCopy(ctx: RequestContext, app: AppState): Reply {
  const body = (ctx.json ?? {}) as Record<string, unknown>;
  const move = body.move_from !== undefined || body.move_to !== undefined;
  const copy = body.copy_from !== undefined || body.copy_to !== undefined;
  if (move === copy)
    throw invalidParameter(
      "request body",
      "give either move_from and move_to, or copy_from and copy_to",
    );
  const [fromKey, toKey] = move ? ["move_from", "move_to"] : ["copy_from", "copy_to"];
  const from = body[fromKey];
  const to = body[toKey];
  if (typeof from !== "string") throw invalidParameter(`body.${fromKey}`, "required string");
  if (typeof to !== "string") throw invalidParameter(`body.${toKey}`, "required string");
  checkPath(to, `body.${toKey}`);
  if (!app.hosting.copy(from, to, move)) throw notFound(`hosted asset '${from}'`, "AssetNotFound");
  return { status: 204 };
}
