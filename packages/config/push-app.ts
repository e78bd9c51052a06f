import type { AdminCaller } from "../client/create-admin-core.js";
import {
  DiscardDraft,
  ListDeploymentDrafts,
  ListDeployments,
} from "../../generated/operations/deploy.js";
import { InvalidateHostingCache } from "../../generated/operations/hosting.js";
import { assertAppId } from "../client/object-id.js";
import type { Deployment } from "../../generated/models.js";
import { deployWithDraft } from "../deploy/deploy-with-draft.js";
import { planPolling } from "../deploy/polling.js";
import {
  answerLost,
  discardDraft,
  draftChanges,
  draftAlreadyExists,
  type ExistingDraftPolicy,
} from "../deploy/draft.js";
import {
  DeployCallAbortedError,
  DeploymentFailedError,
  DeploymentOutcomeUnknownError,
  DeploymentTimeoutError,
} from "../deploy/errors.js";
import type { SuccessfulDeployment } from "../deploy/wait-for-deployment.js";
import type { SyncResult } from "../hosting/sync-hosting.js";
import type { AppDiff } from "./app-diff.js";
import {
  changesDependencies,
  diffDependencies,
  installDependencies,
  DependenciesTimeoutError,
  type DependenciesInstall,
  type DependenciesUpload,
  type DependencySource,
} from "./dependencies.js";
import { compareWithApp, withDependencies, withFolderLoaded, withHosting } from "./diff-app.js";
import { lockForPush } from "./folder-lock.js";
import { applyHosting, changesHosting, hostingChanges, type HostingRun } from "./hosting-plan.js";
import { PushAppError, type PushProgress } from "./errors.js";
import { sendImport, type AppTarget } from "./import-call.js";
import type { LoadedFolder } from "./load-folder.js";
import { whileCheckingSecrets } from "./secrets.js";

