import { join } from "node:path";
import type { AdminCaller } from "../client/create-admin-core.js";
import { AdminError } from "../core/errors.js";
import type { AssetAttribute } from "../hosting/multipart.js";
import { syncHostingSeen, type SyncResult } from "../hosting/sync-hosting.js";
import type { Applied } from "../hosting/sync-steps.js";
import type { AppFolder } from "./app-folder.js";
import type { HostingChanges } from "./app-diff.js";
import { PushAppError, type PushProgress } from "./errors.js";
import type { AppTarget } from "./import-call.js";
import { HOSTING_FILES_DIR, HOSTING_METADATA } from "./layout.js";
import type { LoadedFolder } from "./load-folder.js";
import { exists } from "./pull-hosting.js";

/** A sync of the folder's `hosting/files/`, started before the folder is known to be good. */
export interface HostingRun {
  /** What the sync did (or, as a plan, would do). */
  result: Promise<SyncResult>;
  /** Resolves once the hosted files are listed; rejects if the sync failed before that. */
  listed: Promise<void>;
  /**
   * Lets the sync's changing requests (uploads, attribute updates, deletions) go. Until then, or
   * `cancel`, they wait: a plan never sends one.
   */
  release(): void;
  /** Fails the sync's changing requests with `reason` instead of sending them. */
  cancel(reason: unknown): void;
  /** The paths changed on the server so far (also after a sync that stopped half-way). */
  applied(): string[];
}

/**
 * Starts syncing `dir`'s `hosting/files/` while the folder is still `loading`: the local files
 * are listed and hashed at once, each read once (hashing is most of a push that changes little),
 * but the sync's listing waits until the folder has passed its checks (nothing is sent for a
 * folder that fails them), and the attributes come from its `hosting/metadata.json`. With `plan`
 * the sync is a dry run; otherwise it is the push's own sync, whose changing requests wait for
 * `release` (after the configuration is deployed): the plan a push decides on is the sync that
 * applies it, so no file is read twice.
 */
export function startHosting(
  client: AdminCaller,
  target: AppTarget,
  dir: string,
  loading: Promise<LoadedFolder>,
  plan: boolean,
): HostingRun {
  let release!: () => void;
  let cancel!: (reason: unknown) => void;
  const released = new Promise<void>((resolve, reject) => {
    release = resolve;
    cancel = reject;
  });
  // Awaited by each changing request: there may be none.
  released.catch(() => undefined);
  let markListed!: () => void;
  const listing = new Promise<void>((resolve) => (markListed = resolve));
  let attrs: Record<string, AssetAttribute[]> | undefined;
  const held: AdminCaller = {
    call: (async (...args: Parameters<AdminCaller["call"]>) => {
      attrs ??= metadataAttributes((await loading).folder);
      // The sync's one read is its listing of the hosted files; the rest change them.
      if (args[0].method !== "GET") await released;
      const answer = await client.call(...args);
      if (args[0].method === "GET") markListed();
      return answer;
    }) as AdminCaller["call"],
  };
  let record: Applied | undefined;
  const result = syncFolder(
    held,
    target,
    dir,
    plan,
    (path) => {
      if (!attrs) throw new Error(`hosting plan: ${path} compared before the folder was loaded`);
      return Object.hasOwn(attrs, path) ? attrs[path] : undefined;
    },
    (applied) => (record = applied),
  );
  const listed = Promise.race([listing, result.then(() => undefined)]);
  // Both are awaited by whoever needs them, or not at all (a plan's `listed`).
  result.catch(() => undefined);
  listed.catch(() => undefined);
  // A plan changes nothing, whatever its record says it would.
  const applied = () =>
    plan || !record ? [] : [...record.uploaded, ...record.attrsUpdated, ...record.deleted];
  return { result, listed, release, cancel, applied };
}

async function syncFolder(
  client: AdminCaller,
  target: AppTarget,
  dir: string,
  dryRun: boolean,
  attrs: (path: string) => AssetAttribute[] | undefined,
  seen: (applied: Applied) => void,
): Promise<SyncResult> {
  const filesDir = join(dir, HOSTING_FILES_DIR);
  // Syncing a missing folder would delete every hosted file: refuse instead.
  if (!(await exists(filesDir))) {
    throw new AdminError(
      `includeHosting: ${filesDir} does not exist (pull with includeHosting to create it, or leave hosting out)`,
    );
  }
  // Remote-only files are deleted, as the official CLI does.
  return syncHostingSeen(
    client,
    { ...target, dir: filesDir, deleteRemoved: true, dryRun, attrs },
    seen,
  );
}

/**
 * Lets the push's hosting sync apply its changes, after the configuration (as the official CLI
 * does: hosted files are not part of a deployment). A path that fails, or a sync that stops,
 * throws `PushAppError` with what was already applied; running the push again converges.
 */
export async function applyHosting(
  hosting: HostingRun,
  progress: PushProgress,
): Promise<SyncResult> {
  const next =
    "Push again with includeHosting to finish: the configuration part will be a no-op and the sync converges.";
  hosting.release();
  let result: SyncResult;
  try {
    result = await hosting.result;
  } catch (error) {
    // Stopped half-way (an abort): the requests answered before that did change the server.
    progress.hostingApplied = hosting.applied();
    throw new PushAppError("while syncing hosting", progress, next, error);
  }
  progress.hostingApplied = [...result.uploaded, ...result.attrsUpdated, ...result.deleted];
  if (result.failed.length > 0) {
    const paths = result.failed.map((f) => f.path).join(", ");
    const cause = new AggregateError(
      result.failed.map((f) => f.error),
      `${result.failed.length} hosting file(s) failed: ${paths}`,
    );
    throw new PushAppError("while syncing hosting", progress, next, cause);
  }
  return result;
}

/** The paths a sync uploaded, patched and deleted (or, as a plan, would). */
export function hostingChanges(result: SyncResult): HostingChanges {
  return { upload: result.uploaded, patch: result.attrsUpdated, delete: result.deleted };
}

/** Whether a sync changed (or, as a plan, would change) anything. */
export function changesHosting(changes: HostingChanges): boolean {
  return changes.upload.length + changes.patch.length + changes.delete.length > 0;
}

/** The attributes `hosting/metadata.json` gives, by path. */
export function metadataAttributes(folder: AppFolder): Record<string, AssetAttribute[]> {
  const attrs: Record<string, AssetAttribute[]> = {};
  const metadata = folder.json.get(HOSTING_METADATA);
  for (const entry of Array.isArray(metadata) ? metadata : []) {
    attrs[entry.path] = entry.attrs ?? [];
  }
  return attrs;
}
