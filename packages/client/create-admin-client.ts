import type { Client } from "openapi-fetch";
import { createNamespaces, type AdminNamespaces } from "../../generated/client.js";
import type { paths } from "../../generated/schema.js";
import {
  createAdminCore,
  registerRuntime,
  runtimeOf,
  type AdminCore,
} from "./create-admin-core.js";
import { rawClient } from "./raw-client.js";
import type { AdminClientOptions } from "./runtime.js";

export { rawCallError, rawCallOptions } from "./create-admin-core.js";

/** The client: one namespace per API tag, plus the typed openapi-fetch client, the session and `call`. */
export type AdminClient = AdminNamespaces &
  AdminCore & {
    /** The typed openapi-fetch client underneath, for anything the namespaces do not cover. */
    readonly raw: Client<paths>;
  };

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
  const core = createAdminCore(options);
  const runtime = runtimeOf(core);
  const namespaces = createNamespaces(runtime.invoke);
  for (const reserved of [...Object.keys(core), "raw"]) {
    if (reserved in namespaces)
      throw new Error(`generated namespace "${reserved}" collides with an AdminClient member`);
  }
  const client = Object.assign(namespaces, core);
  // Built on first read: a program that only calls operations never needs openapi-fetch's client.
  Object.defineProperty(client, "raw", {
    enumerable: true,
    get: () => rawClient(client),
  });
  return registerRuntime(client as AdminClient, runtime);
}