/** Options of `pushApp`. */
export interface PushAppOptions {
  groupId: string;
  /** The app's `_id` (an ObjectId). */
  appId: string;
  /** The app folder (as `pullApp` writes it). */
  dir: string;
  /** Check and diff only; change nothing (default false). */
  dryRun?: boolean | undefined;
  /** A draft already open for this user and app: `"fail"` (default), `"discard"` or `"reuse"`. */
  onExistingDraft?: ExistingDraftPolicy | undefined;
  /** Also sync `hosting/files/` (uploads, attribute updates, deletions), after the deploy. */
  includeHosting?: boolean | undefined;
  /**
   * With `includeHosting`: once the sync has changed a hosted file (and none failed), invalidate
   * the CDN cache of every path (`/*`), as the official CLI's `--reset-cdn-cache`; a sync that
   * changed nothing leaves the cache alone (default false). Without `includeHosting`: TypeError.
   */
  invalidateCache?: boolean | undefined;
  /**
   * Also push the functions' npm dependencies, as the official CLI's `--include-node-modules`
   * (`"node-modules"`: `functions/node_modules.zip` or another archive as it is, else the
   * `functions/node_modules` folder zipped) or `--include-package-json` (`"package-json"`:
   * `functions/package.json`, the server installs). A missing file is a `ConfigValidationError`
   * before any request. They are diffed with the configuration (`diff.dependencies`); when that
   * diff finds a change they are uploaded once the configuration is deployed (or found unchanged),
   * before hosting, and the installation is waited for (`timeoutMs`, `signal`): a failed one
   * throws `PushAppError` whose cause is a `DependenciesInstallError` with the server's message.
   */
  includeDependencies?: DependencySource | undefined;
  /** How long to wait for the deployment (and the dependencies' installation), in ms (default 10 minutes; 0: no limit). */
  timeoutMs?: number | undefined;
  /** Called with each deployment status: `created`, `pending`, `successful`/`failed`. */
  onStatus?: ((status: string, deployment: Deployment) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** What a push did (or, with `dryRun`, would do). */
export interface PushAppResult {
  /** What the push changed (`changes` is empty when the server's diff found nothing to change). */
  diff: AppDiff;
  /** The deployment, when the configuration changed; undefined for a no-op or a dry run. */
  deployment: SuccessfulDeployment | undefined;
  /** The hosting sync, when hosting was included and had something to do. */
  hosting: SyncResult | undefined;
  /** The dependencies' installation, when they were included and their diff found a change. */
  dependencies: DependenciesInstall | undefined;
  dryRun: boolean;
}

/**
 * Pushes an app folder the way the official CLI does, with its gaps closed. Before any request:
 * the folder is checked against the spec's schemas (`ConfigValidationError`, with file, line and
 * JSON pointer). Then, before anything carrying the configuration is sent, every secret it names
 * must exist (`MissingSecretsError`; checked alongside the first reads), and the push is diffed (see
 * `diffApp`): the server's diff first, then, only when it finds a change (or the server offers
 * none), the per-resource comparison with the app. Configuration unchanged: no draft, no
 * deployment, `diff.changes` empty. Otherwise, in one draft
 * (`deployWithDraft`): `POST …/import?strategy=replace-by-name`, deploy, wait (`timeoutMs`).
 * With `includeHosting`, `hosting/files/` is synced by `syncHosting`, started with the folder's
 * load so each file is read and hashed once: its listing goes out with the diff (a listing that
 * fails stops the push before anything is applied), and its uploads, attribute updates and
 * deletions wait until the configuration is deployed or found unchanged; `diff.hosting` is what
 * it did.
 *
 * A failure after that point throws `PushAppError`: `progress` says what was applied (the draft
 * and whether it was discarded, the deployment, hosting paths), `nextStep` what to do. A failed
 * import or deployment discards the draft, so the app is as before; a deploy call whose answer was
 * lost (connection, timeout, 5xx) keeps it, since the deployment may be running (`nextStep` says
 * how to find it).
 *
 * @example
 * const { deployment, diff } = await pushApp(admin, { groupId, appId, dir: "./app" });
 */
export async function pushApp(
  client: AdminCaller,
  options: PushAppOptions,
): Promise<PushAppResult> {
  assertAppId(options.appId, "pushApp");
  if (options.invalidateCache && !options.includeHosting) {
    throw new TypeError(
      "pushApp: invalidateCache needs includeHosting (the cache is of hosted files)",
    );
  }
  // A bad timeoutMs is refused here, not once the configuration is deployed.
  if (options.includeDependencies) planPolling({ timeoutMs: options.timeoutMs });
  const dryRun = options.dryRun ?? false;
  // With hosting, the sync starts while the folder loads: a dry run's plan, or the push's own
  // sync, hashing each file once, its changes held until the configuration is deployed.
  // Held to the end: the hosting sync reads its files again as it uploads them. A dry run, which
  // writes nothing, takes no lock (as a pull's).
  const unlock = dryRun ? undefined : await lockForPush(options.dir);
  try {
    return await withFolderLoaded(
      client,
      { ...options, applyHosting: !dryRun },
      (local, hosting, dependencies) => pushLoaded(client, options, local, hosting, dependencies),
    );
  } finally {
    await unlock?.();
  }
}

async function pushLoaded(
  client: AdminCaller,
  options: PushAppOptions,
  local: LoadedFolder,
  hosting: HostingRun | undefined,
  dependencies: DependenciesUpload | undefined,
): Promise<PushAppResult> {
  const { groupId, appId, signal } = options;
  const target: AppTarget = { groupId, appId, signal };
  const dryRun = options.dryRun ?? false;
  // A draft left open (by an interrupted push, the UI) holds changes the app already shows: it
  // is refused, discarded (then the diff is taken again), or deployed with the folder. Looked
  // for while the diff is taken, since there rarely is one. The secrets are listed at the same
  // time; only the server's diff, which carries the configuration, waits for that check. Nothing
  // is applied before the hosted files are listed: a sync that cannot start fails the push first.
  const [draftId, firstDiff, , depsDiff] = await whileCheckingSecrets(
    client,
    target,
    local.folder,
    (cleared, stop) =>
      Promise.all([
        dryRun ? undefined : openDraftId(client, { ...target, signal: stop }),
        compareWithApp(client, { ...options, signal: stop }, local, {
          cleared,
          serverFirst: true,
        }),
        hosting?.listed,
        dependencies && diffDependencies(client, { ...target, signal: stop }, dependencies),
      ]),
  );
  let diff = withDependencies(firstDiff, depsDiff);
  const reused = draftId !== undefined && options.onExistingDraft === "reuse";
  if (draftId !== undefined && !reused) {
    await settleOpenDraft(client, target, draftId, options.onExistingDraft ?? "fail");
    diff = withDependencies(
      await compareWithApp(client, options, local, { serverFirst: true }),
      depsDiff,
    );
  }
  if (dryRun) {
    const plan = hosting && hostingChanges(await hosting.result);
    const result = { diff: withHosting(diff, plan), deployment: undefined, hosting: undefined };
    return { ...result, dependencies: undefined, dryRun };
  }

  const progress: PushProgress = {
    draftId: undefined,
    draftDiscarded: false,
    importSent: false,
    deploymentId: undefined,
    hostingApplied: [],
  };
  let deployment: SuccessfulDeployment | undefined;
  if (reused || diff.configChanged) {
    try {
      deployment = await deployWithDraft(
        client,
        {
          groupId,
          appId,
          onExistingDraft: options.onExistingDraft,
          timeoutMs: options.timeoutMs,
          signal,
          onStatus: (status, d) => {
            progress.deploymentId ??= d._id;
            options.onStatus?.(status, d);
          },
        },
        async (_client, draft) => {
          progress.draftId = draft._id;
          progress.importSent = true;
          await sendImport(client, target, local.payload);
        },
      );
    } catch (error) {
      throw await configFailure(client, target, progress, error, reused);
    }
  }
  // As the official CLI: after the deployment, before hosting, and only when the diff found a change.
  let installed: DependenciesInstall | undefined;
  if (dependencies && changesDependencies(diff.dependencies)) {
    try {
      installed = await installDependencies(client, target, dependencies, {
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      const done = deployment ? "The configuration is deployed; the" : "The";
      throw new PushAppError(
        "while installing the dependencies",
        progress,
        error instanceof DependenciesTimeoutError
          ? `${done} dependencies are still installing on the server: push again with includeDependencies once they are (nothing is sent when they are in place).`
          : `${done} dependencies are not installed: fix the cause and push again with includeDependencies (only what still differs is sent).`,
        error,
      );
    }
  }
  const synced = hosting && (await applyHosting(hosting, progress));
  const changes = synced && hostingChanges(synced);
  diff = withHosting(diff, changes);
  const hostingResult = changes && changesHosting(changes) ? synced : undefined;
  if (hostingResult && options.invalidateCache) {
    try {
      await client.call(
        InvalidateHostingCache,
        { groupId, appId, body: { invalidate: true, path: "/*" } },
        { signal },
      );
    } catch (error) {
      // Pushing again would find nothing to change, so it would not invalidate either.
      throw new PushAppError(
        "while invalidating the CDN cache",
        progress,
        'The hosted files are in place: invalidate the cache with hosting.invalidateHostingCache (path "/*").',
        error,
      );
    }
    hostingResult.cacheInvalidated = true;
  }
  return { diff, deployment, hosting: hostingResult, dependencies: installed, dryRun };
}

/** The `_id` of the draft open for this user and app, if any. */
async function openDraftId(client: AdminCaller, target: AppTarget): Promise<string | undefined> {
  const { groupId, appId, signal } = target;
  const drafts = await client.call(ListDeploymentDrafts, { groupId, appId }, { signal });
  return drafts.find((d) => typeof d._id === "string")?._id;
}

/**
 * The existing-draft policy, applied up front: `"discard"` discards the draft (the app is then as
 * deployed; a draft already gone is as good); `"fail"` throws `DraftAlreadyExistsError` with the draft's diff.
 */
async function settleOpenDraft(
  client: AdminCaller,
  target: AppTarget,
  draftId: string,
  policy: ExistingDraftPolicy,
): Promise<void> {
  if (policy === "discard") {
    await discardDraft(client, target, draftId);
    return;
  }
  throw await draftAlreadyExists(client, target, draftId, undefined);
}

/** The error for a failure inside the draft workflow, after making sure the draft is gone. */
async function configFailure(
  client: AdminCaller,
  target: AppTarget,
  progress: PushProgress,
  error: unknown,
  reused: boolean,
): Promise<unknown> {
  if (error instanceof DeploymentTimeoutError) progress.deploymentId = error.deploymentId;
  // Answer lost or aborted: a deployment made from the draft is this push's.
  if (error instanceof DeploymentOutcomeUnknownError || error instanceof DeployCallAbortedError) {
    // Found by its draft, never by its place in the list: another process's deployment, of
    // another draft, may be the newest.
    const found = await deploymentFrom(client, target, error.draftId);
    progress.deploymentId = found?._id;
    // Not listed (yet: the listing may lag) proves nothing, and a draft gone from the drafts may
    // have been deployed, not discarded: the outcome stays unknown, and the error says so.
    if (found === undefined) {
      return new PushAppError(
        "while deploying",
        progress,
        `The deploy call ended without its answer and no deployment made from draft ${error.draftId} is listed yet: it may have started, or the draft may still be open. deploy.listDeployments shows such a deployment with draft_id ${error.draftId} (waitForDeployment then waits for it); if none appears, push again with onExistingDraft: "discard".`,
        error,
      );
    }
    // A reused draft was open before this push: its owner may have deployed it too.
    const whose = reused
      ? ", the open draft this push reused (another process may have deployed it)"
      : "";
    return new PushAppError(
      "while deploying",
      progress,
      `The deploy call ended without its answer, but deployment ${found._id}, made from draft ${error.draftId}${whose}, is listed with status ${found.status ?? "unknown"}: waitForDeployment with deploymentId ${found._id} waits for it.`,
      error,
    );
  }
  // A timeout or an abort while waiting: the deployment runs on whatever happened here.
  if (progress.deploymentId !== undefined && !(error instanceof DeploymentFailedError)) {
    return new PushAppError(
      "while waiting for the deployment",
      progress,
      // A timeout's own message already says the deployment goes on.
      `${error instanceof DeploymentTimeoutError ? "" : "The deployment goes on on the server: "}waitForDeployment with deploymentId ${progress.deploymentId} resumes the wait.`,
      error,
    );
  }
  if (progress.draftId === undefined) {
    // Creating the draft may have reached the server with its answer lost (a reset, a timeout, a
    // 5xx, an abort in flight): a draft open now may be the one it made, or one another process
    // of the same user (the UI) opened meanwhile, and nothing tells them apart (see `openDraft`).
    // It is left open, and named. Read without the caller's signal: an abort is often the cause.
    const unsignalled = { ...target, signal: undefined };
    const lost = !reused && answerLost(error);
    const opened = lost ? await unlessUnreadable(openDraftId(client, unsignalled)) : undefined;
    const changes = opened === undefined ? true : await draftChanges(client, unsignalled, opened);
    // One with changes is not this push's (its import was never sent): left as it is.
    if (opened === undefined || changes === true) {
      return new PushAppError(
        lost ? "while opening a draft" : "before a draft was open",
        progress,
        "Nothing was applied: push again once the cause is fixed.",
        error,
      );
    }
    return new PushAppError(
      "while opening a draft",
      progress,
      `Draft ${opened} is open ${changes === false ? "and shows no change" : "(its changes could not be read)"}: it may be the one this push opened (the answer was lost) or one another process of the same user opened meanwhile, so it was left open. If no other push or deploy of this app is under way, push again with onExistingDraft: "discard".`,
      error,
    );
  }
  if (error instanceof DeploymentFailedError) {
    progress.deploymentId = error.deploymentId;
    // Like the official CLI: a draft whose deployment failed is discarded (if it is still there).
    await client
      .call(DiscardDraft, {
        groupId: target.groupId,
        appId: target.appId,
        draftId: progress.draftId,
      })
      .catch(() => undefined);
  }
  progress.draftDiscarded = (await draftOpen(client, target, progress.draftId)) === false;
  const what =
    error instanceof DeploymentFailedError
      ? "in the deployment"
      : "while applying the configuration";
  return new PushAppError(what, progress, afterDraft(progress), error);
}

/** The next step once the push's draft was discarded, or could not be shown to be. */
function afterDraft(progress: PushProgress): string {
  return progress.draftDiscarded
    ? "The app is unchanged: fix the cause and push again."
    : `Draft ${progress.draftId} may still be open: push again with onExistingDraft: "discard", or discard it with deploy.discardDraft.`;
}

/** The deployment made from `draftId`; undefined when there is none or it cannot be read. */
function deploymentFrom(
  client: AdminCaller,
  { groupId, appId }: AppTarget,
  draftId: string,
): Promise<(Deployment & { _id: string }) | undefined> {
  return unlessUnreadable(
    client
      .call(ListDeployments, { groupId, appId })
      .then((deployments) =>
        deployments.find(
          (d): d is Deployment & { _id: string } =>
            d.draft_id === draftId && typeof d._id === "string",
        ),
      ),
  );
}

/** Whether the draft is still open; undefined when that cannot be read (the server is unreachable). */
function draftOpen(
  client: AdminCaller,
  { groupId, appId }: AppTarget,
  draftId: string,
): Promise<boolean | undefined> {
  return unlessUnreadable(
    client
      .call(ListDeploymentDrafts, { groupId, appId })
      .then((drafts) => drafts.some((d) => d._id === draftId)),
  );
}

// After a failure, what the server can still tell is a hint for the message, never a new error.
function unlessUnreadable<T>(read: Promise<T>): Promise<T | undefined> {
  return read.catch(() => undefined);
}
