import type { Deployment, Diff } from "../../generated/models.js";
import { AdminAbortError, AdminError, type RequestTarget } from "../core/errors.js";

/**
 * `deployWithDraft` found a draft already open for this user and app (409 `DraftAlreadyExists`)
 * and `onExistingDraft` is `"fail"`. Carries the draft's id and what it changes, so the caller can
 * decide between `"discard"` and `"reuse"`. `cause` is the 409 itself.
 */
export class DraftAlreadyExistsError extends AdminError {
  static override readonly name: string = "DraftAlreadyExistsError";
  readonly groupId: string;
  readonly appId: string;
  /** `_id` of the draft that is already open. */
  readonly draftId: string;
  /** The draft's diff against the deployed app; undefined when reading it failed (`diffError`). */
  readonly diff: Diff | undefined;
  /** Why the diff could not be read, when it could not. */
  readonly diffError: unknown;

  constructor(init: {
    groupId: string;
    appId: string;
    draftId: string;
    diff: Diff | undefined;
    diffError?: unknown;
    cause: unknown;
  }) {
    // The diff stays out of the message: it holds whole config files.
    const counted = changedFiles(init.diff);
    const changes = !counted
      ? "diff unavailable"
      : counted[0] + counted[1] + counted[2] === 0
        ? "it changes nothing, so discarding it loses nothing: an interrupted call may have left it"
        : `${counted[0]} changed config file(s), ${counted[1]} changed hosted file(s)` +
          (counted[2]
            ? `, ${counted[2]} other change(s): dependencies, GraphQL or schema settings`
            : "");
    super(
      `a deployment draft ${init.draftId} is already open for app ${init.appId} (${changes}); ` +
        `pass onExistingDraft: "discard" to drop it or "reuse" to deploy it with your changes`,
      { cause: init.cause },
    );
    this.groupId = init.groupId;
    this.appId = init.appId;
    this.draftId = init.draftId;
    this.diff = init.diff;
    this.diffError = init.diffError;
  }
}

/**
 * How many config files, hosted files and other things (dependencies, GraphQL and schema
 * settings) a draft's diff changes; undefined when it is no diff. A draft is said to change
 * nothing, and may be discarded, only when all three are 0.
 */
export function changedFiles(diff: Diff | undefined): [number, number, number] | undefined {
  if (typeof diff !== "object" || diff === null) return undefined;
  const hosting = diff.hosting_files_diff;
  const dependencies = diff.dependencies_diff;
  const schema = diff.schema_options_diff;
  return [
    diff.diffs?.length ?? 0,
    (hosting?.added?.length ?? 0) +
      (hosting?.deleted?.length ?? 0) +
      (hosting?.modified?.length ?? 0),
    (dependencies?.added?.length ?? 0) +
      (dependencies?.deleted?.length ?? 0) +
      (dependencies?.modified?.length ?? 0) +
      (diff.graphql_config_diff?.field_diffs?.length ?? 0) +
      (schema?.graphql_validation_diff?.length ?? 0) +
      (schema?.rest_validation_diff?.length ?? 0),
  ];
}

/**
 * The deploy call (`POST .../drafts/{draftId}/deployment`) failed in a way that does not tell
 * whether the server started the deployment: the connection broke after the request was sent, the
 * answer timed out, or the server answered 5xx (it failed, maybe after starting the deployment; a
 * gateway's 502/504 says nothing of its upstream). The deployment may be running. The draft was
 * left alone: if no deployment came of it, it is still open. `cause` is the failure. (An abort:
 * `DeployCallAbortedError`.)
 */
export class DeploymentOutcomeUnknownError extends AdminError {
  static override readonly name: string = "DeploymentOutcomeUnknownError";
  readonly groupId: string;
  readonly appId: string;
  /** `_id` of the draft the deploy call was for (a deployment made from it has this `draft_id`). */
  readonly draftId: string;

  constructor(init: { groupId: string; appId: string; draftId: string; cause: unknown }) {
    const why = init.cause instanceof Error ? init.cause.message : String(init.cause);
    super(
      `deploying draft ${init.draftId} of app ${init.appId} failed after the request may have ` +
        `reached the server (${why}), ${howToCheck(init.draftId)}`,
      { cause: init.cause },
    );
    this.groupId = init.groupId;
    this.appId = init.appId;
    this.draftId = init.draftId;
  }
}

/**
 * The caller's signal aborted the deploy call in flight: as for `DeploymentOutcomeUnknownError`,
 * the deployment may be running and the draft was kept. An `AdminAbortError`, so one check covers
 * every abort; `cause` is the signal's reason.
 */
export class DeployCallAbortedError extends AdminAbortError {
  static override readonly name: string = "DeployCallAbortedError";
  readonly groupId: string;
  readonly appId: string;
  /** As `DeploymentOutcomeUnknownError.draftId`. */
  readonly draftId: string;

  constructor(init: { groupId: string; appId: string; draftId: string }, abort: AdminAbortError) {
    super(abort, { cause: abort.cause });
    this.message = `deploying draft ${init.draftId} of app ${init.appId} was aborted, ${howToCheck(init.draftId)}`;
    this.groupId = init.groupId;
    this.appId = init.appId;
    this.draftId = init.draftId;
  }
}

/** What a deploy call that ended without its answer leaves to check, and how. */
function howToCheck(draftId: string): string {
  return (
    `so the deployment may be running. To check: deploy.listDeployments({ groupId, appId }) ` +
    `lists the newest first; a deployment with draft_id ${draftId} is this one, and ` +
    `waitForDeployment(admin, { groupId, appId, deploymentId }) waits for it. If there is none, ` +
    `the draft is still open: deploy it again (onExistingDraft: "reuse") or discard it ` +
    `(deploy.discardDraft).`
  );
}

