import type { AcceptOption, Operation } from "../../generated/contract.js";
import type { CallOptions } from "./call-options.js";
import { sendRaw } from "./bounded-body.js";
import { callLimits } from "./client-options.js";
import type { CallContext } from "./context.js";
import { createApiError, type AdminApiError, type RequestTarget } from "../core/errors.js";
import {
  createRuntime,
  type AdminClientOptions,
  type AdminRuntime,
  type AdminSession,
  type RawCallControl,
} from "./runtime.js";

/** `call`'s arguments after the operation: `params` may be left out when nothing in it is required. */
export type CallArgs<P> = {} extends P
  ? [params?: P, options?: CallOptions]
  : [params: P, options?: CallOptions];

/**
 * The client without the generated namespaces and without openapi-fetch: the session and `call`
 * for one operation descriptor at a time. A bundle of it holds only the operations it imports;
 * `createAdminClient` adds every namespace and `raw` on top of the same runtime, and
 * `rawClient(core)` gives a core the same `raw`.
 */
export interface AdminCore {
  /** Read, restore and end the session. */
  readonly session: AdminSession;
  /** Same as `session.logout()`. */
  logout(): Promise<void>;
  /**
   * Calls one generated operation given as its descriptor (`ListApplications` from
   * `appservices-admin/operations/apps`), exactly as the namespace method would: same session,
   * retries, timeouts, `appId` check; resolves to the 2xx body or throws an `AdminError`.
   */
  call<P, R>(operation: Operation<P, R>, ...args: CallArgs<P>): Promise<R>;
  /**
   * The same for an operation that offers several response media types, asking for the one in
   * `options.accept` (sent as `Accept`): resolves to that media type's result (`Blob` for
   * `application/zip`).
   */
  call<P, R, A, K extends keyof A>(
    operation: Operation<P, R, A>,
    params: P,
    options: CallOptions & AcceptOption<K>,
  ): Promise<A[K]>;
}

/**
 * What the helpers (`iterateLogs`, `syncHosting`, `findApp`, `deployWithDraft`, ...) need of a
 * client: `call`. Both `createAdminClient` and `createAdminCore` give it, so every helper works
 * with either, and a bundle of the small client plus a helper holds only the operations it calls.
 */
export type AdminCaller = Pick<AdminCore, "call">;

const runtimes = new WeakMap<object, AdminRuntime>();

/**
 * Creates a client without namespaces (same options as `createAdminClient`). Use it with the
 * per-tag descriptor modules when bundle size matters.
 *
 * @example
 * import { ListApplications } from "appservices-admin/operations/apps";
 * const admin = createAdminCore({ credentials: { publicKey, privateKey } });
 * const apps = await admin.call(ListApplications, { groupId });
 */
export function createAdminCore(options: AdminClientOptions = {}): AdminCore {
  const runtime = createRuntime(options);
  return registerRuntime(
    {
      session: runtime.session,
      logout: runtime.session.logout,
      // With `options.accept` the result is the asked-for media type's (see the overloads).
      call: ((operation: Operation<unknown, unknown>, params?: object, options?: CallOptions) =>
        runtime.invoke(
          operation,
          (params ?? {}) as Readonly<Record<string, unknown>>,
          options,
        )) as AdminCore["call"],
    },
    runtime,
  );
}

/** Remembers which runtime a client object uses, for `rawCallOptions`. */
export function registerRuntime<C extends AdminCore>(client: C, runtime: AdminRuntime): C {
  runtimes.set(client, runtime);
  return client;
}

/**
 * The typed error for a `raw` call's non-2xx result, built as namespace calls build theirs (same
 * class by status, same redaction of this client's keys and tokens).
 *
 * @example
 * const { data, error, response } = await admin.raw.GET("/groups/{groupId}/apps", { params });
 * if (!response.ok) throw rawCallError(admin, { method: "GET", path: `/groups/${groupId}/apps` }, response, error);
 */
export function rawCallError(
  client: AdminCore,
  target: RequestTarget,
  response: Response,
  body: unknown,
): AdminApiError {
  const { redactor, now } = runtimeOf(client);
  return createApiError(
    {
      ...target,
      status: response.status,
      statusText: response.statusText,
      body,
      headers: response.headers,
      now: now(),
    },
    redactor,
  );
}

/** Whether `client` was made by `createAdminClient` or `createAdminCore`. */
export function madeByFactory(client: object): client is AdminCore {
  return runtimes.has(client);
}

/** The runtime behind a client made by `createAdminClient` or `createAdminCore`. */
export function runtimeOf(client: AdminCore): AdminRuntime {
  const runtime = runtimes.get(client);
  if (!runtime) {
    throw new TypeError("expected a client made by createAdminClient or createAdminCore");
  }
  return runtime;
}

/**
 * Per-call controls for a `raw` call, to spread into its init: a body factory for a stream body,
 * a timeout or retry budget of its own.
 *
 * @example
 * await admin.raw.PUT(path, { params, body, ...rawCallOptions(admin, { bodyFactory: () => open() }) });
 */
export function rawCallOptions(
  client: AdminCore,
  control: RawCallControl,
): { fetch: (request: Request) => Promise<Response> } {
  const { layer, defaults } = runtimeOf(client);
  const limits: CallContext = {
    ...callLimits(control, defaults),
    bodyFactory: control.bodyFactory,
  };
  return { fetch: (request) => sendRaw(layer, request, limits) };
}
