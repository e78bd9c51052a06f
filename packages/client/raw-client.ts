import createClient, {
  createQuerySerializer,
  defaultPathSerializer,
  type Client,
} from "openapi-fetch";
import { sendOperation, type OperationInfo, type OperationInit } from "../../generated/contract.js";
import type { paths } from "../../generated/schema.js";
import { runtimeOf, type AdminCore } from "./create-admin-core.js";
import type { CallContext } from "./context.js";
import type { FetchLayer } from "./fetch-layer.js";
import type { Through } from "./invoke.js";
import { sendRaw } from "./bounded-body.js";
import { fromRequest } from "./outgoing.js";
import { createPathSerializer } from "./path-serializer.js";
import type { AdminRuntime } from "./runtime.js";
import { SourcedRequest } from "./sourced-request.js";

/**
 * The typed openapi-fetch client on a core's runtime: the `raw` of `createAdminClient`, for a
 * client made by `createAdminCore` (which leaves openapi-fetch out of its bundles). Same session,
 * refresh, retries, timeouts and redaction as the core's calls; the same client every time for
 * one core, so a middleware registered on it stays registered.
 *
 * @example
 * const core = createAdminCore({ credentials: { publicKey, privateKey } });
 * const { data } = await rawClient(core).GET("/groups/{groupId}/apps", { params: { path: { groupId } } });
 */
export function rawClient(client: AdminCore): Client<paths> {
  const runtime = runtimeOf(client);
  return (runtime.raw ??= createRawClient(runtime));
}

/** A new openapi-fetch client sending through `runtime`'s fetch layer. */
function createRawClient(runtime: AdminRuntime): Client<paths> {
  const raw = createClient<paths>({
    baseUrl: runtime.baseUrl,
    fetch: rawFetch(runtime),
    headers: { "User-Agent": runtime.userAgent },
    // openapi-fetch's default, built once here rather than on every call.
    querySerializer: createQuerySerializer(),
    // The runtime's checks, and openapi-fetch's own serializer for a label, matrix or explode
    // style, which a template given to `raw` may use though no operation of this API does.
    pathSerializer: createPathSerializer(runtime.baseUrl, runtime.redactor, defaultPathSerializer),
    // Keeps each body's source, so that attempts send it without copying or cloning the Request.
    Request: SourcedRequest,
  });
  throughWhileUsed(raw, runtime.through, runtime.layer);
  return raw;
}

/**
 * A middleware reads the Requests openapi-fetch builds: while one is registered on `raw`,
 * namespace calls go through openapi-fetch too (`through.client`). Kept count of as openapi-fetch
 * keeps them: `use` adds each one it accepts (one at a time, so one it refuses leaves the earlier
 * ones added, as there), `eject` removes one of each it finds.
 */
export function throughWhileUsed(raw: Client<paths>, through: Through, layer: FetchLayer): void {
  // sendOperation reads only the fields OperationRef has.
  const send: Through["send"] = (ctx, info, params, signal, headers, accepted) =>
    sendOperation(
      raw,
      info as OperationInfo,
      params,
      viaOpenapiFetch(layer, ctx, signal, headers, accepted),
    );
  const { use, eject } = raw;
  const registered: unknown[] = [];
  raw.use = (...middleware) => {
    for (const m of middleware) {
      if (!m) continue;
      use(m);
      registered.push(m);
      through.send = send;
    }
  };
  raw.eject = (...middleware) => {
    eject(...middleware);
    for (const m of middleware) {
      const at = registered.indexOf(m);
      if (at !== -1) registered.splice(at, 1);
    }
    if (registered.length === 0) through.send = undefined;
  };
}

/**
 * The client-level fetch of `raw` calls: each Request through the runtime's fetch layer (session,
 * retries, timeouts) with the client's timeout and retry budget.
 */
export function rawFetch(runtime: AdminRuntime): (request: Request) => Promise<Response> {
  return (request) => sendRaw(runtime.layer, request, runtime.defaults);
}

// The init for `sendOperation` when the call goes through openapi-fetch (a middleware is registered): the
// controller's signal is not given to it, the transport sends each attempt under it instead.
function viaOpenapiFetch(
  layer: FetchLayer,
  ctx: CallContext,
  signal: AbortSignal | undefined,
  headers: Record<string, string> | undefined,
  accepted: { mediaType: string; parseAs: "json" | "text" | "blob" } | undefined,
): OperationInit {
  const init: OperationInit = { fetch: (request) => layer(fromRequest(request), ctx) };
  if (signal) init.signal = signal;
  if (accepted) {
    init.headers = { ...headers, Accept: accepted.mediaType };
    init.parseAs = accepted.parseAs;
  } else if (headers) init.headers = headers;
  return init;
}