/** A deployment ended with status `failed`. `statusErrorMessage` is the server's reason. */
export class DeploymentFailedError extends AdminError {
  static override readonly name: string = "DeploymentFailedError";
  readonly deploymentId: string;
  /** The server's `status_error_message` (empty when it gave none). */
  readonly statusErrorMessage: string;
  /** The deployment as last read. */
  readonly deployment: Deployment;

  constructor(deploymentId: string, deployment: Deployment) {
    const reason = deployment.status_error_message ?? "";
    super(`deployment ${deploymentId} failed${reason ? `: ${reason}` : " without a message"}`);
    this.deploymentId = deploymentId;
    this.statusErrorMessage = reason;
    this.deployment = deployment;
  }
}

/**
 * A deployment was still `created` or `pending` when `timeoutMs` ran out. It goes on on the
 * server: `waitForDeployment` with `deploymentId` picks the wait up again.
 */
export class DeploymentTimeoutError extends AdminError {
  static override readonly name: string = "DeploymentTimeoutError";
  readonly deploymentId: string;
  readonly timeoutMs: number;
  /** The deployment as last read (`status` tells how far it got). */
  readonly deployment: Deployment;

  constructor(deploymentId: string, timeoutMs: number, deployment: Deployment) {
    super(
      `deployment ${deploymentId} was still ${deployment.status ?? "unfinished"} after ${timeoutMs} ms; ` +
        `it continues on the server (waitForDeployment resumes the wait)`,
    );
    this.deploymentId = deploymentId;
    this.timeoutMs = timeoutMs;
    this.deployment = deployment;
  }
}

/**
 * `deployWithDraft` started a deployment, then reading it while waiting failed (a 5xx, a broken
 * connection, an answer without a deployment). A failed read does not stop the deployment:
 * `waitForDeployment` with `deploymentId` picks the wait up again. `cause` is the failure.
 */
export class DeploymentWaitError extends AdminError {
  static override readonly name: string = "DeploymentWaitError";
  readonly deploymentId: string;
  /** The deployment as last read (at least the deploy call's answer). */
  readonly deployment: Deployment;

  constructor(deploymentId: string, deployment: Deployment, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `waiting for deployment ${deploymentId} failed (last status ${deployment.status ?? "unknown"}): ` +
        `${why}; a failed read does not stop the deployment (waitForDeployment with deploymentId ` +
        `${deploymentId} resumes the wait)`,
      { cause },
    );
    this.deploymentId = deploymentId;
    this.deployment = deployment;
  }
}

/**
 * The caller's signal fired while waiting for a deployment. An `AdminAbortError`, so one check
 * covers every abort; it adds the deployment, which goes on on the server.
 */
export class DeploymentWaitAbortedError extends AdminAbortError {
  static override readonly name: string = "DeploymentWaitAbortedError";
  readonly deploymentId: string;
  /** The deployment as last read, if it was read at all. */
  readonly deployment: Deployment | undefined;

  constructor(
    target: RequestTarget,
    deploymentId: string,
    deployment: Deployment | undefined,
    cause: unknown,
  ) {
    super(target, { cause });
    this.message =
      `waiting for deployment ${deploymentId} was aborted` +
      (deployment?.status ? ` (last status ${deployment.status})` : "") +
      `; it continues on the server (waitForDeployment resumes the wait)`;
    this.deploymentId = deploymentId;
    this.deployment = deployment;
  }
}

/**
 * The draft could not be discarded while cleaning up after a failure. Never thrown on its own:
 * it rides on the original error as `discardError` (see `deployWithDraft`).
 */
export class DraftDiscardError extends AdminError {
  static override readonly name: string = "DraftDiscardError";
  /** `_id` of the draft left open: discard it with `deploy.discardDraft` or reuse it. */
  readonly draftId: string;

  constructor(draftId: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`discarding draft ${draftId} failed, so it is still open: ${why}`, { cause });
    this.draftId = draftId;
  }
}

/** A short description of an app, as `findApp` errors list them. */
export interface AppCandidate {
  _id: string | undefined;
  name: string | undefined;
  client_app_id: string | undefined;
  product: string | undefined;
}

/** `findApp` matched no app. `candidates` are the apps it saw, to spot a typo. */
export class AppNotFoundError extends AdminError {
  static override readonly name: string = "AppNotFoundError";
  readonly groupId: string;
  readonly candidates: readonly AppCandidate[];

  constructor(groupId: string, wanted: string, candidates: readonly AppCandidate[]) {
    super(`no app with ${wanted} in group ${groupId}; apps there: ${describe(candidates)}`);
    this.groupId = groupId;
    this.candidates = candidates;
  }
}

/** `findApp` matched several apps (a name can repeat across product types); narrow with `products`. */
export class AmbiguousAppError extends AdminError {
  static override readonly name: string = "AmbiguousAppError";
  readonly groupId: string;
  readonly candidates: readonly AppCandidate[];

  constructor(groupId: string, wanted: string, candidates: readonly AppCandidate[]) {
    super(
      `${candidates.length} apps with ${wanted} in group ${groupId}: ${describe(candidates)}; ` +
        `pass clientAppId, or products to narrow the search`,
    );
    this.groupId = groupId;
    this.candidates = candidates;
  }
}

const LISTED = 20;

function describe(candidates: readonly AppCandidate[]): string {
  if (candidates.length === 0) return "none";
  const shown = candidates
    .slice(0, LISTED)
    .map(
      (c) =>
        `${c.name ?? "?"} (client_app_id ${c.client_app_id ?? "?"}, _id ${c._id ?? "?"}, ${c.product ?? "?"})`,
    );
  const more = candidates.length > LISTED ? `, and ${candidates.length - LISTED} more` : "";
  return shown.join(", ") + more;
}
