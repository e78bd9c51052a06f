import type { AdminClient } from "../client/create-admin-client.js";
import type { AppTarget } from "./import-call.js";
import { renderAppFiles } from "./render-files.js";

/**
 * The app's configuration as the folder files a pull writes: `GET …/pull` as JSON (the API's
 * `PushPullAppConfig`; the same endpoint answers a zip when asked for one, which this SDK does
 * not unpack) and `GET …/apps/{appId}` for what the root config needs besides (`client_app_id`,
 * `location`), in parallel, rendered by `renderAppFiles`.
 */
export async function fetchAppFiles(
  client: AdminClient,
  target: AppTarget,
): Promise<Map<string, string>> {
  const { groupId, appId, signal } = target;
  const json = { signal, headers: { Accept: "application/json" } };
  const [config, app] = await Promise.all([
    client.apps.pullAppConfiguration({ groupId, appId }, json),
    client.apps.getApplication({ groupId, appId }, { signal }),
  ]);
  return renderAppFiles(config, { groupId, app });
}
