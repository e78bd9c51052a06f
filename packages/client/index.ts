// The client runtime: createAdminClient, the error hierarchy, and the types around them.
export {
  createAdminClient,
  rawCallError,
  rawCallOptions,
  type AdminClient,
} from "./create-admin-client.js";
export { rawClient } from "./raw-client.js";
export {
  createAdminCore,
  type AdminCaller,
  type AdminCore,
  type CallArgs,
} from "./create-admin-core.js";
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from "./client-options.js";
export { type AdminClientOptions, type AdminSession, type RawCallControl } from "./runtime.js";
export type { CallOptions } from "./call-options.js";
export type { BodyFactory } from "./context.js";
export type { AdminLogger } from "../core/logger.js";
export type { Clock } from "../core/clock.js";
export { isObjectId } from "./object-id.js";
export { Redactor } from "../core/redact.js";
export { SDK_USER_AGENT, SDK_VERSION } from "../core/user-agent.js";
export {
  DEFAULT_RETRIES,
  IDEMPOTENT_METHODS,
  RETRYABLE_STATUSES,
  MAX_RETRY_AFTER_MS,
} from "./retry.js";
export {
  AdminAbortError,
  AdminApiError,
  AdminAuthError,
  AdminBadRequestError,
  AdminConflictError,
  AdminConnectionError,
  AdminError,
  AdminInvalidAppIdError,
  AdminPathParameterError,
  AdminNotFoundError,
  AdminPermissionError,
  AdminRateLimitError,
  AdminServerError,
  AdminTimeoutError,
  createApiError,
  type RequestTarget,
} from "../core/errors.js";
