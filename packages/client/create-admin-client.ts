import { createNamespaces, type AdminNamespaces } from "../../generated/client.js";
import { buildCore, registerRuntime, type AdminCore } from "./create-admin-core.js";
import type { AdminClientOptions } from "./runtime.js";

export { rawCallError, rawCallOptions } from "./create-admin-core.js";

/** The client: one namespace per API tag, plus the typed openapi-fetch client, the session and `call`. */
export type AdminClient = AdminNamespaces & AdminCore;

/**
 * Creates an Admin API client. All requests, namespace calls and `raw` calls alike, go through one
 * fetch layer that injects the session, refreshes and replays, retries and times out (see
 * `AdminClientOptions`); `raw` calls are built by openapi-fetch, namespace calls by the runtime.
 *
 * @example
 * const admin = createAdminClient({ credentials: { publicKey, privateKey } });
 * const apps = await admin.apps.listApplications({ groupId });
 */
export function createAdminClient(options: AdminClientOptions = {}): AdminClient {
  const { core, runtime } = buildCore(options);
  const namespaces = createNamespaces(runtime.invoke);
  for (const reserved of Object.keys(core)) {
    if (reserved in namespaces)
      throw new Error(`generated namespace "${reserved}" collides with an AdminClient member`);
  }
  return registerRuntime(Object.assign(namespaces, core), runtime);
}
