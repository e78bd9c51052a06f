/**
 * The strict consumer of the packed packages, as a user writes it: every public entry point, typed
 * assertions that fail to compile if a type degrades to `any`/`unknown` or a name disappears, and
 * a run against the emulator from the installed `appservices-admin-emulator`. It prints one JSON
 * line of facts for the test to check. Kept as text: inside the repository, `appservices-admin`
 * would resolve to the repository itself.
 */
export const CONSUMER_SOURCE = String.raw`
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminApiError,
  AdminAuthError,
  AdminNotFoundError,
  createAdminClient,
  createAdminCore,
  deployWithDraft,
  findApp,
  fromFile,
  iterateLogs,
  logPages,
  syncHosting,
  tailLogs,
  uploadAsset,
  waitForDeployment,
  type AdminClient,
  type AdminCore,
  type LogEntry,
  type SyncResult,
} from "appservices-admin";
import { createSessionMiddleware, SessionManager } from "appservices-admin/auth";
import { diffApp, formatAppDiff, pullApp, type AppDiff } from "appservices-admin/config";
import { findApp as findAppFromSubpath } from "appservices-admin/deploy";
import { runDrift, type DriftResult } from "appservices-admin-drift";
import { startEmulator, type RunningEmulator } from "appservices-admin-emulator";
import { syncHosting as syncFromSubpath } from "appservices-admin/hosting";
import { iterateLogs as iterateFromSubpath } from "appservices-admin/logs";
import { ListApplications, listApplications } from "appservices-admin/operations/apps";
import type { AppInstance, Deployment, paths } from "appservices-admin/types";

// Same functions whichever entry point they come from.
const same: boolean[] = [
  findAppFromSubpath === findApp,
  syncFromSubpath === syncHosting,
  iterateFromSubpath === iterateLogs,
  typeof createSessionMiddleware === "function" && typeof SessionManager === "function",
  typeof waitForDeployment === "function" && typeof listApplications === "function",
];

const emu: RunningEmulator = await startEmulator({ logs: { count: 250 } });
/** The folders this program makes, removed when it ends. */
const temporary: string[] = [];
try {
  const { groupId, appId } = emu;
  const admin: AdminClient = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });

  const apps: AppInstance[] = await admin.apps.listApplications({ groupId });
  // @ts-expect-error groupId is required
  void (() => admin.apps.listApplications({}));
  // @ts-expect-error a misspelled body field
  void (() => admin.values.createValue({ groupId, appId, body: { nme: "x", private: false, value: 1 } }));
  const found = await findApp(admin, { groupId, clientAppId: apps[0]!.client_app_id! });

  const core: AdminCore = createAdminCore({ baseUrl: emu.url, credentials: emu.credentials });
  const viaCall: AppInstance[] = await core.call(ListApplications, { groupId });
  const raw = await admin.raw.GET("/groups/{groupId}/apps", { params: { path: { groupId } } });
  const rawPath: keyof paths = "/groups/{groupId}/apps";

  let logCount = 0;
  let newest: string | undefined;
  for await (const entry of iterateLogs(admin, { groupId, appId }, { maxEntries: 120 })) {
    const typed: LogEntry = entry;
    newest ??= typed.started;
    if (typed._id) logCount++;
  }
  const firstPage = (await logPages(admin, { groupId, appId }).next()).value;

  const controller = new AbortController();
  const tailed: string[] = [];
  const tail = (async () => {
    for await (const entry of tailLogs(admin, { groupId, appId, start_date: newest }, { signal: controller.signal, pollIntervalMs: 100 })) {
      tailed.push(entry.type ?? "");
      if (tailed.length === 3) controller.abort();
    }
  })();
  emu.control.appendLogs([{ type: "FUNCTION" }, { type: "AUTH" }, { type: "FUNCTION" }]);
  await tail;

  const dir = mkdtempSync(join(tmpdir(), "consumer-site-"));
  temporary.push(dir);
  mkdirSync(join(dir, "css"));
  writeFileSync(join(dir, "index.html"), "<h1>hello</h1>");
  writeFileSync(join(dir, "css", "site.css"), "body{}");
  const meta = await uploadAsset(admin, { groupId, appId, path: "/robots.txt", file: new TextEncoder().encode("User-agent: *\n") });
  await uploadAsset(admin, { groupId, appId, path: "/copy.html", file: fromFile(join(dir, "index.html")) });
  // @ts-expect-error a plain string is not file content
  void (() => uploadAsset(admin, { groupId, appId, path: "/x", file: "text" }));
  const synced: SyncResult = await syncHosting(admin, { groupId, appId, dir, deleteRemoved: true, concurrency: 2 });

  const deployment: Deployment = await deployWithDraft(admin, { groupId, appId, pollIntervalMs: 10 }, async (client) => {
    await client.values.createValue({ groupId, appId, body: { name: "consumer", private: false, value: 1 } });
  });

  let notFound = "";
  try {
    await admin.apps.getApplication({ groupId, appId: "0".repeat(24) });
  } catch (error) {
    if (error instanceof AdminNotFoundError && error instanceof AdminApiError) notFound = error.status + " " + error.path.replace(groupId, "{groupId}");
  }
  let authError = "";
  try {
    await createAdminClient({ baseUrl: emu.url, credentials: { publicKey: "nobody", privateKey: "wrong-private-key" } }).apps.listApplications({ groupId });
  } catch (error) {
    if (error instanceof AdminAuthError) authError = String(error.status);
  }

  // App configuration as code: pull into a folder, then diff it (schemas read from the package).
  temporary.push(mkdtempSync(join(tmpdir(), "consumer-app-")));
  const appDir = join(temporary.at(-1)!, "app");
  const pulled = await pullApp(admin, { groupId, appId, dir: appDir });
  const diff: AppDiff = await diffApp(admin, { groupId, appId, dir: appDir });

  const spec = process.env["PINNED_SPEC"]!;
  const drift: DriftResult = await runDrift(spec, spec);

  console.log(JSON.stringify({
    same,
    apps: apps.length,
    foundIsAppId: found._id === appId,
    viaCall: viaCall.length,
    raw: raw.data?.length,
    rawPath,
    logCount,
    firstPage: firstPage?.logs.length,
    tailed,
    uploadHash: meta.hash,
    synced: { uploaded: synced.uploaded, deleted: synced.deleted, failed: synced.failed.length },
    deployment: deployment.status,
    pulledRootConfig: pulled.written.includes("realm_config.json"),
    configChanges: diff.changes.length,
    diffPrinted: formatAppDiff(diff).endsWith("\n"),
    notFound,
    authError,
    drift: drift.summary,
  }));
} finally {
  await emu.stop();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
}
`;

