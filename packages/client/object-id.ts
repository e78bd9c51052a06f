import { AdminInvalidAppIdError } from "./errors.js";

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** True for a 24-hex-character ObjectId string (an app's `_id`, a group id, ...). */
export function isObjectId(value: unknown): value is string {
  return typeof value === "string" && OBJECT_ID.test(value);
}

/**
 * Fails fast when an operation with an `appId` path parameter is given something that is not an
 * ObjectId. The server would answer with a confusing 404 or 400; nearly always the value is the
 * app's `client_app_id`, which `findApp` resolves to the `_id`.
 */
export function assertAppId(
  info: { operationId: string; pathParams: readonly string[] },
  params: Readonly<Record<string, unknown>>,
): void {
  if (!info.pathParams.includes("appId")) return;
  const appId = params["appId"];
  if (typeof appId === "string" && !OBJECT_ID.test(appId))
    throw new AdminInvalidAppIdError(appId, info.operationId);
}
