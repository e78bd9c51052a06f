import type { DeploymentDraft, Diff } from "../../generated/models.js";
import { AdminAbortError, AdminApiError, AdminError, AdminServerError } from "../core/errors.js";
import { mayHaveReachedServer } from "../client/retry.js";
import { changedFiles, DraftAlreadyExistsError, DraftDiscardError } from "./errors.js";
import type { DeployClient } from "./wait-for-deployment.js";
import {
  CreateDeploymentDraft,
  DeployDraftDiff,
  DiscardDraft,
  ListDeploymentDrafts,
} from "../../generated/operations/deploy.js";

/** What `deployWithDraft` does when the user already has a draft open on the app. */
export type ExistingDraftPolicy = "fail" | "discard" | "reuse";

/** A draft as the API returns it, with its `_id` known to be there. */
export type OpenDraft = DeploymentDraft & { _id: string };

interface DraftTarget {
  groupId: string;
  appId: string;
  signal?: AbortSignal | undefined;
}

/**
 * Creates a draft, or deals with the one already open (one per user per app) by `policy`.
 * `created` says whether the draft is this call's own, and so whether a failure may discard it.
 * A creation whose answer was lost (a reset, a timeout, a 5xx, an abort in flight) throws its
 * error and leaves alone the draft it may have made: nothing tells that draft from one another
 * process of the same user opened meanwhile (a draft has no creator but the user, and no
 * creation time), which discarding would pull from under that process. The next call meets it as
 * a draft already open (`DraftAlreadyExistsError` says when it changes nothing).
 */
export async function openDraft(
  client: DeployClient,
  target: DraftTarget,
  policy: ExistingDraftPolicy,
): Promise<{ draft: OpenDraft; created: boolean }> {
  const { groupId, appId, signal } = target;
  const create = async () =>
    withId(await client.call(CreateDeploymentDraft, { groupId, appId }, { signal }));

  let conflict: AdminApiError;
  try {
    return { draft: await create(), created: true };
  } catch (error) {
    if (!isDraftAlreadyExists(error)) throw error;
    conflict = error;
  }
  const drafts = await client.call(ListDeploymentDrafts, { groupId, appId }, { signal });
  const existing = drafts.find((d): d is OpenDraft => typeof d._id === "string");
  // Discarded by someone else between the two calls: the way is clear again.
  if (!existing) return { draft: await create(), created: true };
  const draftId = existing._id;
  if (policy === "reuse") return { draft: existing, created: false };
  if (policy === "discard") {
    await discardDraft(client, target, draftId);
    return { draft: await create(), created: true };
  }
  throw await draftAlreadyExists(client, target, draftId, conflict);
}

/**
 * Whether the draft changes anything (see `changedFiles`); undefined when its diff cannot be read.
 * A draft that changes something cannot be one whose creation's answer was lost.
 */
export async function draftChanges(
  client: DeployClient,
  { groupId, appId }: Pick<DraftTarget, "groupId" | "appId">,
  draftId: string,
): Promise<boolean | undefined> {
  try {
    const counted = changedFiles(await client.call(DeployDraftDiff, { groupId, appId, draftId }));
    return counted && counted.some((n) => n > 0);
  } catch {
    return undefined;
  }
}

/**
 * Whether a failed POST may have been carried out, its answer lost: `mayHaveReachedServer`, an
 * abort in flight, or a 5xx (the server failed, not necessarily before acting).
 */
export function answerLost(error: unknown): boolean {
  return (
    mayHaveReachedServer(error) ||
    error instanceof AdminAbortError ||
    error instanceof AdminServerError
  );
}

/**
 * The error for a draft found open under the `"fail"` policy, carrying the draft's diff (or why
 * it could not be read). `cause` is the 409 that revealed the draft, when there was one. The
 * caller's abort while the diff is read is thrown as it is: it is why the call ends.
 */
export async function draftAlreadyExists(
  client: DeployClient,
  target: DraftTarget,
  draftId: string,
  cause: unknown,
): Promise<DraftAlreadyExistsError> {
  const { groupId, appId, signal } = target;
  let diff: Diff | undefined;
  let diffError: unknown;
  try {
    diff = await client.call(DeployDraftDiff, { groupId, appId, draftId }, { signal });
  } catch (error) {
    if (error instanceof AdminAbortError) throw error;
    diffError = error;
  }
  return new DraftAlreadyExistsError({ groupId, appId, draftId, diff, diffError, cause });
}

/**
 * Discards a draft after `original` ended the workflow, and returns what to throw: `original`
 * itself, carrying a `DraftDiscardError` as `discardError` when the discard failed too (a 404,
 * the draft already gone, is no failure). The discard ignores the caller's signal: an abort is
 * often the very reason for cleaning up.
 */
export async function discardAfter(
  client: DeployClient,
  target: DraftTarget,
  draftId: string,
  original: unknown,
): Promise<unknown> {
  try {
    await discardDraft(client, { groupId: target.groupId, appId: target.appId }, draftId);
    return original;
  } catch (failure) {
    return attachDiscardError(original, new DraftDiscardError(draftId, failure));
  }
}

/**
 * Discards a draft. One already gone (404: discarded by someone else meanwhile, or the draft a
 * failure was about vanished) is what the discard wanted: no error.
 */
export async function discardDraft(
  client: DeployClient,
  { groupId, appId, signal }: DraftTarget,
  draftId: string,
): Promise<void> {
  try {
    await client.call(DiscardDraft, { groupId, appId, draftId }, { signal });
  } catch (error) {
    if (!(error instanceof AdminApiError && error.status === 404)) throw error;
  }
}

/** Puts the discard failure beside the original error, keeping the original's identity if it can. */
function attachDiscardError(original: unknown, discardError: DraftDiscardError): unknown {
  if (typeof original === "object" && original !== null && Object.isExtensible(original)) {
    try {
      Object.defineProperty(original, "discardError", {
        value: discardError,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return original;
    } catch {
      // A non-configurable `discardError` already there: fall through to the aggregate.
    }
  }
  const what = original instanceof Error ? original.message : String(original);
  return new AggregateError([original, discardError], `${what}; and ${discardError.message}`);
}

function isDraftAlreadyExists(error: unknown): error is AdminApiError {
  // `error_code` is often missing on the real API; on this endpoint a 409 means only this.
  return (
    error instanceof AdminApiError &&
    error.status === 409 &&
    (error.errorCode === undefined || error.errorCode === "DraftAlreadyExists")
  );
}

function withId(draft: DeploymentDraft): OpenDraft {
  if (typeof draft._id !== "string") throw new AdminError("the created draft has no _id");
  return draft as OpenDraft;
}
