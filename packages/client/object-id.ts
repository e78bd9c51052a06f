import { AdminInvalidAppIdError } from "../core/errors.js";

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** True for a 24-hex-character ObjectId string (an app's `_id`, a group id, ...). */
export function isObjectId(value: unknown): value is string {
  return typeof value === "string" && OBJECT_ID.test(value);
}

/**
 * Fails fast, before any request, when an `appId` is not an ObjectId. The server would answer
 * with a confusing 404 or 400; nearly always the value is the app's `client_app_id`, which
 * `findApp` resolves to the `_id` (the error says so). `operationId` names the operation or
 * helper that was called, for the error.
 *
 * @example
 * assertAppId(params.appId, "waitForDeployment");
 */
export function assertAppId(appId: unknown, operationId: string): asserts appId is string {
  if (!isObjectId(appId)) throw new AdminInvalidAppIdError(String(appId), operationId);
}