/**
 * A consumer of the SDK alone, installed without @types/node and type-checked with the DOM's
 * types only (as a browser, Deno or Bun project is): it must compile from the SDK's declarations
 * without Node's types (no \`undici-types\`, no \`node:\` module), and run one call.
 */
export const SDK_ONLY_SOURCE = String.raw`
import { AdminNotFoundError, createAdminClient, createAdminCore, iterateLogs, type LogEntry } from "appservices-admin";
import { ListApplications } from "appservices-admin/operations/apps";
import type { AppInstance } from "appservices-admin/types";

declare const process: { env: Record<string, string | undefined> };
const baseUrl = process.env["EMULATOR_URL"]!;
const credentials = { publicKey: process.env["PUBLIC_KEY"]!, privateKey: process.env["PRIVATE_KEY"]! };
const groupId = process.env["GROUP_ID"]!;
const appId = process.env["APP_ID"]!;

const core = createAdminCore({ baseUrl, credentials, userAgent: "consumer/1.0" });
const apps: AppInstance[] = await core.call(ListApplications, { groupId });
const admin = createAdminClient({ baseUrl, credentials, fetch: (request) => fetch(request) });
let logs = 0;
for await (const entry of iterateLogs(admin, { groupId, appId }, { maxEntries: 5 })) {
  const typed: LogEntry = entry;
  if (typed._id) logs++;
}
let missing = 0;
try {
  await admin.apps.getApplication({ groupId, appId: "0".repeat(24) });
} catch (error) {
  if (error instanceof AdminNotFoundError) missing = error.status;
}
console.log(JSON.stringify({ apps: apps.length, logs, missing }));
`;

/**
 * The same calls for a browser bundle: a module whose \`main\` takes the emulator's settings and
 * returns the facts (a page has no \`process\` and the test reads no console).
 */
export const BROWSER_SOURCE = String.raw`
import { AdminNotFoundError, createAdminClient, createAdminCore, iterateLogs } from "appservices-admin";
import { ListApplications } from "appservices-admin/operations/apps";

export async function main(env: Record<string, string>) {
  const baseUrl = env["EMULATOR_URL"]!;
  const credentials = { publicKey: env["PUBLIC_KEY"]!, privateKey: env["PRIVATE_KEY"]! };
  const groupId = env["GROUP_ID"]!;
  const appId = env["APP_ID"]!;
  const apps = await createAdminCore({ baseUrl, credentials }).call(ListApplications, { groupId });
  const admin = createAdminClient({ baseUrl, credentials });
  let logs = 0;
  for await (const entry of iterateLogs(admin, { groupId, appId }, { maxEntries: 5 })) {
    if (entry._id) logs++;
  }
  let missing = 0;
  try {
    await admin.apps.getApplication({ groupId, appId: "0".repeat(24) });
  } catch (error) {
    if (error instanceof AdminNotFoundError) missing = error.status;
  }
  return { apps: apps.length, logs, missing };
}
`;
