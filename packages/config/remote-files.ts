import type { AdminCaller } from "../client/create-admin-core.js";
import { GetApplication, PullAppConfiguration } from "../../generated/operations/apps.js";
import type { AppTarget } from "./import-call.js";
import { renderAppFiles } from "./render-files.js";

/**
 * The app's configuration as the folder files a pull writes: `GET …/pull` as JSON (the API's
 * `PushPullAppConfig`; the same endpoint answers a zip when asked for one, which this SDK does
 * not unpack) and `GET …/apps/{appId}` for what the root config needs besides (`client_app_id`,
 * `location`), in parallel, rendered by `renderAppFiles`.
 */
export async function fetchAppFiles(
  client: AdminCaller,
  target: AppTarget,
): Promise<Map<string, string>> {
  const { groupId, appId, signal } = target;
  const [config, app] = await Promise.all([
    client.call(PullAppConfiguration, { groupId, appId }, { signal, accept: "application/json" }),
    client.call(GetApplication, { groupId, appId }, { signal }),
  ]);
  return renderAppFiles(config, { groupId, app });
}
