import { unsupported } from "./action-routes.js";
import { APP_BASE } from "./collections.js";
import { HttpError, invalidParameter, type Reply, type RequestContext } from "./http.js";
import { newObjectId } from "./ids.js";
import { resourceNotFound } from "./resource-errors.js";
import type { ResourceContext } from "./resource-routes.js";
import { replyFor } from "./responses.js";
import type { AppState } from "./state.js";
import { measurementPeriod } from "./measurement-period.js";

/** Environments an app can be tagged with (realm-cli internal/cloud/realm/realm.go EnvironmentValues; "" is none). */
export const ENVIRONMENTS = ["", "development", "testing", "qa", "production"];

/**
 * Registers the app-level operations that act on the app itself rather than a collection: the
 * environment tag, hosting enable/disable (status `setup_ok` once enabled, docs 002 "Get Hosting
 * Configuration"), a service's config (the service's own `config`), linking data sources, metrics,
 * and the operations that need a real deployment (501).
 */
export function registerAppLevelRoutes(rc: ResourceContext): void {
  const route = (
    method: string,
    path: string,
    operation: string,
    handler: (ctx: RequestContext, app: AppState) => unknown,
    status?: number,
  ) =>
    rc.router.add({
      method,
      template: APP_BASE + path,
      operation,
      options: { auth: "access" },
      handler: (ctx): Reply => {
        const app = rc.state.requireApp(ctx.params.groupId!, ctx.params.appId!);
        const data = handler(ctx, app);
        const op = rc.registry?.operation(operation);
        return op
          ? replyFor(rc.registry, operation, op, data, status)
          : { status: status ?? 200, body: data };
      },
    });

  route("PUT", "/environment", "adminSetEnvironment", (ctx, app) => {
    const environment = (ctx.json as { environment?: unknown } | undefined)?.environment ?? "";
    if (typeof environment !== "string" || !ENVIRONMENTS.includes(environment))
      throw invalidParameter(
        "body.environment",
        `must be one of ${ENVIRONMENTS.map((e) => `'${e}'`).join(", ")}`,
      );
    app.app.environment = environment;
    return app.app;
  });

  route("GET", "/hosting/config", "adminGetHostingConfig", (_ctx, app) => hostingConfig(app));
  route("PATCH", "/hosting/config", "adminEnableDisableHosting", (ctx, app) => {
    const enabled = (ctx.json as { enabled?: unknown } | undefined)?.enabled;
    if (typeof enabled !== "boolean") throw invalidParameter("body.enabled", "must be a boolean");
    setHosting(app, enabled);
    return undefined;
  });

  for (const [method, operation] of [
    ["GET", "adminGetServiceConfig"],
    ["PATCH", "adminUpdateServiceConfig"],
  ] as const) {
    route(method, "/services/{serviceId}/config", operation, (ctx, app) => {
      const service = app.store.get("services", ctx.params.serviceId!);
      if (!service) throw resourceNotFound("services", ctx.params.serviceId!);
      if (method === "PATCH") {
        const config = {
          ...(service.config as object | undefined),
          ...(ctx.json as object | undefined),
        };
        app.store.put("services", service._id as string, { ...service, config });
        return undefined;
      }
      return { name: service.name, type: service.type, config: service.config ?? {} };
    });
  }
  route("GET", "/service/{serviceId}/config", "adminGetFlexSync", (ctx, app) => {
    const service = app.store.get("services", ctx.params.serviceId!);
    if (!service) throw resourceNotFound("services", ctx.params.serviceId!);
    const config = (service.config ?? {}) as { clusterName?: string; flexible_sync?: unknown };
    return {
      clusterId: service._id,
      clusterName: config.clusterName,
      flexible_sync: config.flexible_sync,
    };
  });

  route(
    "POST",
    "/multi_data_sources",
    "adminLinkMultiDataSources",
    (ctx, app) => {
      const list = Array.isArray(ctx.json) ? ctx.json : [];
      return list.map((source: Record<string, unknown>) => {
        const _id = newObjectId(app.now());
        const service = { ...source, _id };
        app.store.put("services", _id, service);
        return service;
      });
    },
    201,
  );

  route(
    "POST",
    "/security/allow_non_vpc_client_requests",
    "allowNonVpcClientRequests",
    (ctx, app) => {
      app.store.setSetting("security/allow_non_vpc_client_requests", ctx.json ?? {});
      return undefined;
    },
  );

  for (const [path, operation] of [
    ["/measurements", "adminAppMeasurements"],
    ["/metrics", "adminGetMetrics"],
  ] as const) {
    route("GET", path, operation, (ctx, app) => usage(ctx, app));
  }

  route("POST", "/users/verify_token", "adminVerifyUserAccessToken", () => {
    // The emulator issues no app-user tokens, so none can be valid.
    throw new HttpError(
      401,
      "invalid session: token is not an app user's access token",
      "InvalidSession",
    );
  });
  for (const [method, suffix, operation] of [
    ["DELETE", "", "adminDeletePendingEmailPasswordUser"],
    ["POST", "/confirm", "adminConfirmPendingUser"],
    ["POST", "/run_confirm", "adminRerunPendingUserConfirmation"],
    ["POST", "/send_confirm", "adminSendConfirmationEmail"],
  ] as const) {
    // Every user the emulator creates is confirmed, so there is never a pending one to act on.
    route(method, `/user_registrations/by_email/{email}${suffix}`, operation, (ctx) => {
      throw resourceNotFound("pending_users", ctx.params.email!);
    });
  }
  route("POST", "/graphql", "adminRunGraphQLOperation", () => {
    throw unsupported("a GraphQL operation");
  });
}

/** The hosting configuration as the API shows it. */
export function hostingConfig(app: AppState): Record<string, unknown> {
  const stored = (app.store.setting("hosting/config") ?? { enabled: false }) as Record<
    string,
    unknown
  >;
  return stored;
}

/** Enables (status `setup_ok`, a default domain) or disables hosting. */
export function setHosting(
  app: AppState,
  enabled: boolean,
  extra: Record<string, unknown> = {},
): void {
  app.store.setSetting(
    "hosting/config",
    enabled
      ? {
          ...extra,
          enabled: true,
          status: "setup_ok",
          default_domain: {
            provider_type: "aws",
            config: { app_default_domain: `${app.app.client_app_id}.mongodbstitch.com` },
          },
        }
      : { ...extra, enabled: false },
  );
}

/** Usage over the asked period: the emulator meters nothing, so every measurement is empty. */
function usage(ctx: RequestContext, app: AppState): Record<string, unknown> {
  const { start, end } = measurementPeriod(ctx.query, app.now());
  return {
    start,
    end,
    granularity: ctx.query.get("granularity") ?? "P31D",
    group_id: app.app.group_id,
    appId: app.app._id,
    app_id: app.app._id,
    app_name: app.app.name,
    measurements: [],
  };
}
