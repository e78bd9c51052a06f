// The deploy workflow (draft, change, deploy, wait) and finding an app's `_id`.
export {
  deployWithDraft,
  type DeployWithDraftOptions,
  type DraftChanges,
  type DraftContext,
} from "./deploy-with-draft.js";
export {
  waitForDeployment,
  type DeployClient,
  type SuccessfulDeployment,
  type WaitForDeploymentOptions,
} from "./wait-for-deployment.js";
export type { ExistingDraftPolicy, OpenDraft } from "./draft.js";
export {
  findApp,
  APP_PRODUCTS,
  type AppProduct,
  type AppsClient,
  type FindAppOptions,
  type FoundApp,
} from "./find-app.js";
export {
  DEFAULT_DEPLOY_TIMEOUT_MS,
  DEFAULT_DEPLOY_POLL_INTERVAL_MS,
  MAX_DEPLOY_POLL_INTERVAL_MS,
  type PollSettings,
} from "./polling.js";
export {
  AmbiguousAppError,
  AppNotFoundError,
  DeployCallAbortedError,
  DeploymentFailedError,
  DeploymentOutcomeUnknownError,
  DeploymentTimeoutError,
  DeploymentWaitAbortedError,
  DeploymentWaitError,
  DraftAlreadyExistsError,
  DraftDiscardError,
  type AppCandidate,
} from "./errors.js";
