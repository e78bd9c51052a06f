import type { AdminCaller } from "../client/create-admin-core.js";
import { GetDeployment } from "../../generated/operations/deploy.js";
import type { Deployment } from "../../generated/models.js";
import { systemClock, type Clock } from "../core/clock.js";
import { AdminAbortError, AdminError, type RequestTarget } from "../core/errors.js";
import {
  DeploymentFailedError,
  DeploymentTimeoutError,
  DeploymentWaitAbortedError,
  DeploymentWaitError,
} from "./errors.js";
import { assertAppId } from "../client/object-id.js";
import { requestPath } from "../client/request-path.js";
import { planPolling, type PollPlan, type PollSettings } from "./polling.js";

/** What the deploy helpers need of a client: `call` (`createAdminClient` and `createAdminCore` give it). */
export type DeployClient = AdminCaller;

/** A deployment that reached `successful`. */
export type SuccessfulDeployment = Deployment & { _id: string; status: "successful" };

/** Options of `waitForDeployment`. */
export interface WaitForDeploymentOptions extends PollSettings {
  groupId: string;
  /** The app's `_id` (an ObjectId), not its `client_app_id`: see `findApp`. */
  appId: string;
  deploymentId: string;
  /** Stops waiting (`DeploymentWaitAbortedError`); the deployment itself goes on. */
  signal?: AbortSignal | undefined;
  /**
   * How long to wait in ms (default 10 minutes; `0` or `Infinity`: no limit). Checked between
   * reads; a read in flight is bounded by the client's own `timeoutMs`. For a hard stop, pass
   * `signal: AbortSignal.timeout(ms)`.
   */
  timeoutMs?: number | undefined;
  /** Called with each new status as it is read (`pending`, `successful`, ...). */
  onStatus?: ((status: string, deployment: Deployment) => void) | undefined;
  /** Time source for the waits and the deadline (default: the system clock); for tests. */
  clock?: Clock | undefined;
}

/**
 * Waits for a deployment to finish, reading `GET …/deployments/{deploymentId}` with backoff
 * (100 ms doubling to 2 s by default). Resolves with the deployment once `successful`; throws
 * `DeploymentFailedError` (with the server's `status_error_message`) once `failed`,
 * `DeploymentTimeoutError` after `timeoutMs`, `DeploymentWaitAbortedError` when `signal` fires.
 * For deployments started elsewhere: a redeploy, a GitHub push, another process.
 *
 * @example
 * const done = await waitForDeployment(admin, { groupId, appId, deploymentId,
 *   onStatus: (status) => log(`deployment ${status}`) });
 */
export async function waitForDeployment(
  client: DeployClient,
  options: WaitForDeploymentOptions,
): Promise<SuccessfulDeployment> {
  assertAppId(options.appId, "waitForDeployment");
  return pollDeployment(client, options, planPolling(options), undefined);
}

/**
 * The wait itself. `started` is the deploy call's answer when there is one: it counts as the
 * first read, so the first request waits one interval instead of going out at once. Its caller
 * (`deployWithDraft`'s) was never told the deployment's id, so a failed read then comes as a
 * `DeploymentWaitError` carrying it; `waitForDeployment`'s caller gave it, and gets the read's
 * own error.
 */
export async function pollDeployment(
  client: DeployClient,
  options: WaitForDeploymentOptions,
  { delays, limitMs }: PollPlan,
  started: Deployment | undefined,
): Promise<SuccessfulDeployment> {
  const { groupId, appId, deploymentId, signal, onStatus } = options;
  const clock = options.clock ?? systemClock;
  const deadline = clock.now() + limitMs;
  const target: RequestTarget = {
    method: "GET",
    path: requestPath("/groups/{groupId}/apps/{appId}/deployments/{deploymentId}", {
      groupId,
      appId,
      deploymentId,
    }),
    operationId: "adminGetDeployment",
  };
  let last = started;
  let reported: string | undefined;
  const failure = (error: unknown): unknown => {
    if (!signal?.aborted)
      return started ? new DeploymentWaitError(deploymentId, last!, error) : error;
    const cause = error instanceof AdminAbortError ? error.cause : signal.reason;
    return new DeploymentWaitAbortedError(target, deploymentId, last, cause);
  };

  for (let read = started === undefined; ; read = true) {
    if (read) {
      try {
        if (signal?.aborted) throw signal.reason;
        last = await client.call(GetDeployment, { groupId, appId, deploymentId }, { signal });
      } catch (error) {
        throw failure(error);
      }
    }
    const current = last;
    // A 2xx with no deployment in it is the server's fault, said as such rather than a TypeError.
    if (typeof current !== "object" || current === null) {
      const error = new AdminError(
        `reading deployment ${deploymentId} answered without a deployment`,
      );
      // `started` is the deploy call's answer, checked by the caller: `current` is a later read.
      throw started ? new DeploymentWaitError(deploymentId, started, error) : error;
    }
    const status = typeof current.status === "string" ? current.status : "";
    if (status !== reported) {
      reported = status;
      onStatus?.(status, current);
    }
    if (status === "successful") return { ...current, _id: current._id ?? deploymentId, status };
    if (status === "failed") throw new DeploymentFailedError(deploymentId, current);
    const remaining = deadline - clock.now();
    if (remaining <= 0) throw new DeploymentTimeoutError(deploymentId, limitMs, current);
    try {
      await clock.sleep(Math.min(delays.next().value, remaining), signal);
    } catch (error) {
      throw failure(error);
    }
  }
}
