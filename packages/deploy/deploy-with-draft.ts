import type { Deployment } from "../../generated/models.js";
import type { Clock } from "../core/clock.js";
import { AdminAbortError, AdminError } from "../core/errors.js";
import { DeployCallAbortedError, DeploymentOutcomeUnknownError } from "./errors.js";
import {
  answerLost,
  discardAfter,
  openDraft,
  type ExistingDraftPolicy,
  type OpenDraft,
} from "./draft.js";
import { assertAppId } from "../client/object-id.js";
import { planPolling, type PollSettings } from "./polling.js";
import {
  pollDeployment,
  type DeployClient,
  type SuccessfulDeployment,
} from "./wait-for-deployment.js";
import { DeployDraft } from "../../generated/operations/deploy.js";

/** Options of `deployWithDraft`. */
export interface DeployWithDraftOptions extends PollSettings {
  groupId: string;
  /** The app's `_id` (an ObjectId), not its `client_app_id`: see `findApp`. */
  appId: string;
  /** The deployment's name (default: the server names it after its `_id`). */
  name?: string | undefined;
  /**
   * When a draft is already open for this user and app: `"fail"` (default) throws
   * `DraftAlreadyExistsError` with its id and diff; `"discard"` drops it and opens a new one;
   * `"reuse"` makes the changes in it and deploys it, with whatever it already held.
   */
  onExistingDraft?: ExistingDraftPolicy | undefined;
  /**
   * How long to wait for the deployment once the deploy call has answered, in ms (default 10
   * minutes; `0` or `Infinity`: no limit). The draft and `changes` are not counted.
   */
  timeoutMs?: number | undefined;
  /**
   * Aborts the workflow: before the deploy call, the draft is discarded; during it,
   * `DeployCallAbortedError` (the deployment may have started; the draft is kept); after it, only
   * the wait stops.
   */
  signal?: AbortSignal | undefined;
  /** Called with each new deployment status: `created`, `pending`, then `successful`/`failed`. */
  onStatus?: ((status: string, deployment: Deployment) => void) | undefined;
  /** Time source for the waits and the deadline (default: the system clock); for tests. */
  clock?: Clock | undefined;
}

/** What `changes` gets besides the client and the draft. */
export interface DraftContext {
  groupId: string;
  appId: string;
  /** The workflow's signal, to pass on to the calls `changes` makes. */
  signal: AbortSignal | undefined;
}

/** The caller's edits, made while the draft is open; may return a promise. */
export type DraftChanges<C> = (client: C, draft: OpenDraft, context: DraftContext) => unknown;

/**
 * The Admin API's deploy workflow in one call: open a draft, make `changes` in it, deploy it and
 * wait until the deployment is `successful` (see `waitForDeployment` for the wait and its errors;
 * a read that fails while waiting throws `DeploymentWaitError`, which carries the `deploymentId`
 * to resume with).
 *
 * If the deploy call fails in a way that leaves open whether the server started the deployment (a
 * reset connection, a timeout, a 5xx), `DeploymentOutcomeUnknownError` says so and how to check,
 * and the draft is left as it is (an abort then: `DeployCallAbortedError`). If `changes` throws or the deploy call fails
 * otherwise, a draft this call opened is discarded (so the app is as before) and the original
 * error is thrown; if the discard fails too, that error rides on it as `discardError` (a `DraftDiscardError`, or, for a thrown non-object, the two come together
 * in an `AggregateError`). A reused draft is left open: it held changes before this call. If
 * opening the draft fails after the request may have reached the server (its answer lost), the
 * draft it may have made is left open: it cannot be told from one another process of the same
 * user opened meanwhile. The next call meets it as already open (`DraftAlreadyExistsError` says
 * it changes nothing; `onExistingDraft: "discard"` drops it).
 *
 * @example
 * const deployment = await deployWithDraft(admin, { groupId, appId }, async (client) => {
 *   await client.values.createValue({ groupId, appId, body: { name: "x", private: false, value: 1 } });
 * }); // deployment.status === "successful"
 */
export async function deployWithDraft<C extends DeployClient>(
  client: C,
  options: DeployWithDraftOptions,
  changes: DraftChanges<C>,
): Promise<SuccessfulDeployment> {
  const { groupId, appId, name, signal } = options;
  assertAppId(appId, "deployWithDraft");
  const plan = planPolling(options);
  const target = { groupId, appId, signal };
  const { draft, created } = await openDraft(client, target, options.onExistingDraft ?? "fail");
  let started: Deployment;
  let deploying = false;
  try {
    await changes(client, draft, { groupId, appId, signal });
    // With an aborted signal the runtime refuses this call before sending it, so an abort during
    // `changes` ends with the draft discarded; an abort once it is sent may come after the server
    // started the deployment.
    deploying = signal?.aborted !== true;
    started = await client.call(
      DeployDraft,
      { groupId, appId, draftId: draft._id, ...(name === undefined ? {} : { body: { name } }) },
      { signal },
    );
  } catch (error) {
    // The deployment may be running from this draft: discarding it now could not undo that. A
    // 5xx says the server failed, not that it did nothing: it may have failed after starting it.
    if (deploying && answerLost(error)) {
      const at = { groupId, appId, draftId: draft._id };
      // The caller's abort stays an AdminAbortError.
      throw error instanceof AdminAbortError
        ? new DeployCallAbortedError(at, error)
        : new DeploymentOutcomeUnknownError({ ...at, cause: error });
    }
    throw created ? await discardAfter(client, target, draft._id, error) : error;
  }
  if (typeof (started as Deployment | null)?._id !== "string") {
    throw new AdminError(`deploying draft ${draft._id} answered without a deployment _id`);
  }
  return pollDeployment(client, { ...options, deploymentId: started._id }, plan, started);
}
